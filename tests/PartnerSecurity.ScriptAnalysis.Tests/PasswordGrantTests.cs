namespace PartnerSecurity.ScriptAnalysis.Tests;

public class PasswordGrantTests
{
    [Fact]
    public void A_hashtable_body_with_grant_type_password_is_a_finding_naming_the_http_call()
    {
        var script = """
            $body = @{
                grant_type = 'password'
                client_id  = $clientId
                username   = $user
                password   = 'Winter2024!'
                resource   = 'https://graph.windows.net'
            }
            $token = Invoke-RestMethod -Method Post -Uri "https://login.microsoftonline.com/$tenant/oauth2/token" -Body $body
            """;
        var finding = Scan.Single(script, FindingKind.PasswordGrant);
        Assert.Equal(2, finding.Line);
        Assert.Equal(5, finding.Column);
        Assert.Equal("Invoke-RestMethod", finding.Command);
        Assert.Equal("Microsoft.PowerShell.Utility", finding.Module);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Equal("grant_type = 'password'", finding.Snippet);
        Assert.Contains("New-SecureAppModelToken", finding.Recommendation);
        Assert.Contains("Connect-PartnerSecurity -ApplicationId", finding.Recommendation);
    }

    [Fact]
    public void An_inline_hashtable_body_names_its_command()
    {
        var finding = Scan.Single("iwr -Uri $uri -Method Post -Body @{ grant_type = \"password\"; username = $u; password = $p }", FindingKind.PasswordGrant);
        Assert.Equal("Invoke-WebRequest", finding.Command);
        Assert.Equal(1, finding.Line);
    }

    [Fact]
    public void A_query_string_body_is_a_finding_and_its_password_is_masked()
    {
        var script = "$body = \"grant_type=password&client_id=$clientId&username=$user&password=Summer2024!&scope=openid\"\n" +
                     "Invoke-RestMethod -Method Post -Uri $tokenUri -Body $body -ContentType 'application/x-www-form-urlencoded'";
        var finding = Scan.Single(script, FindingKind.PasswordGrant);
        Assert.Equal(1, finding.Line);
        Assert.Equal("Invoke-RestMethod", finding.Command);
        Assert.DoesNotContain("Summer2024!", finding.Snippet);
        Assert.Contains("password=***", finding.Snippet);
    }

    [Fact]
    public void A_string_literal_passed_to_the_call_is_a_finding()
    {
        var finding = Scan.Single("Invoke-RestMethod -Method Post -Uri $uri -Body 'grant_type=password&username=admin@contoso.com&password=Hunter2'", FindingKind.PasswordGrant);
        Assert.Equal("Invoke-RestMethod", finding.Command);
        Assert.DoesNotContain("Hunter2", finding.Snippet);
    }

    [Fact]
    public void A_concatenated_body_is_a_finding()
    {
        var finding = Scan.Single("$body = 'grant_type=password&username=' + $user + '&password=' + $password\nirm $uri -Method Post -Body $body", FindingKind.PasswordGrant);
        Assert.Equal("Invoke-RestMethod", finding.Command);
    }

    [Fact]
    public void A_json_here_string_body_is_a_finding_and_its_secrets_are_masked()
    {
        var script = """
            $json = @'
            {
              "grant_type": "password",
              "client_secret": "s3cr3t-value",
              "password": "Autumn2024!"
            }
            '@
            Invoke-RestMethod -Uri $uri -Method Post -Body $json -ContentType 'application/json'
            """;
        var finding = Scan.Single(script, FindingKind.PasswordGrant);
        Assert.Equal(1, finding.Line);
        Assert.Equal("Invoke-RestMethod", finding.Command);
    }

    [Theory]
    [InlineData("$body = @{}\n$body.grant_type = 'password'\nInvoke-RestMethod -Uri $u -Body $body", 2)]
    [InlineData("$body = @{}\n$body['grant_type'] = 'password'\nInvoke-RestMethod -Uri $u -Body $body", 2)]
    [InlineData("$pairs = [System.Collections.Generic.Dictionary[string,string]]::new()\n$pairs.Add('grant_type', 'password')\n$content = [System.Net.Http.FormUrlEncodedContent]::new($pairs)", 2)]
    public void A_grant_type_set_on_a_dictionary_is_a_finding(string script, int line) =>
        Assert.Equal(line, Scan.Single(script, FindingKind.PasswordGrant).Line);

