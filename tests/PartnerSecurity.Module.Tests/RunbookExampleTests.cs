using System.Management.Automation.Language;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The scripts of docs/runbooks.md (examples/runbooks): each parses, the Functions app's bindings are what its
/// scripts expect, and the Automation runbooks and the Functions activity run in real pwsh against the demo with
/// only their "Azure start-up" region swapped for one that makes the demo's token in the demo's vault.
/// </summary>
public sealed class RunbookExampleTests : IDisposable
{
    private static readonly string s_folder = Path.Combine(PowerShellSession.RepoRoot, "examples", "runbooks");
    private readonly string _temp = Directory.CreateTempSubdirectory("partnersecurity-runbooks-").FullName;
    private readonly string _appName = "Runbook SAM " + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        Directory.Delete(_temp, recursive: true);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        foreach (var certificate in store.Certificates.Where(c => c.Subject.Contains(_appName)).ToList()) store.Remove(certificate);
    }

    public static TheoryData<string> Scripts() => new(Directory.GetFiles(s_folder, "*.ps1", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(s_folder, p)).Order());

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Each_script_parses(string script)
    {
        Parser.ParseFile(Path.Combine(s_folder, script), out _, out var errors);
        Assert.Empty(errors);
    }

    [Fact]
    public void The_functions_app_binds_what_its_scripts_take()
    {
        var functions = Path.Combine(s_folder, "functions");
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(functions, "host.json")))!;
        Assert.Equal("00:10:00", (string)host["functionTimeout"]!);
        foreach (var (name, trigger, parameter) in new[] { ("MfaTimer", "timerTrigger", "Timer"), ("MfaOrchestrator", "orchestrationTrigger", "Context"), ("MfaShard", "activityTrigger", "Shard") })
        {
            var bindings = JsonNode.Parse(File.ReadAllText(Path.Combine(functions, name, "function.json")))!["bindings"]!.AsArray();
            var binding = Assert.Single(bindings, b => (string)b!["type"]! == trigger)!;
            Assert.Equal(parameter, (string)binding["name"]!);
            var ast = Parser.ParseFile(Path.Combine(functions, name, "run.ps1"), out _, out _);
            Assert.Contains(parameter, ast.ParamBlock!.Parameters.Select(p => p.Name.VariablePath.UserPath));
        }
        Assert.Contains("-FunctionName 'MfaOrchestrator'", File.ReadAllText(Path.Combine(functions, "MfaTimer", "run.ps1")));
        Assert.Contains("-FunctionName 'MfaShard'", File.ReadAllText(Path.Combine(functions, "MfaOrchestrator", "run.ps1")));
    }

    /// <summary>The script with its Azure start-up region replaced: the demo's admin consents into the demo's vault, then, as in Azure, the vault is read with no connection (the managed identity).</summary>
    private string OnTheDemo(string script, string connect)
    {
        var text = File.ReadAllText(Path.Combine(s_folder, script));
        var region = new Regex(@"#region Azure start-up\n.*?#endregion", RegexOptions.Singleline);
        Assert.Single(region.Matches(text));
        var demo = $$"""
            #region Demo start-up
            Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All | Out-Null
            $app = New-SecureAppModelApplication -DisplayName '{{_appName}}'
            New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs $tokenName -VaultName $vaultName | Out-Null
            Disconnect-PartnerSecurity
            {{connect}}
            #endregion
            """;
        var path = Path.Combine(_temp, Path.GetFileName(script));
        File.WriteAllText(path, region.Replace(text, demo.Replace("$", "$$")));
        return path;
    }

    [Fact]
    public void The_automation_runbooks_run_on_the_demo_one_job_per_shard_and_the_weekly_rotation()
    {
        var connect = "Connect-PartnerSecurity -Demo -RefreshTokenName $TokenName -VaultName $VaultName | Out-Null";
        var shardRunbook = OnTheDemo("Invoke-PartnerMfaShard.ps1", connect).Replace("$tokenName", "$TokenName");
        var rotation = OnTheDemo("Update-PartnerToken.ps1", "Connect-PartnerSecurity -Demo -Identity | Out-Null; $certificate = $null");
        var outcome = Pwsh.Run($$"""
            $shards = foreach ($i in 1..2) { @(& '{{shardRunbook}}' -Shard "$i/2" -VaultName northwind-automation -ErrorAction Continue 2>&1) }
            "ROWS $(@($shards | Where-Object TenantId).Count) TENANTS $(@($shards.TenantId | Sort-Object -Unique).Count)"
            "ERRORS $(@($shards | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object TargetObject) -join ',')"
            & '{{rotation}}' -VaultName northwind-automation | Format-List Name, DaysLeft, Storage
            'END OF RUNBOOKS'
            """, timeout: TimeSpan.FromMinutes(3));
        var text = outcome.Text;
        Assert.True(text.Contains("END OF RUNBOOKS"), outcome.ToString());
        // The demo's three customers: Fabrikam and Tailspin read, Adatum (GDAP expired) one error, in one shard.
        Assert.Matches(@"ROWS [1-9]\d* TENANTS 2\b", text);
        var adatum = (string)JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(HostedEngine.ModuleManifest)!, "Demo", "demo-tenant.json")))!["customers"]!.AsArray()
            .Single(c => ((string)c!["customer"]!["companyProfile"]!["companyName"]!).StartsWith("Adatum"))!["customer"]!["id"]!;
        Assert.Contains("ERRORS " + adatum, text);
        Assert.Matches(@"DaysLeft\s*:\s*(89|90)", text);
        Assert.Matches(@"Storage\s*:\s*KeyVault", text);
    }

    [Fact]
    public void The_functions_activity_runs_every_shard_on_the_demo()
    {
        var activity = OnTheDemo(Path.Combine("functions", "MfaShard", "run.ps1"),
            "Connect-PartnerSecurity -Demo -RefreshTokenName $tokenName -VaultName $vaultName | Out-Null");
        var outcome = Pwsh.Run($$"""
            $env:PARTNERSECURITY_VAULT = 'northwind-automation'
            $summaries = foreach ($i in 1..3) { & '{{activity}}' -Shard "$i/3" }
            "CUSTOMERS $(($summaries | Measure-Object Customers -Sum).Sum) FAILED $(@($summaries.Failed).Count)"
            'END OF ACTIVITIES'
            """, timeout: TimeSpan.FromMinutes(3));
        Assert.True(outcome.Text.Contains("END OF ACTIVITIES"), outcome.ToString());
        Assert.Contains("CUSTOMERS 2 FAILED 1", outcome.Text);
    }
}
