using System.Text.RegularExpressions;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Every change the module makes asks first, and "n" typed at pwsh's own console prompt changes nothing: real pwsh
/// in a pseudo-terminal (its console host reads the keys as it reads a person's), one process for every cmdlet
/// that supports ShouldProcess, each checked afterwards by reading the state back.
/// </summary>
public sealed class ConsolePromptTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("partnersecurity-prompts-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [Fact]
    public void Answering_n_at_each_confirmation_prompt_changes_nothing()
    {
        const string fabrikam = "fabrikamdental.onmicrosoft.com";
        const string carmen = "carmen.ortiz@tailspinlogistics.com";
        var script = Path.Combine(_home, "prompts.ps1");
        File.WriteAllText(script, $$"""
            $env:HOME = {{PowerShellSession.Quote(_home)}}
            Import-Module {{PowerShellSession.Quote(HostedEngine.ModuleManifest)}} -ErrorAction Stop
            $null = Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All
            function Step($name) { "STEP $name" }

            Step 'Disable-PartnerSecurityDefaults'
            Disable-PartnerSecurityDefaults -CustomerTenantId {{fabrikam}}
            'STATE fabrikam still enabled ' + (Get-PartnerSecurityDefaults -CustomerTenantId {{fabrikam}}).IsEnabled

            $null = Disable-PartnerSecurityDefaults -CustomerTenantId {{fabrikam}} -Force 3>$null
            Step 'Enable-PartnerSecurityDefaults'
            Enable-PartnerSecurityDefaults -CustomerTenantId {{fabrikam}}
            'STATE fabrikam now enabled ' + (Get-PartnerSecurityDefaults -CustomerTenantId {{fabrikam}}).IsEnabled

            Step 'Set-PartnerUserMfaState'
            Set-PartnerUserMfaState -CustomerTenantId tailspinlogistics.onmicrosoft.com -UserPrincipalName {{carmen}} -State Disabled -Confirm
            'STATE carmen ' + (Get-PartnerMfaStatus -CustomerTenantId tailspinlogistics.onmicrosoft.com -UserPrincipalName {{carmen}} -IncludePerUserMfaState).PerUserMfaState

            Step 'New-SecureAppModelApplication'
            New-SecureAppModelApplication -DisplayName 'Prompt SAM' -Confirm
            'CHECK app'
            New-SecureAppModelApplication -DisplayName 'Prompt SAM' -WhatIf
            'END CHECK'

            $app = New-SecureAppModelApplication -DisplayName 'Prompt SAM' -Confirm:$false
            Step 'New-SecureAppModelToken'
            New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs prompts -Confirm
            'STATE stored tokens ' + @(Get-SecureAppModelTokenStatus -ErrorAction SilentlyContinue).Count

            $null = New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs prompts -Confirm:$false
            $before = Get-SecureAppModelTokenStatus -Name prompts
            Step 'Update-SecureAppModelToken'
            Update-SecureAppModelToken -Name prompts -Confirm
            'STATE token unchanged ' + ((Get-SecureAppModelTokenStatus -Name prompts).LastUsedOn -eq $before.LastUsedOn)
            'DONE'
            """);

        var screen = Terminal.RunFile(script, width: 120, always: new Terminal.Answer("[?] Help", "n"), timeout: TimeSpan.FromSeconds(150));
        var text = screen.Text;
        Assert.True(text.Contains("DONE"), screen.ToString());

        // Each cmdlet asked (the console host's choice prompt) before its step ended, and was told no.
        foreach (var step in new[] { "Disable-PartnerSecurityDefaults", "Enable-PartnerSecurityDefaults", "Set-PartnerUserMfaState", "New-SecureAppModelApplication", "New-SecureAppModelToken", "Update-SecureAppModelToken" })
        {
            var section = Regex.Match(text, $@"STEP {step}\n(.*?)(?=STEP |DONE)", RegexOptions.Singleline).Groups[1].Value;
            Assert.True(section.Contains("[N] No", StringComparison.Ordinal), $"{step} did not prompt:\n{section}");
        }
        Assert.True(screen.Answered >= 6, screen.ToString());

        Assert.Contains("STATE fabrikam still enabled True", text);
        Assert.Contains("STATE fabrikam now enabled False", text);
        Assert.Contains("STATE carmen enforced", text);
        // -WhatIf afterwards would still create the app: the answer left none behind.
        var check = Regex.Match(text, @"CHECK app\n(.*?)END CHECK", RegexOptions.Singleline).Groups[1].Value;
        Assert.True(Regex.IsMatch(check, @"What if: .*Create the multi-tenant app registration", RegexOptions.Singleline), check);
        Assert.Contains("STATE stored tokens 0", text);
        Assert.Contains("STATE token unchanged True", text);
    }
}
