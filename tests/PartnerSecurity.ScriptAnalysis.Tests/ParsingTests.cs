namespace PartnerSecurity.ScriptAnalysis.Tests;

public class ParsingTests
{
    [Fact]
    public void Comments_strings_and_here_strings_that_mention_a_cmdlet_are_not_findings()
    {
        var script = """
            # Connect-MsolService -Credential $cred
            <#
                Connect-AzureAD -Credential $cred
                ConvertTo-SecureString 'x' -AsPlainText -Force
            #>
            Write-Host "Run Connect-MsolService -Credential `$cred yourself"
            $usage = 'Connect-ExchangeOnline -Credential $cred'
            $template = @"
            Connect-AzAccount -Credential `$cred
            New-PSSession -ConfigurationName Microsoft.Exchange -Authentication Basic
            Import-Module MSOnline
            "@
            $literal = @'
            Connect-MicrosoftTeams -Credential $cred
            '@
            """;
        Scan.None(script);
    }

    [Fact]
    public void Calls_inside_nested_script_blocks_functions_and_classes_are_found()
    {
        var script = """
            function Connect-Customer {
                param([pscredential] $Credential)
                $job = Start-Job -ScriptBlock {
                    Invoke-Command -ComputerName jump01 -ScriptBlock {
                        Connect-MsolService -Credential $using:Credential
                    }
                }
            }
            class Tenant {
                [void] Connect([pscredential] $c) {
                    Connect-AzureAD -Credential $c
                }
            }
            $customers | ForEach-Object -Parallel { Connect-ExchangeOnline -Credential $using:cred }
            """;
        var findings = Scan.Findings(script);
        Assert.Equal(new[] { (5, 13, "Connect-MsolService"), (11, 9, "Connect-AzureAD"), (14, 41, "Connect-ExchangeOnline") },
            findings.Select(f => (f.Line, f.Column, f.Command)));
    }

    [Fact]
    public void A_workflow_written_for_Windows_PowerShell_is_still_scanned()
    {
        var script = "workflow Sync-Tenants {\n    $cred = Get-AutomationPSCredential -Name 'Admin'\n    Add-AzureRmAccount -Credential $cred\n}";
        Assert.Equal(3, Scan.Single(script, FindingKind.UserCredential).Line);
    }

    [Fact]
    public void A_file_that_does_not_parse_is_scanned_as_far_as_the_parser_reads_it_and_its_findings_are_marked()
    {
        var result = Scan.Result("Connect-MsolService -Credential $c\nfunction Broken {\n    if ($x) {\n        Add-AzureAccount -Credential $c\n", "/estate/broken.ps1");
        var problem = Assert.IsType<ScanProblem>(result.Problem);
        Assert.Equal(ScanProblemKind.ParseError, problem.Kind);
        Assert.Equal("/estate/broken.ps1", problem.Path);
        Assert.NotNull(problem.Line);
        Assert.Contains("/estate/broken.ps1", problem.Message);
        Assert.Contains($"line {problem.Line}", problem.Message);
        Assert.Contains("FileHasParseErrors", problem.Message);
        // Findings before the error and inside the unclosed blocks the parser recovered.
        Assert.Equal(new[] { (1, "Connect-MsolService"), (4, "Add-AzureAccount") }, result.Findings.Select(f => (f.Line, f.Command)));
        Assert.All(result.Findings, f => Assert.True(f.FileHasParseErrors));
    }

    [Fact]
    public void Findings_of_a_file_that_parses_are_not_marked()
    {
        var finding = Scan.Single("Connect-MsolService -Credential $c", FindingKind.UserCredential);
        Assert.False(finding.FileHasParseErrors);
        Assert.Equal(string.Empty, finding.Encoding);
    }

    [Fact]
    public void A_statement_the_parser_could_not_read_gives_no_finding_but_the_rest_of_the_file_does()
    {
        // Line 2 has an unclosed parenthesis; the parser recovers at the next statement.
        var result = Scan.Result("$a = 1\n$b = (Connect-MsolService -Credential $c\n$c = 3\nConnect-AzureAD -Credential $c\n", "/estate/x.ps1");
        Assert.Equal(2, result.Problem!.Line);
        Assert.Contains(result.Findings, f => f.Line == 4 && f.Command == "Connect-AzureAD" && f.FileHasParseErrors);
    }

    [Fact]
    public void The_first_parse_error_is_the_earliest_one()
    {
        var result = Scan.Result("$a = 1\n$b = (2\n$c = 3\n}\n", "/estate/x.ps1");
        Assert.Equal(2, result.Problem!.Line);
    }

    [Fact]
    public void A_parse_error_message_does_not_quote_the_script()
    {
        var result = Scan.Result("$password = 'Hunter2' 'Correct-Horse-Battery'\n", "/estate/x.ps1");
        var problem = Assert.IsType<ScanProblem>(result.Problem);
        Assert.DoesNotContain("Correct-Horse-Battery", problem.Message);
        Assert.DoesNotContain("Hunter2", problem.Message);
        Assert.Contains("line 1", problem.Message);
    }

    [Fact]
    public void Findings_come_in_line_order_with_columns_and_trimmed_snippets()
    {
        var script = "Import-Module MSOnline\r\n\r\n    Connect-MsolService -Credential $cred   \r\n\t$s = ConvertTo-SecureString 'x1' -AsPlainText -Force\r\n";
        var findings = Scan.Findings(script);
        Assert.Equal(new[] { (1, 1, FindingKind.LegacyModule), (3, 5, FindingKind.UserCredential), (4, 7, FindingKind.PlainTextPassword) },
            findings.Select(f => (f.Line, f.Column, f.Kind)));
        Assert.Equal("Connect-MsolService -Credential $cred", findings[1].Snippet);
        Assert.Equal("$s = ConvertTo-SecureString '***' -AsPlainText -Force", findings[2].Snippet);
    }

    [Fact]
    public void A_very_long_line_gives_a_cut_snippet()
    {
        var script = "Connect-MsolService -Credential $cred; " + string.Join("; ", Enumerable.Repeat("Get-MsolUser -All", 40));
        var snippet = Scan.Single(script, FindingKind.UserCredential).Snippet;
        Assert.True(snippet.Length <= 240);
        Assert.EndsWith("…", snippet);
        Assert.StartsWith("Connect-MsolService -Credential $cred;", snippet);
    }

    [Fact]
    public void Secrets_in_hashtables_are_masked_in_the_snippet_of_a_finding_on_their_line()
    {
        var finding = Scan.Single("Connect-MsolService -Credential $c; $x = @{ UserName = 'a'; Password = 'Wh1sper!' }", FindingKind.UserCredential);
        Assert.DoesNotContain("Wh1sper!", finding.Snippet);
        Assert.Contains("Password = '***'", finding.Snippet);
    }

    [Fact]
    public void An_empty_file_has_no_findings() => Scan.None("");
}

public class PathologicalInputTests
{
    [Fact]
    public void A_script_nested_deeper_than_the_parser_allows_is_a_problem_and_not_a_crash()
    {
        var path = Path.Combine(Path.GetTempPath(), "deep-" + Guid.NewGuid().ToString("N") + ".ps1");
        File.WriteAllText(path, new string('(', 20000) + "1" + new string(')', 20000));
        try
        {
            var result = CredentialUsageScanner.ScanFile(path);
            var problem = Assert.IsType<ScanProblem>(result.Problem);
            Assert.Contains(path, problem.Message);
            Assert.Empty(result.Findings);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
