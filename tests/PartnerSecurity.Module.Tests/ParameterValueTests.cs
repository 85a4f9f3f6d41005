using System.Collections;
using System.Management.Automation;
using System.Reflection;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>The values parameters accept agree with the core, and completion offers what is stored.</summary>
public class ParameterValueTests
{
    private const BindingFlags Static = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    /// <summary>Each ValidateSet of the module and where the core (or the emulator) keeps the same values.</summary>
    private static Dictionary<string, Func<IEnumerable<string>>> CoreValues()
    {
        var core = ModuleInternals.Loaded("PartnerSecurity.Core");
        var emulator = ModuleInternals.Loaded("PartnerSecurity.Emulator");
        IEnumerable<string> Enum(string type) => System.Enum.GetNames(core.GetType(type, true)!);
        IEnumerable<string> Strings(Assembly assembly, string type, string field) => (string[])assembly.GetType(type, true)!.GetField(field, Static)!.GetValue(null)!;
        IEnumerable<string> Clouds() => ((IEnumerable)core.GetType("PartnerSecurity.Authentication.CloudEnvironment", true)!.GetProperty("All", Static)!.GetValue(null)!)
            .Cast<object>().Select(c => (string)c.GetType().GetProperty("Name")!.GetValue(c)!);
        return new()
        {
            ["Connect-PartnerSecurity -Environment"] = Clouds,
            ["New-SecureAppModelToken -Environment"] = Clouds,
            ["Connect-PartnerSecurity -ContextScope"] = () => Enum("PartnerSecurity.Authentication.ContextScope"),
            ["Connect-PartnerSecurity -FaultProfile"] = () => Strings(emulator, "PartnerSecurity.Emulator.Http.FaultProfile", "Names"),
            ["Export-PartnerSecurityReport -Format"] = () => Strings(core, "PartnerSecurity.Assessment.Report.AssessmentReport", "Formats"),
            ["Get-PartnerMfaStatus -Status"] = () => Enum("PartnerSecurity.Mfa.MfaStatus"),
            ["Get-PartnerSecurityAlert -Status"] = () => Strings(core, "PartnerSecurity.SecurityAlerts.SecurityAlertClient", "Statuses"),
            ["Update-PartnerSecurityAlert -Status"] = () => Strings(core, "PartnerSecurity.SecurityAlerts.SecurityAlertClient", "Statuses"),
            ["Get-PartnerSecurityAlert -Severity"] = () => Strings(core, "PartnerSecurity.SecurityAlerts.SecurityAlertClient", "Severities"),
            ["Update-PartnerSecurityAlert -Resolution"] = () => Strings(core, "PartnerSecurity.SecurityAlerts.SecurityAlertClient", "ResolvedReasons"),
            // Per-user MFA states are Microsoft's three (the legacy MFA portal's); the core keeps no list of them.
            ["Set-PartnerUserMfaState -State"] = () => new[] { "Disabled", "Enabled", "Enforced" },
        };
    }

    [Fact]
    public void Every_ValidateSet_matches_the_values_the_core_knows()
    {
        using var session = new PowerShellSession();
        session.Run("Get-SecureAppModelTokenStatus -Name core-loaded -ErrorAction SilentlyContinue; Connect-PartnerSecurity -Demo -FaultProfile None | Out-Null");
        var sets = session.Run("""
            foreach ($command in Get-Command -Module PartnerSecurity) {
                foreach ($parameter in $command.Parameters.Values) {
                    $set = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
                    if ($set) { [pscustomobject]@{ Key = "$($command.Name) -$($parameter.Name)"; Values = [string[]]$set.ValidValues } }
                }
            }
            """).Output.ToDictionary(o => (string)o.Properties["Key"].Value, o => ((string[])o.Properties["Values"].Value).OrderBy(v => v).ToArray());
        var known = CoreValues();
        Assert.Equal(known.Keys.OrderBy(k => k), sets.Keys.OrderBy(k => k));
        foreach (var (key, values) in known)
            Assert.True(values().OrderBy(v => v).SequenceEqual(sets[key], StringComparer.Ordinal), $"{key}: ValidateSet {string.Join(",", sets[key])} vs core {string.Join(",", values())}");
    }

    [Fact]
    public void Stored_token_names_complete_on_every_parameter_that_takes_one()
    {
        using var session = new PowerShellSession();
        var name = "complete-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        ModuleInternals.SaveStoredToken(session, name, "Global");
        foreach (var line in new[] { "Connect-PartnerSecurity -RefreshTokenName complete-", "New-SecureAppModelToken -RefreshTokenName complete-",
                     "Update-SecureAppModelToken -Name complete-", "Get-SecureAppModelTokenStatus -Name complete-" })
        {
            var matches = session.Run($"(TabExpansion2 -inputScript {PowerShellSession.Quote(line)} -cursorColumn {line.Length}).CompletionMatches.CompletionText")
                .Output.Select(o => (string)o.BaseObject).ToList();
            Assert.Contains(name, matches);
            Assert.All(matches, m => Assert.StartsWith("complete-", m));
        }
    }
}
