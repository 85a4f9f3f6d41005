namespace PartnerSecurity.ScriptAnalysis.Tests;

public class BasicAuthRemotingTests
{
    [Theory]
    [InlineData("$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $cred -Authentication Basic -AllowRedirection")]
    [InlineData("$s = New-PSSession -ConfigurationName 'Microsoft.Exchange' -ConnectionUri $uri -Credential $cred -Authentication 'Basic' -AllowRedirection")]
    [InlineData("$s = New-PSSession -ConnectionUri 'https://ps.compliance.protection.outlook.com/powershell-liveid/' -Credential $cred -Authentication Basic")]
    [InlineData("$s = nsn -Conf Microsoft.Exchange -URI $uri -Cred $cred -Auth basic -AllowRedirection")]
    public void Exchange_remoting_over_Basic_authentication_is_a_finding(string script)
    {
        var finding = Scan.Single("$uri = 'https://outlook.office365.com/powershell-liveid/'\n" + script, FindingKind.BasicAuthRemoting);
        Assert.Equal(2, finding.Line);
        Assert.Equal(6, finding.Column);
        Assert.Equal("New-PSSession", finding.Command);
        Assert.Equal(FindingSeverity.High, finding.Severity);
        Assert.Contains("Connect-ExchangeOnline", finding.Recommendation);
        Assert.Contains("-CertificateThumbprint", finding.Recommendation);
    }

    [Theory]
    [InlineData("New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://exchange01/PowerShell/ -Authentication Kerberos")]
    [InlineData("New-PSSession -ComputerName server01 -Credential $cred -Authentication Basic")]
    [InlineData("New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $cred -Authentication $mode")]
    public void Other_remoting_is_not_a_finding(string script) => Scan.None(script);
}
