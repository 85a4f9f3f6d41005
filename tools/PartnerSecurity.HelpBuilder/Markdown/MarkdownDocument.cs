using System;
using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>A markdown page read into YAML front matter and a tree of headings.</summary>
public sealed class MarkdownDocument
{
    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The page: level 0, holding the <c>#</c> headings (and anything before the first).</summary>
    public MarkdownSection Root { get; } = new(0, string.Empty, 1);
    /// <summary>Line number and message of what could not be read (an unclosed fence or front matter).</summary>
    public List<(int Line, string Message)> Problems { get; } = new();
}
