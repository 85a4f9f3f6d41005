namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>User-password sign-ins through libraries a script drives itself: ADAL, SharePoint CSOM, MSAL.NET.</summary>
public class LibraryCredentialTests
{
    [Theory]
    [InlineData("$c = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential' -ArgumentList $user, $password", "UserPasswordCredential")]
    [InlineData("$c = New-Object -TypeName Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential -ArgumentList ($cred.UserName, $cred.Password)", "UserPasswordCredential")]
    [InlineData("$c = [Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential]::new($cred.UserName, $cred.Password)", "UserPasswordCredential")]
    [InlineData("$c = New-Object \"Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential\" -ArgumentList $user, $securePassword", "UserCredential")]
    [InlineData("$c = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential($user, $securePassword)", "UserCredential")]
    public void An_ADAL_credential_built_with_a_password_is_a_finding(string construction, string type)
    {
        var script = construction + "\n$r = [Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContextIntegratedAuthExtensions]::AcquireTokenAsync($ctx, $resource, $clientId, $c).Result";
        var finding = Scan.Single(script, FindingKind.UserCredential);
        Assert.Equal((1, type, "Microsoft.IdentityModel.Clients.ActiveDirectory"), (finding.Line, finding.Command, finding.Module));
        Assert.Contains("ADAL", finding.Recommendation);
        Assert.Contains("Get-AzAccessToken -ResourceUrl", finding.Recommendation);
    }

    [Fact]
    public void Short_type_names_count_under_using_namespace()
    {
        var script = "using namespace Microsoft.IdentityModel.Clients.ActiveDirectory\n$c = [UserPasswordCredential]::new($u, $p)\n$r = $ctx.AcquireTokenAsync($res, $id, $c)";
        Assert.Equal(2, Scan.Single(script, FindingKind.UserCredential).Line);
        // Without it, a type named UserCredential is someone else's.
        Scan.None("$c = [UserCredential]::new($u, $p)");
        Scan.None("$c = New-Object MyCompany.Sync.UserCredential -ArgumentList $u, $p");
    }

    [Theory]
    [InlineData("$c = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential -ArgumentList $upn")]
    [InlineData("$c = [Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential]::new($upn)")]
    [InlineData("$c = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.ClientCredential -ArgumentList $appId, $secretFromVault")]
    [InlineData("$r = $ctx.AcquireTokenAsync($resource, $clientId, $redirectUri, $platformParameters)")]
    public void Windows_integrated_sign_in_and_app_credentials_are_not_user_credential_findings(string script) => Scan.None(script);

    [Fact]
    public void A_SharePoint_Online_CSOM_credential_is_a_finding_and_its_literal_password_too()
    {
        var script = """
            $securePassword = ConvertTo-SecureString 'Sp0-Upl0ad!' -AsPlainText -Force
            $ctx = New-Object Microsoft.SharePoint.Client.ClientContext($siteUrl)
            $ctx.Credentials = New-Object Microsoft.SharePoint.Client.SharePointOnlineCredentials($userName, $securePassword)
            """;
        var findings = Scan.Findings(script);
        Assert.Equal(new[] { (1, FindingKind.PlainTextPassword), (3, FindingKind.UserCredential) }, findings.Select(f => (f.Line, f.Kind)));
        Assert.Equal(("SharePointOnlineCredentials", "Microsoft.SharePoint.Client.Runtime"), (findings[1].Command, findings[1].Module));
        Assert.Contains("Connect-PnPOnline -Url <site> -ClientId <appId> -Thumbprint <thumbprint>", findings[1].Recommendation);
        Assert.Contains("Get-PnPContext", findings[1].Recommendation);
        // The password's advice is for the service it signs in to.
        Assert.Contains("Connect-PnPOnline", findings[0].Recommendation);
        Assert.DoesNotContain("Sp0-Upl0ad!", findings[0].Snippet);
    }

    [Fact]
    public void MSAL_NET_AcquireTokenByUsernamePassword_is_a_finding()
    {
        var script = "$cred = Get-Credential\n$result = $app.AcquireTokenByUsernamePassword($scopes, $cred.UserName, $cred.Password).ExecuteAsync().GetAwaiter().GetResult()";
        var finding = Scan.Single(script, FindingKind.UserCredential);
        Assert.Equal((2, "AcquireTokenByUsernamePassword", "Microsoft.Identity.Client"), (finding.Line, finding.Command, finding.Module));
        Assert.Contains("AcquireTokenInteractive", finding.Recommendation);
        Assert.Contains("typed in by a person", finding.Recommendation);
        Scan.None("$result = $app.AcquireTokenForClient($scopes).ExecuteAsync()");
        Scan.None("$result = $app.AcquireTokenInteractive($scopes).ExecuteAsync()");
    }
}