    [Fact]
    public void A_member_assignment_names_the_call_that_sends_the_variable()
    {
        var finding = Scan.Single("$body = @{}\n$body.grant_type = 'password'\nInvoke-WebRequest -Uri $u -Method Post -Body $body", FindingKind.PasswordGrant);
        Assert.Equal("Invoke-WebRequest", finding.Command);
    }

    [Theory]
    [InlineData("$body = @{ grant_type = 'client_credentials'; client_id = $id; client_secret = $secret }")]
    [InlineData("$body = 'grant_type=refresh_token&refresh_token=' + $token")]
    [InlineData("# $body = 'grant_type=password&username=me&password=secret'")]
    [InlineData("<# Old way:\n$body = @{ grant_type = 'password' }\n#>")]
    [InlineData("Write-Host 'grant_type=password&username=me is no longer allowed'")]
    [InlineData("Write-Warning \"grant_type=password\"")]
    [InlineData("$note = 'Never use grant_type=password in scripts'")]
    [InlineData("$grant = 'password'")]
    public void Mentions_and_other_grants_are_not_findings(string script) => Scan.None(script);

    [Theory]
    [InlineData("$body = @{ grant_type = 'password'; username = $u; password = $p }\nInvoke-RestMethod -Method Post -Uri 'https://login.salesforce.com/services/oauth2/token' -Body $body", "login.salesforce.com")]
    [InlineData("$tokenUrl = 'https://auth.psa-vendor.example.net/oauth/token'\n$body = @{ grant_type = 'password'; username = $u; password = $p }\nInvoke-RestMethod $tokenUrl -Method Post -Body $body", "auth.psa-vendor.example.net")]
    [InlineData("$r = Invoke-WebRequest -Uri \"https://rmm.example.com:8443/api/token\" -Method Post -Body \"grant_type=password&username=$u&password=$p\"", "rmm.example.com")]
    [InlineData("$r = Invoke-RestMethod -Method Post -Uri 'https://itglue.example.org/oauth/token?grant_type=password&username=a&password=b'", "itglue.example.org")]
    public void A_password_grant_to_another_vendor_is_lower_severity_without_SAM_advice(string script, string host)
    {
        var finding = Scan.Single(script, FindingKind.PasswordGrant);
        Assert.Equal(FindingSeverity.Low, finding.Severity);
        Assert.Contains(host, finding.Recommendation);
        Assert.Contains("Get-Secret -Name", finding.Recommendation);
        Assert.DoesNotContain("Secure Application Model", finding.Recommendation);
        Assert.DoesNotContain("SecureAppModel", finding.Recommendation);
    }

    [Theory]
    [InlineData("$url = 'https://login.microsoftonline.com/{0}/oauth2/token' -f $tenant\nInvoke-RestMethod -Uri $url -Method Post -Body @{ grant_type = 'password'; username = $u; password = $p }")]
    [InlineData("Invoke-RestMethod -Uri ('https://login.windows.net/' + $tenant + '/oauth2/token') -Method Post -Body @{ grant_type = 'password' }")]
    [InlineData("Invoke-RestMethod -Uri \"https://login.microsoftonline.us/$tenant/oauth2/v2.0/token\" -Method Post -Body @{ grant_type = 'password' }")]
    [InlineData("Invoke-RestMethod -Uri 'https://contosob2c.b2clogin.com/contosob2c.onmicrosoft.com/oauth2/v2.0/token?p=B2C_1_ropc' -Method Post -Body @{ grant_type = 'password' }")]
    [InlineData("Invoke-RestMethod -Uri 'https://sts.contoso.com/adfs/oauth2/token' -Method Post -Body @{ grant_type = 'password' }")]
    [InlineData("Invoke-RestMethod -Uri \"https://$loginHost/$tenant/oauth2/token\" -Method Post -Body @{ grant_type = 'password' }")]
    [InlineData("Invoke-RestMethod -Uri $tokenEndpoint -Method Post -Body @{ grant_type = 'password' }")]
    public void A_password_grant_to_Microsoft_or_an_unknown_host_stays_high_with_SAM_advice(string script)
    {
        var finding = Scan.Single(script, FindingKind.PasswordGrant);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Contains("New-SecureAppModelToken", finding.Recommendation);
        Assert.Contains("Connect-MgGraph -ClientId <appId> -TenantId <tenant> -CertificateThumbprint <thumbprint>", finding.Recommendation);
    }
}
