using System.Linq;
using PartnerSecurity.HelpBuilder.Markdown;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class MarkdownReaderTests
{
    [Fact]
    public void Reads_front_matter_keys_and_values()
    {
        var document = MarkdownReader.Read(SamplePages.Widget);

        Assert.Equal("Widgets.dll-Help.xml", document.FrontMatter["external help file"]);
        Assert.Equal("2.0.0", document.FrontMatter["schema"]);
        Assert.Equal("https://example.com/get-widget", document.FrontMatter["online version"]);
    }

    [Fact]
    public void Nests_headings_by_level()
    {
        var document = MarkdownReader.Read(SamplePages.Widget);

        var title = Assert.Single(document.Root.Children);
        Assert.Equal("Get-Widget", title.Title);
        Assert.Equal(new[] { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" },
            title.Children.Select(c => c.Title));
        Assert.Equal(new[] { "ByName (Default)", "ById" }, title.Children[1].Children.Select(c => c.Title));
    }

    [Fact]
    public void A_hash_inside_a_code_fence_is_code_not_a_heading()
    {
        var document = MarkdownReader.Read("# Title\n\n```powershell\n# a comment\nGet-Thing\n```\n");

        var title = Assert.Single(document.Root.Children);
        Assert.Empty(title.Children);
        var fence = Assert.IsType<FencedBlock>(Assert.Single(title.Blocks));
        Assert.Equal("powershell", fence.Language);
        Assert.Equal(new[] { "# a comment", "Get-Thing" }, fence.Lines);
        Assert.Equal(3, fence.Line);
    }

    [Fact]
    public void Reports_a_fence_that_is_never_closed()
    {
        var document = MarkdownReader.Read("# Title\n\n```powershell\nGet-Thing\n");

        var (line, message) = Assert.Single(document.Problems);
        Assert.Equal(3, line);
        Assert.Contains("never closed", message);
    }

    [Fact]
    public void Reports_front_matter_that_is_never_closed()
    {
        var document = MarkdownReader.Read("---\nschema: 2.0.0\n# Title\n");

        Assert.Contains(document.Problems, p => p.Line == 1 && p.Message.Contains("front matter"));
    }

    [Fact]
    public void Splits_paragraphs_at_blank_lines_and_keeps_their_line_numbers()
    {
        var document = MarkdownReader.Read("# T\r\n\r\none\r\ntwo\r\n\r\nthree\r\n");

        var blocks = document.Root.Children[0].Blocks.Cast<TextBlock>().ToList();
        Assert.Equal(2, blocks.Count);
        Assert.Equal(new[] { "one", "two" }, blocks[0].Lines);
        Assert.Equal(3, blocks[0].Line);
        Assert.Equal(6, blocks[1].Line);
    }
}
