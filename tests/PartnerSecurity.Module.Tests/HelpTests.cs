using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Get-Help, as a user runs it, has a synopsis, a description and examples for every exported cmdlet.</summary>
public class HelpTests
{
    public static TheoryData<string> Cmdlets()
    {
        using var session = new PowerShellSession();
        var data = new TheoryData<string>();
        foreach (var name in session.Run("(Get-Command -Module PartnerSecurity).Name").Output) data.Add((string)name.BaseObject);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cmdlets))]
    public void Every_cmdlet_has_help_with_examples(string cmdlet)
    {
        using var session = new PowerShellSession();
        var help = session.Run($"Get-Help {cmdlet} -Full").Output.Single();
        var synopsis = ((string)help.Properties["Synopsis"].Value).Trim();
        Assert.False(string.IsNullOrEmpty(synopsis) || synopsis.StartsWith(cmdlet, StringComparison.Ordinal), $"{cmdlet} has no synopsis: '{synopsis}'");
        var examples = session.Run($"(Get-Help {cmdlet} -Examples).examples.example.Count").Output.Single().BaseObject;
        Assert.True((int)examples >= 2, $"{cmdlet} has {examples} examples");
        var description = session.Run($"((Get-Help {cmdlet} -Full).description | ForEach-Object Text) -join ' '").Output.Single().BaseObject as string;
        Assert.False(string.IsNullOrWhiteSpace(description), $"{cmdlet} has no description");
    }

    [Fact]
    public void Every_parameter_of_every_cmdlet_is_documented()
    {
        using var session = new PowerShellSession();
        var undocumented = session.Run(@"
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($command in Get-Command -Module PartnerSecurity) {
                $documented = @((Get-Help $command.Name -Full).parameters.parameter | ForEach-Object name)
                foreach ($name in $command.Parameters.Keys) {
                    if ($name -notin $common -and $name -notin $documented) { ""$($command.Name) -$name"" }
                }
            }").Output.Select(o => o.ToString()).ToList();
        Assert.Empty(undocumented);
    }
}
