using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using PartnerSecurity.HelpBuilder.Model;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>
/// Reads a cmdlet page in the platyPS layout (front matter, <c># Verb-Noun</c>, then <c>## SYNOPSIS</c>,
/// <c>## SYNTAX</c>, <c>## DESCRIPTION</c>, <c>## EXAMPLES</c>, <c>## PARAMETERS</c>, <c>## INPUTS</c>,
/// <c>## OUTPUTS</c>, <c>## NOTES</c>, <c>## RELATED LINKS</c>) into a <see cref="CommandHelp"/>. It is lenient:
/// what is missing is left empty for the validator to report; what it cannot read goes to ParseProblems.
/// </summary>
public static class CommandPageParser
{
    private static readonly Regex s_defaultSet = new(@"\s*\(Default\)\s*$", RegexOptions.IgnoreCase);
    private static readonly Regex s_syntaxParameter = new(@"(?<=[\s\[])-([A-Za-z_][A-Za-z0-9_]*)");
    private static readonly Regex s_prompt = new(@"^PS(?: [^>\r\n]*)?>[ \t]?");

    public static CommandHelp Parse(string text, string sourcePath)
    {
        var help = new CommandHelp(sourcePath);
        var document = MarkdownReader.Read(text);
        foreach (var (line, message) in document.Problems) help.ParseProblems.Add(new HelpProblem(sourcePath, line, message));
        foreach (var pair in document.FrontMatter) help.FrontMatter[pair.Key] = pair.Value;

        var titles = document.Root.Children.Where(s => s.Level == 1).ToList();
        if (titles.Count == 0) return help;
        var title = titles[0];
        help.Name = title.Title;
        help.NameLine = title.Line;
        foreach (var extra in titles.Skip(1))
            help.ParseProblems.Add(new HelpProblem(sourcePath, extra.Line, $"a page documents one command: second '# {extra.Title}' title"));

        foreach (var section in title.Children)
        {
            var name = section.Title.ToUpperInvariant();
            if (help.SectionLines.ContainsKey(name))
            {
                help.ParseProblems.Add(new HelpProblem(sourcePath, section.Line, $"'## {section.Title}' appears twice"));
                continue;
            }
            help.SectionLines[name] = section.Line;
            switch (name)
            {
                case "SYNOPSIS":
                    help.Synopsis = Prose(section);
                    break;
                case "DESCRIPTION":
                    help.Description = Prose(section);
                    break;
                case "NOTES":
                    help.Notes = Prose(section);
                    break;
                case "SYNTAX":
                    ReadSyntax(section, help);
                    break;
                case "EXAMPLES":
                    ReadExamples(section, help);
                    break;
                case "PARAMETERS":
                    ReadParameters(section, help);
                    break;
                case "INPUTS":
                    help.Inputs.AddRange(Types(section));
                    break;
                case "OUTPUTS":
                    help.Outputs.AddRange(Types(section));
                    break;
                case "RELATED LINKS":
                    ReadLinks(section, help);
                    break;
                default:
                    help.ParseProblems.Add(new HelpProblem(sourcePath, section.Line,
                        $"unknown section '## {section.Title}' (expected SYNOPSIS, SYNTAX, DESCRIPTION, EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS)"));
                    break;
            }
        }
        return help;
    }

    /// <summary>The paragraphs of a section, sub-headings included as paragraphs of their own.</summary>
    private static HelpText Prose(MarkdownSection section)
    {
        var paragraphs = MarkdownText.Paragraphs(section.Blocks);
        foreach (var child in section.Children)
        {
            paragraphs.Add(MarkdownText.Inline(child.Title));
            paragraphs.AddRange(Prose(child).Paragraphs);
        }
        return new HelpText(paragraphs, section.Line);
    }

