namespace PartnerSecurity.ScriptAnalysis.Tests;

public class UserCredentialTests
{
    [Theory]
    [InlineData("Connect-MsolService -Credential $cred", "Connect-MsolService", "MSOnline")]
    [InlineData("Connect-AzureAD -Credential $cred -TenantId $tenant", "Connect-AzureAD", "AzureAD")]
    [InlineData("Connect-AzAccount -Credential $cred", "Connect-AzAccount", "Az.Accounts")]
    [InlineData("Login-AzAccount -Credential $cred", "Connect-AzAccount", "Az.Accounts")]
    [InlineData("Add-AzAccount -Credential $cred", "Connect-AzAccount", "Az.Accounts")]
    [InlineData("Add-AzureRmAccount -Credential $cred", "Add-AzureRmAccount", "AzureRM.Profile")]
    [InlineData("Login-AzureRmAccount -Credential $cred", "Add-AzureRmAccount", "AzureRM.Profile")]
    [InlineData("Connect-AzureRmAccount -Credential $cred", "Add-AzureRmAccount", "AzureRM.Profile")]
    [InlineData("Connect-ExchangeOnline -Credential $cred -ShowBanner:$false", "Connect-ExchangeOnline", "ExchangeOnlineManagement")]
    [InlineData("Connect-ExchangeOnline -InlineCredential", "Connect-ExchangeOnline", "ExchangeOnlineManagement")]
    [InlineData("Connect-IPPSSession -Credential $cred", "Connect-IPPSSession", "ExchangeOnlineManagement")]
    [InlineData("Connect-MicrosoftTeams -Credential $cred", "Connect-MicrosoftTeams", "MicrosoftTeams")]
    [InlineData("Connect-SPOService -Url https://contoso-admin.sharepoint.com -Credential $cred", "Connect-SPOService", "Microsoft.Online.SharePoint.PowerShell")]
    [InlineData("Connect-PnPOnline -Url https://contoso.sharepoint.com/sites/hr -Credentials $cred", "Connect-PnPOnline", "PnP.PowerShell")]
    [InlineData("Connect-PartnerCenter -Credential $cred", "Connect-PartnerCenter", "PartnerCenter")]
    [InlineData("New-PartnerAccessToken -ApplicationId $app -Credential $cred -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation'", "New-PartnerAccessToken", "PartnerCenter")]
    [InlineData("MSOnline\\Connect-MsolService -Credential $cred", "Connect-MsolService", "MSOnline")]
    [InlineData("& 'Connect-AzureAD' -Credential $cred", "Connect-AzureAD", "AzureAD")]
    [InlineData("connect-msolservice -credential $cred", "Connect-MsolService", "MSOnline")]
    public void A_sign_in_cmdlet_given_a_user_credential_is_a_finding(string script, string command, string module)
    {
        var finding = Scan.Single("$cred = Get-Credential\n" + script, FindingKind.UserCredential);
        Assert.Equal(2, finding.Line);
        Assert.Equal(1, finding.Column);
        Assert.Equal(command, finding.Command);
        Assert.Equal(module, finding.Module);
        Assert.Equal(FindingSeverity.Medium, finding.Severity);
        Assert.Equal(script.Trim(), finding.Snippet);
        Assert.Equal(Scan.DefaultPath, finding.Path);
    }

    [Theory]
    [InlineData("Connect-MsolService")]
    [InlineData("Connect-AzAccount -Tenant contoso.onmicrosoft.com")]
    [InlineData("Connect-ExchangeOnline -UserPrincipalName admin@contoso.com")]
    [InlineData("Connect-MsolService -Credential $null")]
    [InlineData("Connect-ExchangeOnline -InlineCredential:$false")]
    [InlineData("Get-Credential; Connect-SPOService -Url https://contoso-admin.sharepoint.com")]
    public void A_sign_in_without_a_credential_is_not_a_finding(string script) => Scan.None(script);

