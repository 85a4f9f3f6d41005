using System.Collections.Generic;
using PartnerSecurity.HelpBuilder.Markdown;
using PartnerSecurity.HelpBuilder.Model;
using PartnerSecurity.HelpBuilder.Validation;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class HelpValidatorTests
{
    private static IReadOnlyList<HelpProblem> Validate(string page, string fileName = SamplePages.FileName) =>
        HelpValidator.Validate(CommandPageParser.Parse(page, fileName));

    /// <summary>The one problem of <paramref name="page"/>; asserts its line and that the message says <paramref name="says"/>.</summary>
    private static HelpProblem SingleProblem(string page, int line, string says, string fileName = SamplePages.FileName)
    {
        var problem = Assert.Single(Validate(page, fileName));
        Assert.Equal(line, problem.Line);
        Assert.Contains(says, problem.Message);
        return problem;
    }

    [Fact]
    public void Valid_pages_have_no_problems()
    {
        Assert.Empty(Validate(SamplePages.Widget));
        Assert.Empty(Validate(SamplePages.Minimal, "Clear-Gadget.md"));
    }

    [Fact]
    public void Problem_prints_as_file_line_message()
    {
        Assert.Equal("docs/Get-Widget.md:12: the page has no '## SYNOPSIS'", new HelpProblem("docs/Get-Widget.md", 12, "the page has no '## SYNOPSIS'").ToString());
    }

    [Fact]
    public void The_title_must_equal_the_file_name()
    {
        var problem = SingleProblem(SamplePages.Widget, SamplePages.Widget.LineOf("# Get-Widget"), "does not match the file name 'Get-Widgets.md'", "docs/Get-Widgets.md");
        Assert.Equal("docs/Get-Widgets.md", problem.Path);
    }

    [Fact]
    public void The_title_comparison_is_case_sensitive()
    {
        SingleProblem(SamplePages.Widget, SamplePages.Widget.LineOf("# Get-Widget"), "does not match the file name", "get-widget.md");
    }

    [Fact]
    public void A_page_without_a_title_is_reported_at_line_1()
    {
        var problem = Assert.Single(Validate("## SYNOPSIS\nNo title.\n"));
        Assert.Equal(1, problem.Line);
        Assert.Contains("no '# Verb-Noun' title", problem.Message);
    }

    [Fact]
    public void The_title_must_be_a_verb_noun_name()
    {
        var page = SamplePages.Minimal.With("# Clear-Gadget", "# ClearGadget").With("Clear-Gadget [<CommonParameters>]", "ClearGadget [<CommonParameters>]");
        SingleProblem(page, 1, "is not a Verb-Noun command name", "ClearGadget.md");
    }

    [Fact]
    public void A_missing_synopsis_is_reported_at_the_title()
    {
        var page = SamplePages.Widget.With("## SYNOPSIS\nGets **widgets** from the `store`.\n\n", "");
        SingleProblem(page, page.LineOf("# Get-Widget"), "no '## SYNOPSIS'");
    }

    [Fact]
    public void An_empty_synopsis_is_reported_at_its_heading()
    {
        var page = SamplePages.Widget.With("Gets **widgets** from the `store`.\n", "");
        SingleProblem(page, page.LineOf("## SYNOPSIS"), "'## SYNOPSIS' is empty");
    }

    [Fact]
    public void A_missing_description_is_reported()
    {
        var page = SamplePages.Minimal.With("## DESCRIPTION\nClears every gadget.\n\n", "");
        SingleProblem(page, 1, "no '## DESCRIPTION'", "Clear-Gadget.md");
    }

    [Fact]
    public void An_empty_description_is_reported_at_its_heading()
    {
        var page = SamplePages.Minimal.With("Clears every gadget.\n", "");
        SingleProblem(page, page.LineOf("## DESCRIPTION"), "'## DESCRIPTION' is empty", "Clear-Gadget.md");
    }

    [Fact]
    public void One_example_is_not_enough()
    {
        var page = SamplePages.Minimal.With("### Example 2: Clear verbosely\n```powershell\nClear-Gadget -Verbose\n```\n", "");
        SingleProblem(page, page.LineOf("## EXAMPLES"), "at least 2 examples", "Clear-Gadget.md");
    }

    [Fact]
    public void No_examples_section_is_reported_at_the_title()
    {
        var page = SamplePages.Minimal.With("## EXAMPLES", "## NOTES").With("### Example 1: Clear", "Clear").With("### Example 2: Clear verbosely", "Again");
        SingleProblem(page, 1, "found 0", "Clear-Gadget.md");
    }

    [Fact]
    public void Every_example_needs_a_code_block()
    {
        var page = SamplePages.Minimal.With("### Example 2: Clear verbosely\n```powershell\nClear-Gadget -Verbose\n```\n", "### Example 2: Clear verbosely\nJust words.\n");
        SingleProblem(page, page.LineOf("### Example 2: Clear verbosely"), "example 'Example 2: Clear verbosely' has no ```powershell code block", "Clear-Gadget.md");
    }

    [Fact]
    public void A_code_block_with_only_blank_lines_is_no_code()
    {
        var page = SamplePages.Minimal.With("```powershell\nClear-Gadget -Verbose\n```", "```powershell\n\n```");
        SingleProblem(page, page.LineOf("### Example 2: Clear verbosely"), "has no ```powershell code block", "Clear-Gadget.md");
    }

    [Fact]
    public void Every_parameter_needs_a_yaml_block()
    {
        var page = SamplePages.Widget.With(
            "Skips the cache.\n\n```yaml\nType: SwitchParameter\nParameter Sets: ById\nAliases:\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n",
            "Skips the cache.\n");
        // Without its yaml, -Force is in no set, so the ById syntax line that shows it is wrong too.
        var problems = Validate(page);
        Assert.Contains(problems, p => p.Line == page.LineOf("### -Force") && p.Message.Contains("parameter -Force has no ```yaml block"));
    }

    [Fact]
    public void Every_yaml_block_needs_a_type()
    {
        var page = SamplePages.Widget.With("Type: Int32\n", "");
        var yamlLine = page.LineOf("The widget id.") + 2;
        SingleProblem(page, yamlLine, "parameter -Id: the yaml block has no Type");
    }

    [Fact]
    public void Every_parameter_needs_a_description()
    {
        var page = SamplePages.Widget.With("The widget id.\n\n", "");
        SingleProblem(page, page.LineOf("### -Id"), "parameter -Id has no description");
    }

    [Fact]
    public void A_syntax_line_may_not_show_an_undocumented_parameter()
    {
        var page = SamplePages.Widget.With("[-Store <String>] [<CommonParameters>]", "[-Store <String>] [-Colour <String>] [<CommonParameters>]");
        SingleProblem(page, page.LineOf("### ByName (Default)"), "shows -Colour, which '## PARAMETERS' does not document");
    }

    [Fact]
    public void A_syntax_line_may_not_show_a_parameter_of_another_set()
    {
        var page = SamplePages.Widget.With("Get-Widget [[-Name] <String[]>] [-Store <String>]", "Get-Widget [[-Name] <String[]>] [-Store <String>] [-Force]");
        SingleProblem(page, page.LineOf("### ByName (Default)"), "does not list parameter set 'ByName'");
    }

    [Fact]
    public void A_syntax_line_must_show_every_parameter_of_its_set()
    {
        var page = SamplePages.Widget.With("Get-Widget -Id <Int32> -Store <String> [-Force]", "Get-Widget -Id <Int32> -Store <String>");
        SingleProblem(page, page.LineOf("### ById"), "parameter -Force is in parameter set 'ById', but its syntax line does not show it");
    }

    [Fact]
    public void A_parameter_may_only_name_sets_the_syntax_has()
    {
        var page = SamplePages.Widget.With("Parameter Sets: ById\nAliases: WidgetId", "Parameter Sets: ById, ByPath\nAliases: WidgetId");
        SingleProblem(page, page.LineOf("The widget id.") + 2, "names parameter set 'ByPath', which '## SYNTAX' does not have");
    }

    [Fact]
    public void A_page_needs_a_syntax()
    {
        var page = SamplePages.Minimal.With("### __AllParameterSets\n```\nClear-Gadget [<CommonParameters>]\n```\n", "");
        SingleProblem(page, page.LineOf("## SYNTAX"), "the page has no syntax", "Clear-Gadget.md");
    }

    [Fact]
    public void Parser_problems_are_reported_too()
    {
        var page = SamplePages.Widget.With("## NOTES", "## REMARKS");
        SingleProblem(page, page.LineOf("## REMARKS"), "unknown section");
    }

    [Fact]
    public void All_problems_of_a_page_are_reported_in_line_order()
    {
        var page = SamplePages.Minimal.With("Clears gadgets.\n", "").With("Clears every gadget.\n", "");

        var problems = Validate(page, "Clear-Gadget.md");

        Assert.Equal(2, problems.Count);
        Assert.True(problems[0].Line < problems[1].Line);
        Assert.Contains("SYNOPSIS", problems[0].Message);
        Assert.Contains("DESCRIPTION", problems[1].Message);
    }
}
