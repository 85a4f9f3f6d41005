using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The module as a session lives with it, in real pwsh started with -NonInteractive as a runbook is (one process):
/// its help, -Debug in a non-interactive host, and Remove-Module.
/// </summary>
public class ModuleLifecycleTests
{
    [Fact]
    public void Help_debug_in_a_runbook_and_remove_module_behave_as_documented()
    {
        var outcome = Pwsh.Run($$"""
            Import-Module {{PowerShellSession.Quote(HostedEngine.ModuleManifest)}} -ErrorAction Stop
            'ABOUT ' + ((Get-Help about_PartnerSecurity | Out-String) -match 'RUNBOOKS AND SCHEDULED TASKS')
            $help = Get-Help Get-PartnerCustomer | Out-String
            'ONLINE OFFERED ' + ($help -match '-Online')
            'RELATED ' + ((Get-Help Get-PartnerCustomer -Full | Out-String -Width 300) -match 'Related commands and topics: Get-PartnerMfaStatus')

            $null = Connect-PartnerSecurity -Demo
            try { $null = Get-PartnerMfaStatus -CustomerTenantId fabrikamdental.onmicrosoft.com -Debug 5>$null 4>$null 3>$null; 'DEBUG went through' }
            catch { 'DEBUG ' + $_.FullyQualifiedErrorId + ' | ' + $_.ErrorDetails.RecommendedAction }
            $DebugPreference = 'Continue'
            $verdicts = @(Get-PartnerMfaStatus -CustomerTenantId fabrikamdental.onmicrosoft.com -WarningVariable warned 5>$null 3>$null)
            $DebugPreference = 'SilentlyContinue'
            'RUNBOOK SETTING ' + $verdicts.Count + ' verdicts, ' + $warned.Count + ' warning'

            Remove-Module PartnerSecurity
            Import-Module {{PowerShellSession.Quote(HostedEngine.ModuleManifest)}} -ErrorAction Stop
            'CONTEXT AFTER REMOVE ' + [bool](Get-PartnerSecurityContext)
            try { $null = Get-PartnerSecurityDefaults; 'STILL CONNECTED' } catch { 'AFTER REMOVE ' + $_.FullyQualifiedErrorId }
            """);
        var text = outcome.Text;
        Assert.Contains("ABOUT True", text);
        // Get-Help offers -Online for every topic with a related link; without an address none is written.
        Assert.Contains("ONLINE OFFERED False", text);
        Assert.Contains("RELATED True", text);
        Assert.Matches(@"DEBUG DebugNeedsInteractiveHost,\S+ \| In a runbook .*\$DebugPreference = 'Continue'", text);
        Assert.Matches(new Regex(@"RUNBOOK SETTING 1[0-9] verdicts, 1 warning"), text);
        Assert.Contains("CONTEXT AFTER REMOVE False", text);
        Assert.Contains("AFTER REMOVE NotConnected,", text);
    }
}
