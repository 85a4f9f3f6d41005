namespace PartnerSecurity.ScriptAnalysis.Tests;

public class SplattingTests
{
    [Theory]
    [InlineData("$params = @{ Credential = $cred; TenantId = $tenant }\nConnect-AzureAD @params")]
    [InlineData("$params = [ordered]@{ Credential = $cred }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ 'Credential' = $cred }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ Cred = $cred }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ TenantId = $tenant }\n$params.Credential = $cred\nConnect-AzureAD @params")]
    [InlineData("$params = @{ TenantId = $tenant }\n$params['Credential'] = $cred\nConnect-AzureAD @params")]
    [InlineData("$params = @{}\n$params.Add('Credential', $cred)\nConnect-AzureAD @params")]
    [InlineData("$params = @{ TenantId = $tenant }\n$params += @{ Credential = $cred }\nConnect-AzureAD @params")]
    [InlineData("$script:params = @{ Credential = $cred }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ Credential = $cred }\nConnect-AzureAD -TenantId $tenant @params")]
    public void A_splatted_hashtable_holding_a_credential_is_a_finding(string script)
    {
        var finding = Scan.Findings(script).Single();
        Assert.Equal(FindingKind.UserCredential, finding.Kind);
        Assert.Equal(script.Split('\n').Length, finding.Line);
        Assert.StartsWith("Connect-AzureAD", finding.Snippet);
    }

    [Theory]
    [InlineData("$params = @{ TenantId = $tenant }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ Credential = $cred }\n$params.Remove('Credential')\nConnect-AzureAD @params")]
    [InlineData("$params = @{ Credential = $cred }\n$params = @{ TenantId = $tenant }\nConnect-AzureAD @params")]
    [InlineData("$params = @{ Credential = $cred; ServicePrincipal = $true; Tenant = $tenant }\nConnect-AzAccount @params")]
    [InlineData("$params = @{ Credential = $cred }\nConnect-AzAccount @params -ServicePrincipal -Tenant $tenant")]
    [InlineData("Connect-AzureAD @PSBoundParameters")]
    [InlineData("$params = Get-Params\nConnect-AzureAD @params")]
    public void A_splat_without_a_user_credential_is_not_a_finding(string script) => Scan.None(script);

    [Fact]
    public void A_splat_with_ServicePrincipal_set_to_false_is_a_finding() =>
        Scan.Single("$params = @{ Credential = $cred; ServicePrincipal = $false }\nConnect-AzAccount @params", FindingKind.UserCredential);

    [Fact]
    public void A_hashtable_assigned_after_the_call_in_the_same_scope_does_not_count()
    {
        Scan.None("$params = @{ TenantId = $t }\nConnect-AzureAD @params\n$params = @{ Credential = $cred }");
    }

    [Fact]
    public void A_script_block_reads_the_hashtable_of_its_parent_scope()
    {
        var script = """
            $params = @{ Credential = $cred }
            $tenants | ForEach-Object {
                Connect-MsolService @params
            }
            """;
        Assert.Equal(3, Scan.Single(script, FindingKind.UserCredential).Line);
    }

    [Fact]
    public void A_function_defined_above_the_assignment_it_uses_is_resolved()
    {
        var script = """
            function Connect-Tenant {
                Connect-MsolService @msolParams
            }
            $msolParams = @{ Credential = (Get-Credential) }
            Connect-Tenant
            """;
        Assert.Equal(2, Scan.Single(script, FindingKind.UserCredential).Line);
    }

    [Fact]
    public void A_hashtable_of_a_sibling_function_is_another_scope()
    {
        var script = """
            function Get-Settings {
                $params = @{ Credential = $cred }
            }
            function Connect-Tenant {
                $params = @{ TenantId = $tenant }
                Connect-AzureAD @params
            }
            """;
        Scan.None(script);
    }

    [Fact]
    public void Keys_added_in_a_child_scope_modify_the_parent_hashtable()
    {
        var script = """
            $params = @{ TenantId = $tenant }
            if ($useCredential) { $params.Credential = $cred }
            & { Connect-AzureAD @params }
            """;
        Assert.Equal(3, Scan.Single(script, FindingKind.UserCredential).Line);
    }

    [Fact]
    public void Splatting_resolves_new_PSSession_arguments_too()
    {
        var script = """
            $session = @{
                ConfigurationName = 'Microsoft.Exchange'
                ConnectionUri     = 'https://outlook.office365.com/powershell-liveid/'
                Credential        = $cred
                Authentication    = 'Basic'
                AllowRedirection  = $true
            }
            $s = New-PSSession @session
            """;
        Assert.Equal(8, Scan.Single(script, FindingKind.BasicAuthRemoting).Line);
    }
}
