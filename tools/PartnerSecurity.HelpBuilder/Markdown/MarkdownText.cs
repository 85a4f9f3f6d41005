using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>
/// Turns markdown prose into the plain paragraphs MAML holds: one paragraph per markdown paragraph and per
/// list item, lines joined, emphasis and code-span markers removed, links written as "text (address)".
/// </summary>
public static class MarkdownText
{
    private static readonly Regex s_listItem = new(@"^\s{0,3}([-*+]|\d+[.)])\s+");
    private static readonly Regex s_link = new(@"\[([^\]]+)\]\(([^)\s]*)(?:\s+""[^""]*"")?\)");
    private static readonly Regex s_strong = new(@"(\*\*|__)(?=\S)(.+?)(?<=\S)\1");
    private static readonly Regex s_codeSpan = new(@"(`+)(.+?)\1");
    private static readonly Regex s_escape = new(@"\\([\\`*_{}\[\]()#+\-.!<>|])");

    /// <summary>The paragraphs of the text blocks, in order.</summary>
    public static List<string> Paragraphs(IEnumerable<MarkdownBlock> blocks)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks.OfType<TextBlock>())
        {
            var current = new List<string>();
            foreach (var line in block.Lines)
            {
                if (s_listItem.IsMatch(line) && current.Count > 0)
                {
                    paragraphs.Add(Inline(string.Join(" ", current)));
                    current.Clear();
                }
                current.Add(line.Trim());
            }
            if (current.Count > 0) paragraphs.Add(Inline(string.Join(" ", current)));
        }
        return paragraphs;
    }

    /// <summary>Removes inline markup from one paragraph.</summary>
    public static string Inline(string text)
    {
        // Code spans first: what is inside them is literal (no emphasis, no escapes).
        var spans = new List<string>();
        text = s_codeSpan.Replace(text, m =>
        {
            spans.Add(m.Groups[2].Value.Trim());
            return $"\u0000{spans.Count - 1}\u0000";
        });
        text = s_link.Replace(text, m => IsAbsolute(m.Groups[2].Value) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
        text = s_strong.Replace(text, "$2");
        text = s_escape.Replace(text, "$1");
        text = Regex.Replace(text, "\u0000(\\d+)\u0000", m => spans[int.Parse(m.Groups[1].Value)]);
        return text.Trim();
    }

    /// <summary>The <c>[text](address)</c> links of a block of lines.</summary>
    public static IEnumerable<(string Text, string Address)> Links(string line) =>
        s_link.Matches(line).Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()));

    public static bool IsAbsolute(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
