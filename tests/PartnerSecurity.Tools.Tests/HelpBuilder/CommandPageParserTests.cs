using System.Linq;
using PartnerSecurity.HelpBuilder.Markdown;
using PartnerSecurity.HelpBuilder.Model;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class CommandPageParserTests
{
    private static CommandHelp Parse(string page) => CommandPageParser.Parse(page, SamplePages.FileName);

    [Fact]
    public void The_valid_sample_parses_without_problems()
    {
        Assert.Empty(Parse(SamplePages.Widget).ParseProblems);
    }

    [Fact]
    public void Title_gives_name_verb_and_noun()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal("Get-Widget", help.Name);
        Assert.Equal("Get", help.Verb);
        Assert.Equal("Widget", help.Noun);
        Assert.Equal(SamplePages.Widget.LineOf("# Get-Widget"), help.NameLine);
        Assert.Equal("Widgets", help.FrontMatter["Module Name"]);
        Assert.Equal("https://example.com/get-widget", help.OnlineVersion);
    }

    [Fact]
    public void Synopsis_is_plain_text()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(new[] { "Gets widgets from the store." }, help.Synopsis!.Paragraphs);
    }

    [Fact]
    public void Description_keeps_paragraphs_and_list_items()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(new[]
        {
            "The Get-Widget cmdlet gets widgets. It reads them from a store.",
            "See the store (https://example.com/store) and Set-Widget.",
            "- first point",
            "- second point",
        }, help.Description!.Paragraphs);
    }

    [Fact]
    public void Syntax_gives_each_parameter_set_its_default_flag_and_parameter_order()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(2, help.SyntaxSets.Count);
        var byName = help.SyntaxSets[0];
        Assert.Equal("ByName", byName.Name);
        Assert.True(byName.IsDefault);
        Assert.Equal(new[] { "Name", "Store" }, byName.ParameterNames);
        Assert.StartsWith("Get-Widget [[-Name] <String[]>]", byName.Text);
        var byId = help.SyntaxSets[1];
        Assert.Equal("ById", byId.Name);
        Assert.False(byId.IsDefault);
        Assert.Equal(new[] { "Id", "Store", "Force" }, byId.ParameterNames);
    }

    [Fact]
    public void Syntax_parameter_names_ignore_the_hyphen_of_the_command_name()
    {
        var help = Parse(SamplePages.Minimal);

        var set = Assert.Single(help.SyntaxSets);
        Assert.Equal(SyntaxSet.AllParameterSets, set.Name);
        Assert.Empty(set.ParameterNames);
    }

    [Fact]
    public void Examples_have_title_code_and_remarks()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(2, help.Examples.Count);
        var first = help.Examples[0];
        Assert.Equal("Example 1: Get all widgets", first.Title);
        Assert.Equal("Get-Widget", first.Code);
        Assert.Empty(first.Introduction);
        Assert.Equal(new[] { "Gets every widget." }, first.Remarks);
        Assert.Equal(SamplePages.Widget.LineOf("### Example 1: Get all widgets"), first.Line);
    }

    [Fact]
    public void Example_text_before_the_code_is_its_introduction_and_further_code_blocks_join_the_code()
    {
        var second = Parse(SamplePages.Widget).Examples[1];

        Assert.Equal(new[] { "Before the code." }, second.Introduction);
        Assert.Equal("$w = Get-Widget -Id 42\n$w.Name\n\nSprocket", second.Code);
        Assert.Equal(new[] { "Gets widget 42.", "Then shows its name." }, second.Remarks);
    }

    [Theory]
    [InlineData("PS C:\\> Get-Widget", "Get-Widget")]
    [InlineData("PS> Get-Widget", "Get-Widget")]
    [InlineData("PS /home/admin> Get-Widget", "Get-Widget")]
    [InlineData("PS C:\\>Get-Widget", "Get-Widget")]
    [InlineData("Get-Widget | Where-Object Name -eq 'PS> x'", "Get-Widget | Where-Object Name -eq 'PS> x'")]
    [InlineData("PSObject> Get-Widget", "PSObject> Get-Widget")]
    public void Example_code_loses_a_leading_prompt(string line, string expected)
    {
        Assert.Equal(expected, CommandPageParser.StripPrompts(new FencedBlock("powershell", new[] { line }, true, 1)));
    }

    [Fact]
    public void Prompts_are_kept_in_output_blocks()
    {
        Assert.Equal("PS> literal", CommandPageParser.StripPrompts(new FencedBlock("output", new[] { "PS> literal" }, true, 1)));
    }

    [Fact]
    public void Parameters_have_description_and_metadata()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(new[] { "Force", "Id", "Name", "Store" }, help.Parameters.Select(p => p.Name));
        var id = help.Parameters[1];
        Assert.Equal(new[] { "The widget id." }, id.Description);
        Assert.Equal("Int32", id.Type);
        var metadata = Assert.Single(id.Metadata);
        Assert.Equal(new[] { "WidgetId", "Number" }, metadata.Aliases);
        Assert.True(metadata.Required);
        Assert.Equal("True (ByPropertyName)", metadata.PipelineInput);
        Assert.True(help.Parameters[0].IsSwitch);
        Assert.False(id.IsSwitch);
    }

    [Fact]
    public void A_parameter_can_have_one_yaml_block_per_group_of_parameter_sets()
    {
        var store = Parse(SamplePages.Widget).Parameters.Single(p => p.Name == "Store");

        Assert.Equal(2, store.Metadata.Count);
        Assert.False(store.ForSet("ByName")!.Required);
        Assert.True(store.ForSet("ById")!.Required);
        Assert.Null(store.ForSet("ByPath"));
        Assert.False(store.RequiredEverywhere);
        Assert.Equal(new[] { "Main", "Backup" }, store.Metadata[0].AcceptedValues);
    }

    [Fact]
    public void CommonParameters_heading_is_a_flag_not_a_parameter()
    {
        var help = Parse(SamplePages.Widget);

        Assert.True(help.SupportsCommonParameters);
        Assert.DoesNotContain(help.Parameters, p => p.Name.Contains("Common"));
        Assert.False(Parse(SamplePages.Widget.With("### CommonParameters\nThis cmdlet supports the common parameters.\n", "")).SupportsCommonParameters);
    }

    [Fact]
    public void Inputs_and_outputs_are_type_names_with_text()
    {
        var help = Parse(SamplePages.Widget);

        Assert.Equal(new[] { "System.String[]", "System.Int32" }, help.Inputs.Select(t => t.Name));
        Assert.Equal(new[] { "Ids of widgets." }, help.Inputs[1].Description);
        var output = Assert.Single(help.Outputs);
        Assert.Equal("Widgets.Widget", output.Name);
        Assert.Equal(new[] { "A widget." }, output.Description);
    }

    [Fact]
    public void Notes_are_paragraphs()
    {
        Assert.Equal(new[] { "Widgets are cached.", "Second note." }, Parse(SamplePages.Widget).Notes!.Paragraphs);
    }

    [Fact]
    public void Related_links_keep_web_addresses_only()
    {
        var links = Parse(SamplePages.Widget).RelatedLinks;

        Assert.Equal(2, links.Count);
        Assert.Equal(("Set-Widget", ""), (links[0].Text, links[0].Uri));
        Assert.Equal(("Online docs", "https://example.com/widgets"), (links[1].Text, links[1].Uri));
    }

    [Fact]
    public void Missing_sections_are_left_empty_for_the_validator()
    {
        var help = Parse("# Get-Nothing\n");

        Assert.Null(help.Synopsis);
        Assert.Null(help.Description);
        Assert.Empty(help.Examples);
        Assert.Empty(help.SyntaxSets);
        Assert.Empty(help.ParseProblems);
    }

    [Fact]
    public void An_unknown_section_is_a_problem_at_its_line()
    {
        var page = SamplePages.Widget.With("## NOTES", "## NOTE");

        var problem = Assert.Single(Parse(page).ParseProblems);
        Assert.Equal(page.LineOf("## NOTE"), problem.Line);
        Assert.Contains("unknown section '## NOTE'", problem.Message);
    }

    [Fact]
    public void A_parameter_heading_without_a_hyphen_is_a_problem()
    {
        var page = SamplePages.Widget.With("### -Force", "### Force");

        var problem = Assert.Single(Parse(page).ParseProblems);
        Assert.Equal(page.LineOf("### Force"), problem.Line);
        Assert.Contains("'### -ParameterName'", problem.Message);
    }

    [Fact]
    public void Yaml_problems_name_the_parameter_and_the_line()
    {
        var page = SamplePages.Widget.With("Aliases: WidgetId, Number\n\nRequired: True", "Aliases: WidgetId, Number\n\nRequired: Yes");

        var problem = Assert.Single(Parse(page).ParseProblems);
        Assert.Equal(page.LineOf("Required: Yes"), problem.Line);
        Assert.StartsWith("parameter -Id: Required must be True or False", problem.Message);
    }
}
