using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Invoke-PartnerSecurityAssessment and Export-PartnerSecurityReport on the demo and on hostile snapshots: the partner
/// tenant included, one error and an Unknown object for the unreadable customer, the view at 80 and 120 columns, the
/// report of two -Shard jobs equal to the report of one run, and tenant text escaped in HTML and CSV.
/// </summary>
public class AssessmentTests
{
    private static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void Every_customer_and_the_partner_tenant_are_assessed_and_the_unreadable_one_is_unknown_with_its_error()
    {
        using var session = PartnerSecurityScoreTests.Demo();
        var run = session.Run("Invoke-PartnerSecurityAssessment -AllCustomers 3>$null");
        var tenants = run.Output.ToDictionary(o => DemoSession.Prop(o, "TenantName"));
        Assert.Equal(new[] { "Adatum Legal", "Fabrikam Dental", "Northwind Cloud Partners", "Tailspin Logistics" }, tenants.Keys.OrderBy(k => k));
        Assert.Equal("True", DemoSession.Prop(tenants["Northwind Cloud Partners"], "IsPartnerTenant"));

        // Adatum's GDAP relationship has expired: one error, and its object says Unknown with the reason.
        var error = Assert.Single(run.Errors);
        Assert.Contains("AADSTS50020", error.ToString());
        dynamic adatum = tenants["Adatum Legal"];
        Assert.Equal(0, (int)adatum.Passed);
        foreach (dynamic r in adatum.Requirements)
        {
            Assert.True(r.Status.ToString() is "Unknown" or "NotApplicable", $"{r.Id}: {r.Status}");
            if (r.Status.ToString() == "Unknown") Assert.Contains("AADSTS50020", (string)r.Reason);
        }

        // The partner's MFA requirement: our figure beside Microsoft's, the users not covered listed, gaps first.
        dynamic partner = tenants["Northwind Cloud Partners"];
        var requirements = ((IEnumerable<object>)partner.Requirements).Cast<dynamic>().ToList();
        var all = requirements.Single(r => (string)r.Id == "MfaAllUsers");
        Assert.Equal("Failed", all.Status.ToString());
        Assert.Contains("users required to use MFA", (string)all.Microsoft);
        Assert.Contains("users covered at every sign-in", (string)all.Ours);
        Assert.Equal((int)partner.UsersExposed, ((IEnumerable<object>)all.Items).Count());
        var statuses = requirements.Select(r => r.Status.ToString()).ToList();
        Assert.Equal(statuses.OrderBy(s => s switch { "Failed" => 0, "Unknown" => 1, "Passed" => 2, _ => 3 }).ToList(), statuses);
        Assert.Equal(3, ((IEnumerable<object>)partner.TopFixes).Count());
        // Microsoft's score, recorded beside ours.
        Assert.Equal((double)PartnerSecurityScoreTests.Section("partnerSecurity")["securityScore"]!["currentScore"]!, (double)partner.MicrosoftScore);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void The_default_view_is_one_line_per_tenant_naming_its_gaps(int width)
    {
        using var session = PartnerSecurityScoreTests.Demo(width: width);
        var text = session.Show("Invoke-PartnerSecurityAssessment -AllCustomers 2>$null 3>$null");
        PartnerSecurityScoreTests.FitsIn(text, width);
        Assert.Contains("Northwind Cloud Partners *", text);
        Assert.Matches(new Regex(@"Tailspin Logistics\s+\d+%\s+\d+/\d+\s+\d+ MFA for every user"), text);
        Assert.Equal(4, text.Split('\n').Count(l => Regex.IsMatch(l, @"\d+%\s+\d+/\d+")));

        var requirements = session.Show("(Invoke-PartnerSecurityAssessment).Requirements");
        PartnerSecurityScoreTests.FitsIn(requirements, width);
        Assert.Matches(new Regex(@"^Failed\s+MFA for every user", RegexOptions.Multiline), requirements);
    }

    [Fact]
    public void The_report_of_two_shard_jobs_equals_the_report_of_one_run()
    {
        using var session = PartnerSecurityScoreTests.Demo();
        var whole = Temp("whole.json");
        var first = Temp("shard1.json");
        var second = Temp("shard2.json");
        string w = PowerShellSession.Quote(whole), f = PowerShellSession.Quote(first), s = PowerShellSession.Quote(second);
        var run = session.Run($$"""
            Invoke-PartnerSecurityAssessment -AllCustomers 2>$null 3>$null | Export-PartnerSecurityReport {{w}}
            Invoke-PartnerSecurityAssessment -AllCustomers -Shard 1/2 2>$null 3>$null | Export-PartnerSecurityReport {{f}}
            Invoke-PartnerSecurityAssessment -AllCustomers -Shard 2/2 2>$null 3>$null | Export-PartnerSecurityReport {{s}}
            foreach ($format in 'Html', 'Json', 'Csv') {
                Export-PartnerSecurityReport ({{w}} + '.' + $format) -AssessmentPath {{w}} -Format $format
                Export-PartnerSecurityReport ({{f}} + '.' + $format) -AssessmentPath {{f}}, {{s}} -Format $format
            }
            """);
        Assert.True(run.Succeeded, string.Join(" | ", run.Errors));
        // Each shard holds part of the tenants; together every one, the partner tenant once.
        int Count(string path) => JsonNode.Parse(File.ReadAllText(path))!["Tenants"]!.AsArray().Count;
        Assert.Equal(4, Count(whole));
        Assert.Equal(4, Count(first) + Count(second));
        Assert.InRange(Count(first), 1, 3);

        // The same report, apart from the times the tenants were read.
        static string Untimed(string text) => Regex.Replace(Regex.Replace(text, @"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?( UTC|Z|[+-]\d\d:\d\d)?", "TIME"), @"""(AssessedAt|GeneratedAt)"": ""[^""]*""", "TIME");
        foreach (var format in new[] { "Html", "Json", "Csv" })
            Assert.Equal(Untimed(File.ReadAllText(whole + "." + format)), Untimed(File.ReadAllText(first + "." + format)));
        Assert.Contains("Northwind Cloud Partners", File.ReadAllText(first + ".Html"));
    }

    [Fact]
    public void Hostile_tenant_text_is_escaped_in_html_and_neutralised_in_csv()
    {
        var snapshot = SnapshotFiles.Minimal();
        snapshot["tenant"]!["displayName"] = "=HYPERLINK(\"http://evil\") <script>alert(1)</script>";
        snapshot["securityDefaults"] = new JsonObject { ["isEnabled"] = false };
        var reader = (JsonObject)snapshot["users"]![1]!;
        reader["displayName"] = "<img src=x onerror=alert(2)>\u001b[2J\u202E'\"";
        reader["userPrincipalName"] = "+cmd|' /C calc'!A0@litware.onmicrosoft.com";
        var path = SnapshotFiles.Write(snapshot);
        var html = Temp("hostile.html");
        var csv = Temp("hostile.csv");
        using var session = new PowerShellSession();
        var run = session.Run($"""
            $null = Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)}
            $a = Invoke-PartnerSecurityAssessment 3>$null
            $a | Export-PartnerSecurityReport {PowerShellSession.Quote(html)}
            $a | Export-PartnerSecurityReport {PowerShellSession.Quote(csv)}
            $a.TenantName
            """);
        Assert.Equal("=HYPERLINK(\"http://evil\") <script>alert(1)</script>", run.Output.Last().ToString()); // the object keeps the true value

        var page = File.ReadAllText(html);
        Assert.DoesNotContain("<script>alert", page);
        Assert.DoesNotContain("<img src=x", page);
        Assert.DoesNotContain('\u001b', page);
        Assert.DoesNotContain('\u202E', page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;\\u001B[2J\\u202E&#39;&quot;", page);
        Assert.Single(Regex.Matches(page, "<script>"));                 // the page's own script, pinned by its hash
        Assert.Matches("script-src 'sha256-[A-Za-z0-9+/=]+'", page);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", page);         // nothing external

        var rows = File.ReadAllLines(csv);
        Assert.Contains(rows, r => r.StartsWith("\"7d1f2a3b-4c5d-4e6f-8091-a2b3c4d5e6f7\",\"'=HYPERLINK(\"\"http://evil\"\")", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(",\"'+cmd|' /C calc'!A0@litware.onmicrosoft.com\",", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => Regex.IsMatch(r, "(^|,)\"[=+\\-@\t\r]"));
    }

    [Fact]
    public void Sign_ins_scripts_and_what_if_feed_their_requirements_and_a_comparison_names_what_changed()
    {
        using var session = PartnerSecurityScoreTests.Demo();
        var corpus = Path.Combine(PowerShellSession.RepoRoot, "tests", "PartnerSecurity.ScriptAnalysis.Tests", "Corpus");
        var missing = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", "no-such-folder");
        var before = Temp("before.json");
        var run = session.Run($$"""
            $a = Invoke-PartnerSecurityAssessment -CustomerTenantId fabrikamdental.onmicrosoft.com -IncludeSignIns -ScriptPath {{PowerShellSession.Quote(corpus)}} 3>$null
            $a | Export-PartnerSecurityReport {{PowerShellSession.Quote(before)}}
            $a
            Invoke-PartnerSecurityAssessment -ScriptPath {{PowerShellSession.Quote(missing)}} 3>$null
            Invoke-PartnerSecurityAssessment -WhatIfRemovePolicy 'CA001*' 3>$null | Compare-PartnerSecurityAssessment {{PowerShellSession.Quote(before)}}
            """);
        Assert.True(run.Succeeded, string.Join(" | ", run.Errors));
        var tenants = run.Output.Where(o => o.Properties["TenantName"] != null && o.Properties["Score"] != null).Cast<dynamic>().ToList();
        dynamic partner = tenants[0].IsPartnerTenant ? tenants[0] : tenants[1];
        dynamic fabrikam = tenants[0].IsPartnerTenant ? tenants[1] : tenants[0];
        RequirementOf(partner, "LegacyAuthentication", "Failed");
        RequirementOf(partner, "SingleFactorSignIns", "Failed");
        var scripts = RequirementOf(partner, "CredentialAutomation", "Failed");
        Assert.NotEmpty((IEnumerable<object>)scripts.Items);
        // Fabrikam has no Entra ID P1 or P2: its sign-in requirements are Unknown, saying so; its budget is read.
        Assert.Contains("P1 or P2", (string)RequirementOf(fabrikam, "LegacyAuthentication", "Unknown").Reason);
        RequirementOf(fabrikam, "CredentialAutomation", "NotApplicable");
        Assert.Equal("Fabrikam Dental", (string)fabrikam.TenantName);

        // A script path that does not exist: Unknown, naming it.
        dynamic alone = tenants[2];
        Assert.Contains("no-such-folder", (string)RequirementOf(alone, "CredentialAutomation", "Unknown").Reason);

        // Removing the baseline policy regresses the partner's users, named one by one.
        var changes = run.Output.Where(o => o.Properties["Change"] != null).Cast<dynamic>().ToList();
        Assert.NotEmpty(changes);
        Assert.Equal("Regressed", changes[0].Change.ToString());
        Assert.Contains(changes, c => (string)c.Requirement == "User" && c.Change.ToString() == "Regressed");
        Assert.Contains(changes, c => (string)c.Requirement == "Tenant" && c.Change.ToString() == "Removed"); // Fabrikam, only before
    }

    private static dynamic RequirementOf(dynamic tenant, string id, string status)
    {
        foreach (dynamic r in tenant.Requirements)
            if ((string)r.Id == id)
            {
                Assert.True(r.Status.ToString() == status, $"{id}: {r.Status} ({r.Evidence})");
                return r;
            }
        throw new Xunit.Sdk.XunitException($"no requirement {id}");
    }

    private static string? ErrorId(PartnerSecurity.Hosting.InvocationResult r) => (r.Terminating ?? r.Errors.FirstOrDefault())?.FullyQualifiedErrorId.Split(',')[0];

    [Fact]
    public void An_unknown_extension_a_missing_file_and_no_input_are_errors_that_say_what_to_do()
    {
        using var session = new PowerShellSession();
        var noInput = session.Run($"@() | Export-PartnerSecurityReport {PowerShellSession.Quote(Temp("r.html"))}");
        Assert.Equal("NothingToReport", ErrorId(noInput));
        var missing = session.Run($"Export-PartnerSecurityReport {PowerShellSession.Quote(Temp("r.html"))} -AssessmentPath {PowerShellSession.Quote(Temp("none.json"))}");
        Assert.Equal("AssessmentFileNotFound", ErrorId(missing));
        var notJson = Temp("bad.json");
        File.WriteAllText(notJson, "{\"Schema\":\"other\"}");
        var bad = session.Run($"Export-PartnerSecurityReport {PowerShellSession.Quote(Temp("r.html"))} -AssessmentPath {PowerShellSession.Quote(notJson)}");
        Assert.Equal("AssessmentFileUnreadable", ErrorId(bad));
        var extension = session.Run($"Export-PartnerSecurityReport {PowerShellSession.Quote(Temp("r.txt"))} -AssessmentPath {PowerShellSession.Quote(notJson)}");
        Assert.Equal("ReportFormatUnknown", ErrorId(extension));
    }
}
