namespace PartnerSecurity.ScriptAnalysis.Tests;

public class PlainTextPasswordTests
{
    [Theory]
    [InlineData("$secure = ConvertTo-SecureString 'P@ssw0rd!' -AsPlainText -Force")]
    [InlineData("$secure = ConvertTo-SecureString -String \"P@ssw0rd!\" -AsPlainText -Force")]
    [InlineData("$secure = ConvertTo-SecureString -AsPlainText 'P@ssw0rd!' -Force")]
    [InlineData("$secure = ConvertTo-SecureString -AsPlainText -Force -String 'P@ssw0rd!'")]
    [InlineData("$secure = 'P@ssw0rd!' | ConvertTo-SecureString -AsPlainText -Force")]
    [InlineData("$secure = ConvertTo-SecureString 'P@ssw0rd!' -AsPlain -Force")]
    public void ConvertTo_SecureString_of_a_literal_is_a_finding_and_the_literal_is_masked(string script)
    {
        var finding = Scan.Single(script, FindingKind.PlainTextPassword);
        Assert.Equal("ConvertTo-SecureString", finding.Command);
        Assert.Equal("Microsoft.PowerShell.Security", finding.Module);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.DoesNotContain("P@ssw0rd!", finding.Snippet);
        Assert.Contains("'***'", finding.Snippet);
        Assert.Contains("vault", finding.Recommendation);
    }

    [Fact]
    public void A_literal_reaching_ConvertTo_SecureString_through_a_variable_is_a_finding()
    {
        var script = "$pw = 'P@ssw0rd!'\n$user = 'admin@contoso.com'\n$secure = ConvertTo-SecureString $pw -AsPlainText -Force";
        var finding = Scan.Single(script, FindingKind.PlainTextPassword);
        Assert.Equal(3, finding.Line);
    }

    [Fact]
    public void A_literal_parameter_default_is_a_literal()
    {
        var script = "function Connect-Lab {\n  param([string] $Password = 'Lab2024!')\n  ConvertTo-SecureString $Password -AsPlainText -Force\n}";
        Assert.Equal(3, Scan.Single(script, FindingKind.PlainTextPassword).Line);
    }

    [Theory]
    [InlineData("$secure = ConvertTo-SecureString $env:SCRIPT_PASSWORD -AsPlainText -Force")]
    [InlineData("$secure = ConvertTo-SecureString $encrypted")]
    [InlineData("$secure = ConvertTo-SecureString 'a-dpapi-blob'")]
    [InlineData("param($Password)\nConvertTo-SecureString $Password -AsPlainText -Force")]
    [InlineData("$pw = Get-Secret -Name Admin -AsPlainText\nConvertTo-SecureString $pw -AsPlainText -Force")]
    [InlineData("$pw = 'old'\n$pw = Read-Host\nConvertTo-SecureString $pw -AsPlainText -Force")]
    [InlineData("ConvertTo-SecureString \"$prefix-suffix\" -AsPlainText -Force")]
    public void A_value_that_is_not_written_in_the_script_is_not_a_finding(string script) => Scan.None(script);

    [Theory]
    [InlineData("$cred = New-Object System.Management.Automation.PSCredential('admin@contoso.com', 'Spring2024!')", "New-Object")]
    [InlineData("$cred = New-Object -TypeName PSCredential -ArgumentList 'admin@contoso.com', 'Spring2024!'", "New-Object")]
    [InlineData("$cred = [pscredential]::new('admin@contoso.com', 'Spring2024!')", "[pscredential]::new")]
    [InlineData("$cred = [System.Management.Automation.PSCredential]::new($user, 'Spring2024!')", "[System.Management.Automation.PSCredential]::new")]
    [InlineData("$secure = (New-Object System.Net.NetworkCredential('', 'Spring2024!')).SecurePassword", "New-Object")]
    [InlineData("$secure = [Net.NetworkCredential]::new('', 'Spring2024!').SecurePassword", "[Net.NetworkCredential]::new")]
    public void A_literal_password_handed_to_a_credential_type_is_a_finding(string script, string command)
    {
        var finding = Scan.Single(script, FindingKind.PlainTextPassword);
        Assert.Equal(command, finding.Command);
        Assert.DoesNotContain("Spring2024!", finding.Snippet);
    }

    [Fact]
    public void A_credential_built_from_ConvertTo_SecureString_of_a_literal_is_one_finding()
    {
        var finding = Scan.Single("$cred = New-Object PSCredential -ArgumentList $user, (ConvertTo-SecureString 'Spring2024!' -AsPlainText -Force)", FindingKind.PlainTextPassword);
        Assert.Equal("ConvertTo-SecureString", finding.Command);
        Assert.DoesNotContain("Spring2024!", finding.Snippet);
    }

    [Fact]
    public void A_credential_built_from_a_prompt_is_not_a_finding()
    {
        Scan.None("$cred = New-Object PSCredential($user, (Read-Host -AsSecureString))");
        Scan.None("$cred = [pscredential]::new($user, $securePassword)");
    }

    [Fact]
    public void The_classic_script_gives_one_finding_per_problem_and_no_password_in_any_snippet()
    {
        var script = """
            $User = "admin@contoso.onmicrosoft.com"
            $PWord = ConvertTo-SecureString -String "Pa55w.rd" -AsPlainText -Force
            $Credential = New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList $User, $PWord
            Connect-MsolService -Credential $Credential
            Connect-ExchangeOnline -Credential $Credential
            """;
        var findings = Scan.Findings(script);
        Assert.Equal(new[] { (2, FindingKind.PlainTextPassword), (4, FindingKind.UserCredential), (5, FindingKind.UserCredential) },
            findings.Select(f => (f.Line, f.Kind)));
        Assert.All(findings, f => Assert.DoesNotContain("Pa55w.rd", f.Snippet));
    }

