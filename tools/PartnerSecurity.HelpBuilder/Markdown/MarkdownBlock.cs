using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>A piece of a section's body, starting at <see cref="Line"/>.</summary>
public abstract record MarkdownBlock(int Line);

/// <summary>A paragraph: consecutive non-blank lines outside a code fence.</summary>
public sealed record TextBlock(IReadOnlyList<string> Lines, int Line) : MarkdownBlock(Line);

/// <summary>A fenced code block (```lang ... ```); <see cref="Language"/> is empty when none is given.</summary>
public sealed record FencedBlock(string Language, IReadOnlyList<string> Lines, bool Closed, int Line) : MarkdownBlock(Line)
{
    public string Text => string.Join("\n", Lines);
}