    private static void ReadSyntax(MarkdownSection section, CommandHelp help)
    {
        foreach (var set in section.Children)
        {
            var code = set.Blocks.OfType<FencedBlock>().FirstOrDefault();
            var text = code?.Text.Trim() ?? string.Empty;
            if (code == null)
                help.ParseProblems.Add(new HelpProblem(help.SourcePath, set.Line, $"syntax '### {set.Title}' has no ``` block with the syntax line"));
            var names = s_syntaxParameter.Matches(text).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            help.SyntaxSets.Add(new SyntaxSet(s_defaultSet.Replace(set.Title, string.Empty).Trim(), s_defaultSet.IsMatch(set.Title), text, names, set.Line));
        }
    }

    private static void ReadExamples(MarkdownSection section, CommandHelp help)
    {
        foreach (var example in section.Children)
        {
            var introduction = new List<MarkdownBlock>();
            var remarks = new List<MarkdownBlock>();
            var code = new List<string>();
            foreach (var block in example.Blocks)
            {
                if (block is FencedBlock fence)
                    code.Add(StripPrompts(fence));
                else
                    (code.Count == 0 ? introduction : remarks).Add(block);
            }
            foreach (var child in example.Children)
                help.ParseProblems.Add(new HelpProblem(help.SourcePath, child.Line, $"example '{example.Title}' has a sub-heading; write its text as remarks"));
            help.Examples.Add(new ExampleHelp(example.Title, MarkdownText.Paragraphs(introduction),
                code.Count == 0 ? null : string.Join("\n\n", code), MarkdownText.Paragraphs(remarks), example.Line));
        }
    }

    /// <summary>The code of a fence, without the <c>PS C:\&gt;</c> or <c>PS&gt;</c> prompt that starts a command line.</summary>
    public static string StripPrompts(FencedBlock fence)
    {
        bool isPowerShell = fence.Language.Length == 0
                            || fence.Language.Equals("powershell", StringComparison.OrdinalIgnoreCase)
                            || fence.Language.Equals("pwsh", StringComparison.OrdinalIgnoreCase)
                            || fence.Language.Equals("ps", StringComparison.OrdinalIgnoreCase);
        var lines = fence.Lines.Select(l => isPowerShell ? s_prompt.Replace(l.TrimEnd(), string.Empty) : l.TrimEnd());
        return string.Join("\n", lines).Trim('\n');
    }

    private static void ReadParameters(MarkdownSection section, CommandHelp help)
    {
        foreach (var heading in section.Children)
        {
            if (heading.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase))
            {
                help.SupportsCommonParameters = true;
                continue;
            }
            if (!heading.Title.StartsWith('-') || heading.Title.Length < 2)
            {
                help.ParseProblems.Add(new HelpProblem(help.SourcePath, heading.Line, $"parameter heading '### {heading.Title}' must be '### -ParameterName' or '### CommonParameters'"));
                continue;
            }
            var parameter = new ParameterHelp(heading.Title.Substring(1).Trim(), heading.Line);
            if (help.Parameters.Any(p => p.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)))
                help.ParseProblems.Add(new HelpProblem(help.SourcePath, heading.Line, $"parameter -{parameter.Name} is documented twice"));
            parameter.Description.AddRange(MarkdownText.Paragraphs(heading.Blocks));
            foreach (var yaml in heading.Blocks.OfType<FencedBlock>().Where(b => b.Language.Equals("yaml", StringComparison.OrdinalIgnoreCase)))
                parameter.Metadata.Add(ParameterYamlParser.Parse(yaml, (line, message) =>
                    help.ParseProblems.Add(new HelpProblem(help.SourcePath, line, $"parameter -{parameter.Name}: {message}"))));
            help.Parameters.Add(parameter);
        }
    }

    private static IEnumerable<TypeHelp> Types(MarkdownSection section) =>
        section.Children.Select(type => new TypeHelp(MarkdownText.Inline(type.Title), Prose(type).Paragraphs, type.Line));

    private static void ReadLinks(MarkdownSection section, CommandHelp help)
    {
        foreach (var block in section.Blocks.OfType<TextBlock>())
        {
            for (int i = 0; i < block.Lines.Count; i++)
            {
                foreach (var (text, address) in MarkdownText.Links(block.Lines[i]))
                    help.RelatedLinks.Add(new RelatedLink(text, MarkdownText.IsAbsolute(address) ? address : string.Empty, block.Line + i));
            }
        }
    }
}
