using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Issue 13 at the PowerShell surface: every read cmdlet on the demo under -FaultProfile Chaos writes what it writes
/// without faults; a tenant past its retry budget is one error naming it while the others complete; and the token
/// canary runs every cmdlet of the module (-Verbose, debug output on, faults on) and finds no token or secret anywhere.
/// </summary>
public class ReliabilityTests
{
    private readonly Xunit.Abstractions.ITestOutputHelper _output;

    public ReliabilityTests(Xunit.Abstractions.ITestOutputHelper output) => _output = output;

    /// <summary>Every read cmdlet, with fixed windows so that two runs ask for the same sign-ins.</summary>
    private static string[] Reads()
    {
        var from = DemoData.Ps(DemoData.Captured.AddDays(-29));
        var to = DemoData.Ps(DemoData.Captured);
        return new[]
        {
            "Get-PartnerSecurityContext",
            "Get-PartnerCustomer",
            "Get-PartnerSecurityDefaults",
            "Get-PartnerSecurityDefaults -AllCustomers",
            "Get-PartnerMfaStatus -IncludePerUserMfaState",
            "Get-PartnerMfaStatus -AllCustomers",
            $"Get-PartnerUserSignActivity -AllCustomers -IncludeNonInteractive -StartDate {from} -EndDate {to}",
            $"Get-PartnerLegacyAuthUsage -AllCustomers -StartDate {from} -EndDate {to}",
            "Test-PartnerSecurityRequirement",
        };
    }

