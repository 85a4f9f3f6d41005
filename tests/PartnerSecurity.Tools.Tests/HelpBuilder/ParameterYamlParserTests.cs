using System.Collections.Generic;
using PartnerSecurity.HelpBuilder.Markdown;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class ParameterYamlParserTests
{
    private static (PartnerSecurity.HelpBuilder.Model.ParameterMetadata Metadata, List<(int Line, string Message)> Problems) Parse(params string[] lines)
    {
        var problems = new List<(int, string)>();
        var metadata = ParameterYamlParser.Parse(new FencedBlock("yaml", lines, true, 10), (line, message) => problems.Add((line, message)));
        return (metadata, problems);
    }

    [Fact]
    public void Reads_every_platyPS_key()
    {
        var (metadata, problems) = Parse(
            "Type: String[]", "Parameter Sets: A, B", "Aliases: X, Y", "Accepted values: One, Two", "",
            "Required: True", "Position: 1", "Default value: One", "Accept pipeline input: True (ByPropertyName)", "Accept wildcard characters: True");

        Assert.Empty(problems);
        Assert.Equal("String[]", metadata.Type);
        Assert.Equal(new[] { "A", "B" }, metadata.ParameterSets);
        Assert.Equal(new[] { "X", "Y" }, metadata.Aliases);
        Assert.Equal(new[] { "One", "Two" }, metadata.AcceptedValues);
        Assert.True(metadata.Required);
        Assert.Equal("1", metadata.Position);
        Assert.True(metadata.IsPositional);
        Assert.Equal("One", metadata.DefaultValue);
        Assert.Equal("True (ByPropertyName)", metadata.PipelineInput);
        Assert.True(metadata.AcceptsWildcards);
        Assert.Equal(10, metadata.Line);
    }

    [Fact]
    public void Empty_aliases_and_All_sets_mean_no_aliases_and_every_set()
    {
        var (metadata, _) = Parse("Type: String", "Parameter Sets: (All)", "Aliases:", "Required: False", "Position: Named");

        Assert.Empty(metadata.Aliases);
        Assert.True(metadata.AppliesToAllSets);
        Assert.True(metadata.AppliesTo("AnySet"));
        Assert.False(metadata.IsPositional);
    }

    [Fact]
    public void Named_sets_apply_only_to_themselves()
    {
        var (metadata, _) = Parse("Type: String", "Parameter Sets: ById, ByName");

        Assert.True(metadata.AppliesTo("byid"));
        Assert.False(metadata.AppliesTo("ByPath"));
    }

    [Theory]
    [InlineData("Required: Maybe", 12, "Required must be True or False")]
    [InlineData("Position: First", 12, "Position must be Named or a number")]
    [InlineData("Accept pipeline input: Sometimes", 12, "Accept pipeline input must be")]
    [InlineData("Colour: Blue", 12, "unknown key 'Colour'")]
    [InlineData("no colon here", 12, "is not a 'Key: value' line")]
    public void Reports_lines_it_cannot_use_at_their_line(string line, int expectedLine, string expectedMessage)
    {
        // The fence is on line 10, so "Type: String" is line 11 and the line under test line 12.
        var (_, problems) = Parse("Type: String", line);

        var (problemLine, message) = Assert.Single(problems);
        Assert.Equal(expectedLine, problemLine);
        Assert.Contains(expectedMessage, message);
    }

    [Fact]
    public void Normalizes_pipeline_input_spelling()
    {
        var (metadata, problems) = Parse("Type: String", "Accept pipeline input: true (ByValue,ByPropertyName)");

        Assert.Empty(problems);
        Assert.Equal("True (ByValue, ByPropertyName)", metadata.PipelineInput);
    }
}