    [Theory]
    [InlineData("Connect-AzAccount -Credential $cred -ServicePrincipal -Tenant $tenant")]
    [InlineData("Connect-AzAccount -ServicePrincipal:$true -Credential $cred -Tenant $tenant")]
    [InlineData("Connect-AzAccount -Credential $cred -Identity")]
    [InlineData("Connect-AzAccount -Credential $cred -MSI")]
    [InlineData("Connect-AzAccount -Credential $cred -CertificatePath ./app.pfx -Tenant $tenant")]
    [InlineData("Add-AzureRmAccount -Credential $cred -ServicePrincipal -TenantId $tenant")]
    [InlineData("Login-AzureRmAccount -Credential $cred -ServicePrincipal -TenantId $tenant")]
    [InlineData("Connect-AzureAD -Credential $cred -CertificateThumbprint $thumb")]
    [InlineData("Connect-ExchangeOnline -Credential $cred -CertificateThumbprint $thumb -AppId $app -Organization contoso.onmicrosoft.com")]
    [InlineData("Connect-ExchangeOnline -Credential $cred -ManagedIdentity -Organization contoso.onmicrosoft.com")]
    [InlineData("Connect-IPPSSession -Credential $cred -CertificateFilePath ./app.pfx")]
    [InlineData("Connect-MicrosoftTeams -Credential $cred -Identity")]
    [InlineData("Connect-SPOService -Url $url -Credential $cred -CertificateThumbprint $thumb")]
    [InlineData("Connect-PnPOnline -Url $url -Credentials $cred -Thumbprint $thumb")]
    [InlineData("Connect-PartnerCenter -Credential $cred -ServicePrincipal -Tenant $tenant")]
    [InlineData("New-PartnerAccessToken -ApplicationId $app -Credential $cred -Scopes $scope -ServicePrincipal -Tenant $tenant -UseAuthorizationCode")]
    public void An_application_credential_marked_on_the_same_call_is_exempt(string script) => Scan.None(script);

    [Fact]
    public void A_service_principal_switch_turned_off_is_not_an_exemption()
    {
        var finding = Scan.Single("Connect-AzAccount -Credential $cred -ServicePrincipal:$false", FindingKind.UserCredential);
        Assert.Equal("Connect-AzAccount", finding.Command);
    }

    [Fact]
    public void An_exemption_on_another_call_does_not_count()
    {
        var findings = Scan.Findings("Connect-AzAccount -Credential $app -ServicePrincipal -Tenant $t\nConnect-AzAccount -Credential $user");
        Assert.Equal(2, Assert.Single(findings).Line);
    }

    [Theory]
    [InlineData("Connect-AzAccount -Cred $cred")]
    [InlineData("Connect-AzAccount -cre $cred")]
    [InlineData("Connect-MsolService -C $cred")]
    [InlineData("Connect-AzureAD -Credential:$cred")]
    [InlineData("Connect-PnPOnline -Url $url -Credential $cred")]
    [InlineData("Connect-PnPOnline -Url $url -Cred $cred")]
    public void Abbreviated_and_colon_bound_parameters_are_resolved(string script) =>
        Scan.Single(script, FindingKind.UserCredential);

    [Theory]
    [InlineData("Connect-AzAccount -Cred $cred -ServicePrin -Tenant $tenant")]
    [InlineData("Connect-ExchangeOnline -Cred $cred -CertificateT $thumb -AppId $app -Organization $org")]
    [InlineData("Connect-AzAccount -Cred $cred -Ident")]
    public void Abbreviated_exemptions_are_resolved(string script) => Scan.None(script);

    [Fact]
    public void An_ambiguous_abbreviation_is_not_taken_for_the_credential()
    {
        // -C matches -Credential, -CertificateThumbprint, -ContextName...: PowerShell refuses it; so does the scanner.
        Scan.None("Connect-AzAccount -C $cred");
    }

    [Fact]
    public void A_positional_credential_is_found_where_the_command_has_one()
    {
        // Connect-SPOService [-Url] <url> [[-Credential] <credential>]
        var finding = Scan.Single("Connect-SPOService https://contoso-admin.sharepoint.com $cred", FindingKind.UserCredential);
        Assert.Equal("Connect-SPOService", finding.Command);
        Scan.None("Connect-SPOService https://contoso-admin.sharepoint.com");
        Scan.Single("Connect-SPOService -Credential $cred https://contoso-admin.sharepoint.com", FindingKind.UserCredential);
    }

    [Fact]
    public void Positional_arguments_of_a_command_without_a_positional_credential_are_not_the_credential()
    {
        // Connect-ExchangeOnline's positional parameters are ConnectionUri, AzureADAuthorizationEndpointUri...
        Scan.None("Connect-ExchangeOnline https://outlook.office365.com/powershell-liveid/ $cred");
    }

    [Fact]
    public void A_switch_does_not_swallow_the_next_argument()
    {
        // -ModernAuth takes a value; -ManagedIdentity is a switch; the URL stays positional.
        Scan.None("Connect-SPOService -ManagedIdentity https://contoso-admin.sharepoint.com");
    }
}