    /// <summary>What a read wrote, as comparable lines: every property of every object (sorted), every error by id and target.</summary>
    private static List<string> Lines(InvocationResult result)
    {
        var lines = new List<string>();
        foreach (var o in result.Output)
        {
            var properties = o.Properties
                .Where(p => p.Name != "ExpiresOn") // the access token's expiry differs between two sign-ins
                .Select(p => p.Name + "=" + Text(p))
                .OrderBy(p => p, StringComparer.Ordinal);
            lines.Add(o.BaseObject.GetType().Name + " " + string.Join("; ", properties));
        }
        lines.AddRange(result.Errors.Select(e => "error " + e.FullyQualifiedErrorId + " " + e.TargetObject));
        if (result.Terminating != null) lines.Add("terminating " + result.Terminating.FullyQualifiedErrorId);
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Text(PSPropertyInfo property)
    {
        object? value;
        try { value = property.Value; } catch (GetValueInvocationException) { return "?"; }
        return value is IEnumerable items && value is not string ? string.Join(",", items.Cast<object?>()) : value?.ToString() ?? "";
    }

    [Fact]
    public void Every_read_cmdlet_under_chaos_writes_exactly_what_it_writes_without_faults()
    {
        using var session = new PowerShellSession();
        Assert.True(session.Run("Connect-PartnerSecurity -Demo").Succeeded);
        var clean = Reads().ToDictionary(r => r, r => Lines(session.Run(r)));
        Assert.True(clean.Values.Sum(v => v.Count) > 100, "the reads wrote something");

        foreach (var seed in new[] { 3, 8 })
        {
            var connect = session.Run($"Connect-PartnerSecurity -Demo -FaultProfile Chaos -FaultSeed {seed}");
            Assert.True(connect.Terminating == null && connect.Errors.Count == 0, string.Join(" | ", connect.Errors));
            Assert.Contains(connect.Warnings, w => w.Message.Contains($"Fault profile Chaos (seed {seed})"));
            var probe = EmulatorProbe.For(session.Engine.Runspace);
            foreach (var read in Reads())
            {
                var lines = Lines(session.Run(read));
                Assert.True(clean[read].SequenceEqual(lines),
                    $"{read} (seed {seed}):\n  lost: {string.Join("\n  lost: ", clean[read].Except(lines).Take(3))}\n  extra: {string.Join("\n  extra: ", lines.Except(clean[read]).Take(3))}");
            }
            Assert.True(probe.FaultsInjected > 10, $"only {probe.FaultsInjected} faults were injected");
            _output.WriteLine($"seed {seed}: {Reads().Length} read cmdlets, {clean.Values.Sum(v => v.Count)} lines compared, {probe.FaultsInjected} faults, 0 lost, 0 extra");
        }
    }

    [Fact]
    public void A_tenant_past_its_retry_budget_is_one_error_naming_it_and_the_others_complete()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var clean = session.Run("Get-PartnerMfaStatus -AllCustomers");
        var fabrikam = DemoData.TenantId("Fabrikam Dental");
        session.Run("Connect-PartnerSecurity -Demo -FaultProfile Throttle -FaultSeed 4");
        EmulatorProbe.For(session.Engine.Runspace).InjectFault("graph.microsoft.com", "ServiceUnavailable", int.MaxValue, tenantId: fabrikam);

        var faulted = session.Run("Get-PartnerMfaStatus -AllCustomers");
        var failed = Assert.Single(faulted.Errors, e => e.FullyQualifiedErrorId.StartsWith("GraphUnavailable"));
        Assert.Equal(fabrikam, failed.TargetObject);
        Assert.Contains("Fabrikam Dental", failed.Exception.Message);
        var expected = clean.Output.Where(o => (string)o.Properties["TenantId"].Value != fabrikam).Select(o => o.ToString()).OrderBy(s => s).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, faulted.Output.Select(o => o.ToString()).OrderBy(s => s).ToList());
        Assert.Equal(clean.Errors.Count + 1, faulted.Errors.Count);
    }

    [Fact]
    public void A_fault_profile_is_refused_outside_an_emulated_cloud_and_its_seed_is_shown_when_chosen_at_random()
    {
        using var session = new PowerShellSession();
        var refused = session.Run("Connect-PartnerSecurity -ApplicationId 0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f -CertificateThumbprint 0000000000000000000000000000000000000000 -TenantId contoso.onmicrosoft.com -FaultProfile Chaos");
        Assert.StartsWith("FaultProfileNeedsEmulator", (refused.Terminating ?? Assert.Single(refused.Errors)).FullyQualifiedErrorId);
        var random = session.Run("Connect-PartnerSecurity -Demo -FaultProfile Transient");
        Assert.Contains(random.Warnings, w => System.Text.RegularExpressions.Regex.IsMatch(w.Message, @"Fault profile Transient \(seed \d+\).*-FaultSeed \d+"));
        var off = session.Run("Connect-PartnerSecurity -Demo");
        Assert.DoesNotContain(off.Warnings, w => w.Message.Contains("Fault profile"));
        Assert.Equal(0, EmulatorProbe.For(session.Engine.Runspace).FaultsInjectedAfter(() => session.Run("Get-PartnerMfaStatus -AllCustomers")));
    }

    [Fact]
    public void The_token_canary_finds_no_token_or_secret_from_any_cmdlet_under_faults()
    {
        var snapshot = SnapshotFiles.Write(SamSnapshot.Document());
        var scripts = Path.Combine(Path.GetDirectoryName(snapshot)!, "canary-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(scripts);
        File.WriteAllText(Path.Combine(scripts, "legacy.ps1"), "$cred = Get-Credential\nConnect-MsolService -Credential $cred\n");
        var name = "canary-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var path = PowerShellSession.Quote(snapshot);
        using var session = new PowerShellSession();
        session.Run("$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'");
        var steps = new (string Cmdlet, string Script)[]
        {
            ("Connect-PartnerSecurity", $"Connect-PartnerSecurity -Snapshot {path} -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All -FaultProfile Chaos -FaultSeed 11 -Verbose"),
            ("Get-PartnerSecurityContext", "Get-PartnerSecurityContext -Verbose"),
            ("Get-PartnerCustomer", "Get-PartnerCustomer -Verbose"),
            ("Get-PartnerSecurityDefaults", "Get-PartnerSecurityDefaults -AllCustomers -Verbose"),
            ("Get-PartnerMfaStatus", "Get-PartnerMfaStatus -AllCustomers -IncludePerUserMfaState -Verbose"),
            ("Get-PartnerUserSignActivity", "Get-PartnerUserSignActivity -IncludeNonInteractive -Verbose"),
            ("Get-PartnerLegacyAuthUsage", "Get-PartnerLegacyAuthUsage -Verbose"),
            ("Test-PartnerSecurityRequirement", "Test-PartnerSecurityRequirement -Verbose"),
            ("Set-PartnerUserMfaState", $"Set-PartnerUserMfaState -UserPrincipalName reader@{SamSnapshot.Domain} -State Enforced -Confirm:$false -Verbose"),
            ("Enable-PartnerSecurityDefaults", "Enable-PartnerSecurityDefaults -Confirm:$false -Verbose"),
            ("Disable-PartnerSecurityDefaults", "Disable-PartnerSecurityDefaults -Confirm:$false -Force -Verbose"),
            ("New-SecureAppModelApplication", $"$app = New-SecureAppModelApplication -DisplayName 'Canary SAM {name}' -UseClientSecret -Verbose; $app"),
            ("New-SecureAppModelToken", $"New-SecureAppModelToken -ApplicationId $app.ApplicationId -ClientSecret $app.ClientSecret -SaveAs {name} -Verbose"),
            ("Update-SecureAppModelToken", $"Update-SecureAppModelToken -Name {name} -ClientSecret $app.ClientSecret -Verbose"),
            ("Get-SecureAppModelTokenStatus", $"Get-SecureAppModelTokenStatus -Name {name} -Verbose"),
            ("Connect-PartnerSecurity", $"Connect-PartnerSecurity -RefreshTokenName {name} -ClientSecret $app.ClientSecret -Verbose"),
            ("Find-PartnerCredentialUsage", $"Find-PartnerCredentialUsage -Path {PowerShellSession.Quote(scripts)} -Recurse -Verbose"),
            ("Get-PartnerSecurityScore", "Get-PartnerSecurityScore -Requirement -Verbose; Get-PartnerSecurityScore -History -Verbose; Get-PartnerSecurityScore -CustomerInsight -Verbose"),
            ("Get-PartnerSecurityAlert", "$alerts = @(Get-PartnerSecurityAlert -Verbose); $alerts"),
            ("Update-PartnerSecurityAlert", "if ($alerts.Count) { $alerts[0] | Update-PartnerSecurityAlert -Status Investigating -Confirm:$false -Verbose }"),
            ("Get-PartnerMfaAdoption", "Get-PartnerMfaAdoption -Verbose; Get-PartnerMfaAdoption -User -Verbose; Get-PartnerMfaAdoption -Request -Verbose"),
            ("Get-PartnerCustomerSpendingBudget", "Get-PartnerCustomer | Get-PartnerCustomerSpendingBudget -Verbose"),
            ("Set-PartnerCustomerSpendingBudget", "@(Get-PartnerCustomer)[0] | Set-PartnerCustomerSpendingBudget -Amount 500 -Confirm:$false -Verbose"),
            ("Invoke-PartnerSecurityAssessment", $"$assessment = @(Invoke-PartnerSecurityAssessment -AllCustomers -IncludeSignIns -ScriptPath {PowerShellSession.Quote(scripts)} -Verbose); $assessment"),
            // Written as .out files: the canary skips .json files (the snapshots it starts from carry app secrets by design).
            ("Export-PartnerSecurityReport", string.Join("; ", new[] { "Html", "Json", "Csv" }.Select(f => $"$assessment | Export-PartnerSecurityReport -Path {PowerShellSession.Quote(Path.Combine(scripts, "report-" + f + ".out"))} -Format {f} -PassThru -Verbose"))),
            ("Compare-PartnerSecurityAssessment", $"$assessment | Compare-PartnerSecurityAssessment -ReferencePath {PowerShellSession.Quote(Path.Combine(scripts, "report-Json.out"))} -Verbose"),
            ("Export-PartnerTenantSnapshot", $"Export-PartnerTenantSnapshot -Path {PowerShellSession.Quote(Path.Combine(scripts, "snapshot.out"))} -PassThru -Verbose"),
            ("Disconnect-PartnerSecurity", "Disconnect-PartnerSecurity -Verbose"),
        };
        var exported = session.Run("(Get-Command -Module PartnerSecurity).Name").Output.Select(o => o.ToString()).ToHashSet();
        Assert.Empty(exported.Except(steps.Select(s => s.Cmdlet))); // a new cmdlet must join the canary

        var canary = new TokenCanary();
        EmulatorProbe? probe = null;
        SecureString? secret = null;
        foreach (var (cmdlet, script) in steps)
        {
            var result = session.Engine.Invoke(script, display: true);
            canary.Add(result, cmdlet);
            probe ??= EmulatorProbe.For(session.Engine.Runspace);
            if (cmdlet == "New-SecureAppModelApplication") secret = result.Output.LastOrDefault()?.Properties["ClientSecret"].Value as SecureString;
            Assert.True(result.Terminating == null, $"{cmdlet}: {result.Terminating}");
        }
        Assert.NotNull(secret);
        Assert.True(probe!.FaultsInjected > 5, "the canary ran under faults");
        Assert.True(canary.Searched("verbose", "/oauth2/v2.0/token"), "verbose output was searched");
        canary.Add("screen", session.Screen).Add("$Error", string.Join("\n", session.Run("$Error | ForEach-Object { $_.ToString(); $_.Exception.ToString() }").Output));
        canary.AddFiles(Path.GetDirectoryName(snapshot)!, TokenCanary.StorageDirectory());
        var secrets = probe.IssuedSecrets.Append(Reveal(secret!)).Append(SamSnapshot.RunbookSecret).ToList();
        Assert.True(secrets.Count > 20, "the run issued many tokens");
        canary.AssertNone(secrets);
        _output.WriteLine($"token canary: {steps.Length} steps over {exported.Count} cmdlets, {probe.FaultsInjected} faults, {secrets.Distinct().Count()} secrets searched in {canary.Haystacks} places, 0 found");
    }

    private static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(pointer)!; }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
    }
}
