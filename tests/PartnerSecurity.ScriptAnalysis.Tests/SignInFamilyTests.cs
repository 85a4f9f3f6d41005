namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>The sign-ins of the wider family that partner estates hold, beyond the common modules (issue 16).</summary>
public class SignInFamilyTests
{
    [Theory]
    [InlineData("Add-AzureAccount -Credential $cred", "Add-AzureAccount", "Azure", "Connect-AzAccount -ServicePrincipal -ApplicationId")]
    [InlineData("Connect-PowerBIServiceAccount -Credential $cred", "Connect-PowerBIServiceAccount", "MicrosoftPowerBIMgmt.Profile", "Connect-PowerBIServiceAccount -ServicePrincipal -ApplicationId")]
    [InlineData("Login-PowerBI -Credential $cred", "Connect-PowerBIServiceAccount", "MicrosoftPowerBIMgmt.Profile", "-CertificateThumbprint")]
    [InlineData("Login-PowerBIServiceAccount -Cred $cred -Environment Public", "Connect-PowerBIServiceAccount", "MicrosoftPowerBIMgmt.Profile", "-ServicePrincipal")]
    [InlineData("Add-PCAuthentication -cspappID $app -cspDomain 'contoso.onmicrosoft.com' -credential $cred", "Add-PCAuthentication", "PartnerCenterPowerShellModule", "Connect-PartnerCenter -ApplicationId <appId> -Credential")]
    [InlineData("New-PCSAToken -cspappID $app -cspDomain $domain -credential $cred", "Add-PCAuthentication", "PartnerCenterPowerShellModule", "-RefreshToken")]
    [InlineData("$session = New-CsOnlineSession -Credential $cred -OverrideAdminDomain 'contoso.onmicrosoft.com'", "New-CsOnlineSession", "SkypeOnlineConnector", "Connect-MicrosoftTeams -ApplicationId")]
    [InlineData("Connect-EXOPSSession -Credential $cred", "Connect-EXOPSSession", "Microsoft.Exchange.Management.ExoPowershellModule", "Connect-ExchangeOnline -AppId <appId> -CertificateThumbprint <thumbprint> -Organization")]
    [InlineData("$t = Get-MsalToken -ClientId $id -TenantId $tenant -UserCredential $cred -Scopes 'https://graph.microsoft.com/.default'", "Get-MsalToken", "MSAL.PS", "Get-MsalToken -ClientId <appId> -TenantId <tenant> -ClientCertificate")]
    [InlineData("Connect-MSGraph -PSCredential $cred", "Connect-MSGraph", "Microsoft.Graph.Intune", "Connect-MgGraph -ClientId <appId> -TenantId <tenant> -CertificateThumbprint")]
    [InlineData("Connect-MSGraph -Credential $cred", "Connect-MSGraph", "Microsoft.Graph.Intune", "Connect-MgGraph")]
    [InlineData("Connect-AipService -Credential $cred", "Connect-AipService", "AIPService", "Connect-AipService -AccessToken")]
    [InlineData("Connect-AadrmService -Credential $cred", "Connect-AipService", "AIPService", "Connect-AipService -AccessToken")]
    [InlineData("Add-PowerAppsAccount -Username $cred.UserName -Password $cred.Password", "Add-PowerAppsAccount", "Microsoft.PowerApps.Administration.PowerShell", "Add-PowerAppsAccount -ApplicationId <appId> -CertificateThumbprint")]
    [InlineData("$conn = Connect-CrmOnline -Credential $cred -ServerUrl https://contoso.crm4.dynamics.com", "Connect-CrmOnline", "Microsoft.Xrm.Data.PowerShell", "AuthType=Certificate")]
    [InlineData("Login-AzureAsAccount -RolloutEnvironment 'westeurope.asazure.windows.net' -Credential $cred", "Add-AzureAnalysisServicesAccount", "Azure.AnalysisServices", "-ServicePrincipal -ApplicationId")]
    public void A_sign_in_of_the_wider_family_given_a_user_credential_is_a_finding(string script, string command, string module, string replacement)
    {
        var finding = Scan.Single("$cred = Import-Clixml .\\admin.xml\n" + script, FindingKind.UserCredential);
        Assert.Equal((2, command, module, FindingSeverity.Medium), (finding.Line, finding.Command, finding.Module, finding.Severity));
        Assert.Contains(replacement, finding.Recommendation);
    }

