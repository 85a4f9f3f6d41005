using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// README's PowerShell examples and every example of docs/cmdlets that can run on the demo, in real pwsh (one process,
/// each example in a fresh session and so a fresh demo cloud), formatted at 80 and at 120 columns: no error but the
/// demo's designed ones, output where the example shows some, nothing wider than the screen, no type names.
/// Examples that need a real tenant, a file of the reader's, or an answer at a prompt (ConsolePromptTests) are left
/// out by what they contain, below.
/// </summary>
public sealed class DocumentationExampleTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("partnersecurity-examples-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // What makes an example need more than the demo.
    private static readonly string[] s_needsMore =
    {
        "contoso", "fabrikam.onmicrosoft.com", "northwind traders", "$appId", "$secret", "$thumbprint", "$accessToken", "$tenantId",
        "$customers)", "-Identity", "C:\\", "\\\\fileserver", "./tenant.json", "customers.csv", "-TenantId $", "-RefreshTokenName partner",
        "-CustomerTenantId $", "4a7c1e2b", "$connection", "-ContextScope", "Get-ChildItem", "-UseDeviceCode", "$app.", "$token",
        "Import-Module ./out", "./build.ps1", "-Name partner", "./CA100-", ".psm1",
    };

    public sealed record Example(string Source, string Code);

    public static List<Example> Examples()
    {
        var root = PowerShellSession.RepoRoot;
        var examples = new List<Example>();
        examples.AddRange(Blocks(File.ReadAllText(Path.Combine(root, "README.md"))).Select((c, i) => new Example($"README.md #{i + 1}", c)));
        foreach (var page in Directory.GetFiles(Path.Combine(root, "docs", "cmdlets"), "*.md").OrderBy(p => p, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(page);
            int start = text.IndexOf("## EXAMPLES", StringComparison.Ordinal), end = text.IndexOf("## PARAMETERS", StringComparison.Ordinal);
            if (start < 0) continue;
            examples.AddRange(Blocks(text[start..(end > start ? end : text.Length)]).Select((c, i) => new Example($"{Path.GetFileName(page)} #{i + 1}", c)));
        }
        return examples;
    }

    public static bool RunsOnTheDemo(string code) =>
        !s_needsMore.Any(m => code.Contains(m, StringComparison.OrdinalIgnoreCase))
        // A change without -WhatIf or -Force stops at its prompt; ConsolePromptTests answers those.
        && !Regex.IsMatch(code, @"^(Enable|Disable)-PartnerSecurityDefaults(?!.*(-WhatIf|-Force))", RegexOptions.Multiline)
        && !Regex.IsMatch(code, @"New-SecureAppModel\w+(?!.*-WhatIf)")
        // A browser sign-in needs a person; the tests' pwsh is non-interactive.
        && !Regex.IsMatch(code, @"^Connect-PartnerSecurity(?![^\n]*-(Demo|Snapshot|RefreshTokenName|AccessToken))", RegexOptions.Multiline);

    /// <summary>The code of each ```powershell block: without "PS C:\>" prompts, and without the output shown after them.</summary>
    private static IEnumerable<string> Blocks(string markdown)
    {
        foreach (Match block in Regex.Matches(markdown, @"```powershell\n(.*?)```", RegexOptions.Singleline))
        {
            var lines = block.Groups[1].Value.Split('\n');
            if (!lines.Any(l => l.StartsWith("PS C:\\> ", StringComparison.Ordinal)))
            {
                yield return block.Groups[1].Value.Trim();
                continue;
            }
            var code = new List<string>();
            bool inCode = false;
            foreach (var line in lines)
            {
                if (line.StartsWith("PS C:\\> ", StringComparison.Ordinal)) { code.Add(line[8..]); inCode = true; continue; }
                var previous = code.LastOrDefault()?.TrimEnd() ?? string.Empty;
                inCode = inCode && line.Length > 0 && (line.StartsWith('}') || line.StartsWith(' ') && (previous.EndsWith('|') || previous.EndsWith('{') || previous.EndsWith(',') || previous.EndsWith('(') || line.StartsWith("    ", StringComparison.Ordinal) && !previous.EndsWith('.')));
                if (inCode) code.Add(line);
            }
            yield return string.Join("\n", code).Trim();
        }
    }

    [Fact]
    public void The_examples_that_run_on_the_demo_do_at_80_and_120_columns()
    {
        var examples = Examples();
        var runnable = examples.Where(e => RunsOnTheDemo(e.Code)).ToList();
        Assert.True(runnable.Count >= 20, $"{runnable.Count} of {examples.Count} examples run on the demo");
        var input = Path.Combine(_folder, "examples.json");
        File.WriteAllText(input, new JsonArray(runnable.Select(e => (JsonNode)new JsonObject { ["source"] = e.Source, ["code"] = e.Code }).ToArray()).ToJsonString());

        var outcome = Pwsh.Run($$"""
            $manifest = {{PowerShellSession.Quote(HostedEngine.ModuleManifest)}}
            $folder = {{PowerShellSession.Quote(_folder)}}
            $results = foreach ($example in (Get-Content {{PowerShellSession.Quote(input)}} -Raw | ConvertFrom-Json)) {
                $ps = [powershell]::Create()
                # A new runspace starts in the process's directory: each example writes its files in the test's folder.
                $null = $ps.AddScript("Set-Location -LiteralPath '$folder'; Import-Module '$manifest'; `$null = Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All; `$PSStyle.OutputRendering = 'PlainText'")
                $null = $ps.Invoke(); $ps.Commands.Clear()
                $null = $ps.AddScript($example.code)
                $objects = try { $ps.Invoke() } catch { $ps.Streams.Error.Add($_.Exception.ErrorRecord) }
                $shown = foreach ($width in 80, 120) {
                    $f = [powershell]::Create(); $f.Runspace = $ps.Runspace
                    $null = $f.AddCommand('Out-String').AddParameter('Width', $width)
                    [pscustomobject]@{ Width = $width; Text = ($f.Invoke([object[]]@($objects)) -join '') + (($ps.Streams.Warning | ForEach-Object { "WARNING: $_" }) -join "`n") }
                    $f.Dispose()
                }
                [pscustomobject]@{
                    Source = $example.source; Code = $example.code; Count = @($objects).Count
                    Errors = @($ps.Streams.Error | ForEach-Object { $_.FullyQualifiedErrorId + ': ' + $_ })
                    Shown = $shown
                }
                $ps.Runspace.Dispose(); $ps.Dispose()
            }
            'RESULTS ' + ($results | ConvertTo-Json -Depth 5 -Compress)
            """, timeout: TimeSpan.FromSeconds(300));
        var line = outcome.Text.Split('\n').FirstOrDefault(l => l.StartsWith("RESULTS ", StringComparison.Ordinal));
        Assert.True(line != null, outcome.ToString());
        var results = JsonNode.Parse(line![8..])!.AsArray();
        Assert.Equal(runnable.Count, results.Count);

        var problems = new List<string>();
        foreach (var result in results.Select(r => r!))
        {
            var source = (string)result["Source"]!;
            var code = (string)result["Code"]!;
            // The demo's designed failures: Adatum's expired GDAP, Fabrikam without Entra ID P1 or P2, Tailspin's
            // conditional access refusing security defaults.
            foreach (var error in result["Errors"]!.AsArray().Select(e => (string)e!))
                if (!Regex.IsMatch(error, @"^(NoDelegatedAccess|PremiumLicenseRequired|ConditionalAccessPreventsSecurityDefaults),"))
                    problems.Add($"{source}: {error}\n{code}");
            // Examples that show nothing by design: exports, assignments, -WhatIf (its lines go to the host), a refusal,
            // a disconnection, a check that only throws, the token list of a fresh session.
            bool quiet = Regex.IsMatch(code, @"(Export-Csv[^\n]*|Add-Content[^\n]*|^\$\w+ = [^\n|]*)$") || code.Contains("-WhatIf")
                || result["Errors"]!.AsArray().Count > 0 || Regex.IsMatch(code, @"^(Disconnect-PartnerSecurity|Get-SecureAppModelTokenStatus)\b|\bthrow\b");
            foreach (var shown in result["Shown"]!.AsArray().Select(s => s!))
            {
                int width = (int)shown["Width"]!;
                var text = (string)shown["Text"]!;
                if (!quiet && text.Trim().Length == 0) problems.Add($"{source} at {width}: shows nothing\n{code}");
                foreach (var l in text.Split('\n').Where(l => !l.StartsWith("WARNING: ", StringComparison.Ordinal) && l.TrimEnd().Length > width))
                    problems.Add($"{source} at {width}: {l.TrimEnd().Length} columns: {l}");
                foreach (Match type in Regex.Matches(text, @"\b(System|PartnerSecurity|Microsoft)\.[\w.]+(\[\])?(?=\s|$|,)"))
                    problems.Add($"{source} at {width}: a type name shows: {type.Value}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }
}