    [Theory]
    [InlineData("$secret = ConvertTo-SecureString 'Hv3~uJ6.wE9_rT1' -AsPlainText -Force\n$sp = New-Object PSCredential($appId, $secret)\nConnect-AzAccount -ServicePrincipal -Credential $sp -Tenant $t", "Connect-AzAccount -ServicePrincipal -ApplicationId")]
    [InlineData("$appCred = [pscredential]::new($appId, (ConvertTo-SecureString 'Hv3~uJ6.wE9_rT1' -AsPlainText -Force))\nConnect-PartnerCenter -ApplicationId $appId -Credential $appCred -RefreshToken $rt", "Connect-PartnerCenter -ApplicationId")]
    [InlineData("$t = Get-MsalToken -ClientId $id -TenantId $tid -ClientSecret (ConvertTo-SecureString 'Hv3~uJ6.wE9_rT1' -AsPlainText -Force)", "Get-MsalToken -ClientId <appId> -TenantId <tenant> -ClientCertificate")]
    [InlineData("$p = @{ ServicePrincipal = $true; Tenant = $t; Credential = [pscredential]::new($appId, ('Hv3~uJ6.wE9_rT1' | ConvertTo-SecureString -AsPlainText -Force)) }\nConnect-AzAccount @p", "Connect-AzAccount -ServicePrincipal")]
    [InlineData("$clientSecret = ConvertTo-SecureString 'Hv3~uJ6.wE9_rT1' -AsPlainText -Force\nSend-Report -Secret $clientSecret", "-CertificateThumbprint")]
    [InlineData("Connect-PnPOnline -Url $site -ClientId $app -ClientSecret 'Hv3~uJ6.wE9_rT1'", "Connect-PnPOnline -Url <site> -ClientId <appId> -Thumbprint")]
    [InlineData("$s = 'Hv3~uJ6.wE9_rT1'\nAdd-PCAuthentication -cspappID $app -cspDomain $d -cspClientSecret $s", "Connect-PartnerCenter -ApplicationId")]
    [InlineData("$cc = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.ClientCredential($appId, 'Hv3~uJ6.wE9_rT1')", "Get-AzAccessToken")]
    [InlineData("$app = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create($id).WithClientSecret('Hv3~uJ6.wE9_rT1').Build()", "WithCertificate")]
    public void An_applications_client_secret_is_called_a_secret(string script, string replacement)
    {
        var finding = Scan.Findings(script).Single(f => f.Kind == FindingKind.PlainTextSecret);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Contains("client secret", finding.Recommendation);
        Assert.DoesNotContain("password", finding.Recommendation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(replacement, finding.Recommendation);
        Assert.DoesNotContain("Hv3~uJ6.wE9_rT1", finding.Snippet);
        Assert.DoesNotContain(Scan.Findings(script), f => f.Kind == FindingKind.PlainTextPassword || f.Kind == FindingKind.UserCredential);
    }

    [Theory]
    [InlineData("$pfx = ConvertTo-SecureString 'Pfx-Key-2023' -AsPlainText -Force\nImport-PfxCertificate -FilePath .\\app.pfx -CertStoreLocation Cert:\\CurrentUser\\My -Password $pfx")]
    [InlineData("Connect-PnPOnline -Url $u -ClientId $a -Tenant $t -CertificatePath .\\app.pfx -CertificatePassword (ConvertTo-SecureString 'Pfx-Key-2023' -AsPlainText -Force)")]
    [InlineData("$pw = ConvertTo-SecureString 'Pfx-Key-2023' -AsPlainText -Force\n$cert = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new('.\\app.pfx', $pw)")]
    [InlineData("$certPassword = ConvertTo-SecureString 'Pfx-Key-2023' -AsPlainText -Force\nConnect-ExchangeOnline -AppId $a -CertificateFilePath .\\app.pfx -CertificatePassword $certPassword -Organization $o")]
    [InlineData("$pw = ConvertTo-SecureString 'Pfx-Key-2023' -AsPlainText -Force\n$c = New-Object System.Security.Cryptography.X509Certificates.X509Certificate2('.\\app.pfx', $pw)")]
    public void A_certificate_files_password_is_not_told_to_sign_in_with_a_certificate(string script)
    {
        var finding = Scan.Single(script, FindingKind.PlainTextPassword);
        Assert.Contains("certificate file", finding.Recommendation);
        Assert.Contains("Import-PfxCertificate", finding.Recommendation);
        Assert.DoesNotContain("Sign in with a certificate", finding.Recommendation);
    }

    [Fact]
    public void A_users_password_gets_the_replacement_for_the_service_it_signs_in_to()
    {
        // Named $secret, but it is a user's password: where it goes decides.
        var script = "$secret = ConvertTo-SecureString 'Teams-2024' -AsPlainText -Force\n$admin = New-Object pscredential('admin@contoso.com', $secret)\nConnect-MicrosoftTeams -Credential $admin";
        var finding = Scan.Findings(script).Single(f => f.Kind == FindingKind.PlainTextPassword);
        Assert.Contains("change it", finding.Recommendation);
        Assert.Contains("Connect-MicrosoftTeams -ApplicationId <appId> -CertificateThumbprint", finding.Recommendation);
    }

    [Theory]
    [InlineData("$pw = ''\nConvertTo-SecureString $pw -AsPlainText -Force")]
    [InlineData("$cred = [pscredential]::new('user', (ConvertTo-SecureString ' ' -AsPlainText -Force))")]
    [InlineData("Connect-PnPOnline -Url $u -ClientId $a -ClientSecret ''")]
    public void An_empty_literal_is_no_secret(string script) => Scan.None(script);
}