    [Theory]
    // Microsoft's documented Secure Application Model forms: with -RefreshToken or -AccessToken, -Credential is the app's id and secret.
    [InlineData("Connect-PartnerCenter -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken")]
    [InlineData("Connect-PartnerCenter -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Tenant $tenantId")]
    [InlineData("Connect-PartnerCenter -AccessToken $token.AccessToken -ApplicationId $appId -Credential $appCredential")]
    [InlineData("New-PartnerAccessToken -ApplicationId $appId -Credential $appCredential -RefreshToken $refreshToken -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation'")]
    [InlineData("New-PartnerAccessToken -ApplicationId $appId -Cred $appCredential -Refresh $refreshToken -Scopes 'https://outlook.office365.com/.default' -Tenant $customer")]
    [InlineData("$sam = @{ ApplicationId = $appId; Credential = $appCredential; RefreshToken = $rt }\nConnect-PartnerCenter @sam")]
    [InlineData("$sam = @{ ApplicationId = $appId; Credential = $appCredential }\n$sam.RefreshToken = $rt\nNew-PartnerAccessToken @sam -Scopes $scope")]
    // The application forms of the other modules.
    [InlineData("Add-AzureAccount -ServicePrincipal -Tenant $tenant -Credential $spCredential")]
    [InlineData("Connect-PowerBIServiceAccount -ServicePrincipal -Credential $spCredential -Tenant 'contoso.onmicrosoft.com'")]
    [InlineData("Connect-PowerBIServiceAccount -CertificateThumbprint $thumb -ApplicationId $app -Credential $c")]
    [InlineData("Add-PCAuthentication -cspappID $app -cspDomain $domain -cspClientSecret $secret")]
    [InlineData("Connect-MSGraph -ClientSecret $secret -Quiet")]
    [InlineData("Connect-MSGraph -PSCredential $c -Certificate $cert")]
    [InlineData("Add-PowerAppsAccount -TenantID $tenant -ApplicationId $app -CertificateThumbprint $thumb")]
    [InlineData("Add-PowerAppsAccount -TenantID $tenant -ApplicationId $app -ClientSecret $secret -Password $p")]
    [InlineData("Connect-CrmOnline -ServerUrl $url -OAuthClientId $app -ClientSecret $secret")]
    [InlineData("Get-MsalToken -ClientId $id -TenantId $tenant -ClientCertificate $cert")]
    [InlineData("Get-MsalToken -ClientId $id -TenantId $tenant -Interactive")]
    [InlineData("New-CsOnlineSession -UserName 'admin@contoso.onmicrosoft.com'")]
    [InlineData("Add-AzureAnalysisServicesAccount -RolloutEnvironment $env -ServicePrincipal -ApplicationId $app -CertificateThumbprint $thumb -TenantId $t")]
    public void Application_and_Secure_Application_Model_sign_ins_are_not_findings(string script) => Scan.None(script);

    [Fact]
    public void Without_a_refresh_token_Partner_Center_credentials_are_still_a_user_sign_in()
    {
        Scan.Single("New-PartnerAccessToken -ApplicationId $app -Credential $cred -Scopes $scope", FindingKind.UserCredential);
        Scan.Single("Connect-PartnerCenter -Credential $cred -RefreshToken:$null", FindingKind.UserCredential);
    }

