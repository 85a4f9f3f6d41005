using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>A heading, the blocks under it up to the next heading, and its sub-headings.</summary>
public sealed class MarkdownSection
{
    public MarkdownSection(int level, string title, int line)
    {
        Level = level;
        Title = title;
        Line = line;
    }

    /// <summary>1 for <c>#</c>, 2 for <c>##</c>...; 0 for the page itself.</summary>
    public int Level { get; }
    public string Title { get; }
    public int Line { get; }
    public List<MarkdownBlock> Blocks { get; } = new();
    public List<MarkdownSection> Children { get; } = new();
}
