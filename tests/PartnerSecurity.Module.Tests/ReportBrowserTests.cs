using System.Diagnostics;
using System.Text.RegularExpressions;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The HTML report of the demo assessment in headless Chromium (Debian's chromium, which .ci/run installs): the page
/// renders its tables, a hostile display name shows as text, clicking a column sorts the users, no script error reaches
/// the console, and a screenshot is taken. Without chromium it fails saying what to install, as the keyring tests do.
/// </summary>
public class ReportBrowserTests
{
    internal static string? Chromium() =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);

    private static (string Stdout, string Stderr) Run(string chromium, params string[] args)
    {
        var start = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--enable-logging=stderr", "--v=0" }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish in 2 minutes");
        return (stdout.Result, stderr.Result);
    }

    [Fact]
    public void The_demo_report_renders_sorts_and_shows_hostile_text_as_text_in_chromium()
    {
        var chromium = Chromium() ?? throw new InvalidOperationException("chromium is not installed: apt-get install chromium (.ci/run installs it).");

        // The demo, with a hostile display name added to a customer user's verdict on the way to the report.
        var folder = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var html = Path.Combine(folder, "assessment.html");
        using (var session = PartnerSecurityScoreTests.Demo())
        {
            var run = session.Run($"""
                $a = Invoke-PartnerSecurityAssessment -AllCustomers 2>$null 3>$null
                $u = ($a | Where-Object IsPartnerTenant).Users[0]
                $u.DisplayName = '<img src=x onerror=alert(1)><script>document.title="pwned"</script>' + [char]27 + '[2J'
                $a | Export-PartnerSecurityReport {PowerShellSession.Quote(html)}
                """);
            Assert.True(run.Succeeded, string.Join(" | ", run.Errors));
        }

        // The page as rendered, after a click on the "Status" column of the partner's user table, twice.
        var probe = Path.Combine(folder, "probe.html");
        var page = File.ReadAllText(html);
        var (dom, log) = Run(chromium!, "--virtual-time-budget=5000", "--dump-dom", new Uri(html).AbsoluteUri);
        Assert.Contains("<table class=\"sortable users\" id=\"users-0\">", dom);
        Assert.Contains("Partner security assessment", dom);
        Assert.DoesNotContain("pwned", Regex.Match(dom, "<title>.*?</title>").Value);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;", dom);
        Assert.DoesNotMatch(@"Uncaught|SyntaxError|Refused to execute", log);

        // Sorting: the same page with a probe added to its script, which clicks the Status header of the partner's users
        // twice and writes the first row's status after each click into the page, for --dump-dom to show.
        var clicked = page.Replace("</body>",
            "<pre id=\"probe\"></pre></body>").Replace("window.addEventListener('beforeprint'",
            "setTimeout(function(){var th=document.querySelector('#users-0 th:nth-child(5)');th.click();var a=document.querySelector('#users-0 tbody tr td:nth-child(5)').textContent;th.click();var b=document.querySelector('#users-0 tbody tr td:nth-child(5)').textContent;document.getElementById('probe').textContent='SORTED '+a+' '+b;},0);window.addEventListener('beforeprint'");
        // The page's CSP pins the original script by hash: the probe's copy has its own.
        var script = Regex.Match(clicked, "<script>(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
        clicked = Regex.Replace(clicked, "script-src 'sha256-[^']+'", $"script-src 'sha256-{hash}'");
        File.WriteAllText(probe, clicked);
        var (sorted, sortLog) = Run(chromium!, "--virtual-time-budget=5000", "--dump-dom", new Uri(probe).AbsoluteUri);
        Assert.Matches(@"SORTED (Compliant|Partial|NotCompliant|Exempt|NotApplicable) (Compliant|Partial|NotCompliant|Exempt|NotApplicable)", sorted);
        var states = Regex.Match(sorted, @"SORTED (\w+) (\w+)");
        Assert.NotEqual(states.Groups[1].Value, states.Groups[2].Value); // ascending then descending: a different first row
        Assert.DoesNotMatch(@"Uncaught|SyntaxError|Refused to execute", sortLog);

        // A screenshot, as docs/assessment-report.png was taken.
        var shot = Path.Combine(folder, "report.png");
        Run(chromium!, "--window-size=1280,1800", "--screenshot=" + shot, new Uri(html).AbsoluteUri);
        Assert.True(new FileInfo(shot).Length > 50_000, "the screenshot is empty");
    }
}