    [Fact]
    public void Add_PCAuthentication_with_a_splatted_credential_is_a_finding()
    {
        var script = """
            $pcAuth = @{
                cspappID   = $nativeAppId
                cspDomain  = 'contosocsp.onmicrosoft.com'
            }
            $pcAuth.credential = Import-Clixml -Path 'D:\Jobs\pc.xml'
            Add-PCAuthentication @pcAuth
            """;
        var finding = Scan.Single(script, FindingKind.UserCredential);
        Assert.Equal((6, "Add-PCAuthentication"), (finding.Line, finding.Command));
    }

    [Fact]
    public void A_scripts_own_function_named_like_a_module_cmdlet_is_not_the_module()
    {
        var script = """
            function Connect-PartnerCenter {
                param([pscredential] $Credential, [string] $CspAppId)
                Add-PCAuthentication -cspappID $CspAppId -cspDomain $env:CSP_DOMAIN -credential $Credential
            }
            function Global:Connect-MsolService { param($Credential) Write-Verbose 'Connected through SAM tokens' }
            Connect-PartnerCenter -Credential $cred -CspAppId $app
            Connect-MsolService -Credential $cred
            MSOnline\Connect-MsolService -Credential $cred
            """;
        var findings = Scan.Findings(script);
        Assert.Equal(new[] { (3, "Add-PCAuthentication"), (8, "Connect-MsolService") }, findings.Select(f => (f.Line, f.Command)));
    }

    [Theory]
    [InlineData("$c = Get-Credential\nConnect-MsolService -Credential $c", "Connect-MgGraph -Scopes")]
    [InlineData("Connect-AzureAD -Credential (Get-Credential -Message 'Tenant admin')", "Connect-MgGraph -Scopes")]
    [InlineData("$c = $Host.UI.PromptForCredential('Admin', 'Sign in', '', '')\nConnect-AzAccount -Credential $c", "sign in interactively instead, which prompts for MFA: Connect-AzAccount.")]
    [InlineData("param([pscredential] $Admin = (Get-Credential))\nConnect-ExchangeOnline -Credential $Admin", "Connect-ExchangeOnline -UserPrincipalName <upn>")]
    [InlineData("Connect-ExchangeOnline -InlineCredential", "Connect-ExchangeOnline -UserPrincipalName <upn>")]
    [InlineData("$a = Get-Credential\nAdd-PowerAppsAccount -Username $a.UserName -Password $a.Password", "sign in interactively instead, which prompts for MFA: Add-PowerAppsAccount.")]
    [InlineData("$p = @{ Credential = (Get-Credential) }\nConnect-MicrosoftTeams @p", "Connect-MicrosoftTeams.")]
    [InlineData("Add-PowerAppsAccount -Username $u -Password (Read-Host -AsSecureString 'Password')", "Add-PowerAppsAccount.")]
    public void A_credential_typed_in_by_a_person_gets_the_interactive_sign_in_first(string script, string interactive)
    {
        var recommendation = Scan.Single(script, FindingKind.UserCredential).Recommendation;
        Assert.Contains("typed in by a person", recommendation);
        Assert.Contains(interactive, recommendation);
        Assert.True(recommendation.IndexOf("interactively", StringComparison.Ordinal) < recommendation.IndexOf("For unattended runs", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("$c = Get-AutomationPSCredential -Name 'Admin'\nConnect-MsolService -Credential $c")]
    [InlineData("$c = Import-Clixml .\\cred.xml\nConnect-AzAccount -Credential $c")]
    [InlineData("param([pscredential] $Admin)\nConnect-ExchangeOnline -Credential $Admin")]
    [InlineData("$c = Get-Credential\n$c = Get-StoredCredential -Target x\nConnect-MsolService -Credential $c")]
    public void An_unattended_credential_gets_the_unattended_replacement(string script)
    {
        var recommendation = Scan.Single(script, FindingKind.UserCredential).Recommendation;
        Assert.DoesNotContain("typed in by a person", recommendation);
        Assert.Contains("-CertificateThumbprint", recommendation);
    }
}
