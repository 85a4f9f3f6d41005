using PartnerSecurity.HelpBuilder.Markdown;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class MarkdownTextTests
{
    [Theory]
    [InlineData("Gets **widgets** now.", "Gets widgets now.")]
    [InlineData("Run `Get-Widget -Id 1` first.", "Run Get-Widget -Id 1 first.")]
    [InlineData("See [Set-Widget](Set-Widget.md).", "See Set-Widget.")]
    [InlineData("See [the docs](https://example.com/a).", "See the docs (https://example.com/a).")]
    [InlineData(@"Escaped \<CommonParameters\>.", "Escaped <CommonParameters>.")]
    [InlineData("Code keeps `**stars**` as typed.", "Code keeps **stars** as typed.")]
    [InlineData("Wildcards such as Get-* stay.", "Wildcards such as Get-* stay.")]
    public void Inline_markup_is_removed(string markdown, string expected)
    {
        Assert.Equal(expected, MarkdownText.Inline(markdown));
    }

    [Fact]
    public void Lines_of_a_paragraph_are_joined_and_list_items_are_paragraphs_of_their_own()
    {
        var blocks = new MarkdownBlock[]
        {
            new TextBlock(new[] { "First line", "second line." }, 1),
            new TextBlock(new[] { "- item one", "  continued", "- item two" }, 4),
        };

        Assert.Equal(new[] { "First line second line.", "- item one continued", "- item two" }, MarkdownText.Paragraphs(blocks));
    }

    [Fact]
    public void Code_fences_are_not_prose()
    {
        var blocks = new MarkdownBlock[] { new FencedBlock("powershell", new[] { "Get-Widget" }, true, 1), new TextBlock(new[] { "Text." }, 4) };

        Assert.Equal(new[] { "Text." }, MarkdownText.Paragraphs(blocks));
    }
}
