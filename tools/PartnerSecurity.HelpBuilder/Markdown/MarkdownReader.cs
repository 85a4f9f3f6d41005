using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>
/// Reads the block structure of a page: front matter, headings, paragraphs and code fences. It knows no
/// more markdown than the platyPS layout needs; a <c>#</c> inside a code fence is code, not a heading.
/// </summary>
public static class MarkdownReader
{
    private static readonly Regex s_heading = new(@"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$");
    private static readonly Regex s_fence = new(@"^ {0,3}(`{3,}|~{3,})[ \t]*([^`\s]*)[^`]*$");

    public static MarkdownDocument Read(string text)
    {
        var document = new MarkdownDocument();
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        int index = ReadFrontMatter(lines, document);

        var open = new Stack<MarkdownSection>();
        open.Push(document.Root);
        var paragraph = new List<string>();
        int paragraphLine = 0;

        void EndParagraph()
        {
            if (paragraph.Count > 0) open.Peek().Blocks.Add(new TextBlock(paragraph.ToArray(), paragraphLine));
            paragraph.Clear();
        }

        for (; index < lines.Length; index++)
        {
            var line = lines[index];
            int lineNumber = index + 1;

            var fence = s_fence.Match(line);
            if (fence.Success)
            {
                EndParagraph();
                var marker = fence.Groups[1].Value;
                var body = new List<string>();
                bool closed = false;
                for (index++; index < lines.Length; index++)
                {
                    var inner = lines[index].TrimEnd();
                    var trimmed = inner.TrimStart(' ');
                    if (inner.Length - trimmed.Length <= 3 && trimmed.StartsWith(marker, StringComparison.Ordinal) && trimmed.Trim(marker[0]).Length == 0)
                    {
                        closed = true;
                        break;
                    }
                    body.Add(lines[index]);
                }
                if (!closed) document.Problems.Add((lineNumber, "this code fence is never closed"));
                open.Peek().Blocks.Add(new FencedBlock(fence.Groups[2].Value, body, closed, lineNumber));
                continue;
            }

            var heading = s_heading.Match(line);
            if (heading.Success)
            {
                EndParagraph();
                int level = heading.Groups[1].Length;
                while (open.Peek().Level >= level) open.Pop();
                var section = new MarkdownSection(level, heading.Groups[2].Value.Trim(), lineNumber);
                open.Peek().Children.Add(section);
                open.Push(section);
                continue;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                EndParagraph();
                continue;
            }
            if (paragraph.Count == 0) paragraphLine = lineNumber;
            paragraph.Add(line);
        }
        EndParagraph();
        return document;
    }

    /// <summary>Reads <c>---</c> ... <c>---</c> at the top of the page; returns the index of the first line after it.</summary>
    private static int ReadFrontMatter(string[] lines, MarkdownDocument document)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---") return 0;
        for (int i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim() == "---") return i + 1;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                document.Problems.Add((i + 1, $"front matter line '{line.Trim()}' is not 'key: value'"));
                continue;
            }
            document.FrontMatter[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
        }
        document.Problems.Add((1, "the front matter started by '---' on line 1 is never closed by '---'"));
        return lines.Length;
    }
}
