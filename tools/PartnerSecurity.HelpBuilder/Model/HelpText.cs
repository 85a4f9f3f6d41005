using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>Prose from a page: its paragraphs (markdown inline markup already removed) and the line it starts on.</summary>
public sealed record HelpText(IReadOnlyList<string> Paragraphs, int Line)
{
    public bool IsEmpty => Paragraphs.All(string.IsNullOrWhiteSpace);
}
