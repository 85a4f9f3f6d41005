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
}
