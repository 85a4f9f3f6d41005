using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PartnerSecurity.HelpBuilder.Model;

namespace PartnerSecurity.HelpBuilder.Validation;

/// <summary>
/// The rules a page must meet before it becomes help: a title that is its file's name, a synopsis, a
/// description, at least two examples with code, every parameter typed, and a SYNTAX that agrees with the
/// PARAMETERS section. Returns the parser's problems too, in line order.
/// </summary>
public static class HelpValidator
{
    public const int MinimumExamples = 2;

    public static IReadOnlyList<HelpProblem> Validate(CommandHelp help)
    {
        var problems = new List<HelpProblem>(help.ParseProblems);
        void Report(int line, string message) => problems.Add(new HelpProblem(help.SourcePath, line, message));

        CheckTitle(help, Report);
        if (help.Name.Length > 0)
        {
            CheckProse(help, "SYNOPSIS", help.Synopsis, Report);
            CheckProse(help, "DESCRIPTION", help.Description, Report);
            CheckExamples(help, Report);
            CheckParameters(help, Report);
            CheckSyntax(help, Report);
        }
        return problems.OrderBy(p => p.Line).ToList();
    }

    private static void CheckTitle(CommandHelp help, Action<int, string> report)
    {
        var fileName = Path.GetFileNameWithoutExtension(help.SourcePath);
        if (help.Name.Length == 0)
        {
            report(1, $"the page has no '# Verb-Noun' title (expected '# {fileName}')");
            return;
        }
        if (!string.Equals(help.Name, fileName, StringComparison.Ordinal))
            report(help.NameLine, $"the title '{help.Name}' does not match the file name '{Path.GetFileName(help.SourcePath)}'");
        if (help.Verb.Length == 0 || help.Noun.Length == 0 || help.Name.Any(char.IsWhiteSpace))
            report(help.NameLine, $"the title '{help.Name}' is not a Verb-Noun command name");
    }

    private static void CheckProse(CommandHelp help, string section, HelpText? text, Action<int, string> report)
    {
        if (text == null)
            report(help.NameLine, $"the page has no '## {section}'");
        else if (text.IsEmpty)
            report(text.Line, $"'## {section}' is empty");
    }

    private static void CheckExamples(CommandHelp help, Action<int, string> report)
    {
        int line = help.SectionLines.TryGetValue("EXAMPLES", out var l) ? l : help.NameLine;
        if (help.Examples.Count < MinimumExamples)
            report(line, $"the page needs at least {MinimumExamples} examples under '## EXAMPLES' ('### Example 1: ...'), found {help.Examples.Count}");
        foreach (var example in help.Examples.Where(e => !e.HasCode))
            report(example.Line, $"example '{example.Title}' has no ```powershell code block");
    }

    private static void CheckParameters(CommandHelp help, Action<int, string> report)
    {
        foreach (var parameter in help.Parameters)
        {
            if (parameter.Metadata.Count == 0)
            {
                report(parameter.Line, $"parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...)");
                continue;
            }
            foreach (var metadata in parameter.Metadata.Where(m => string.IsNullOrWhiteSpace(m.Type)))
                report(metadata.Line, $"parameter -{parameter.Name}: the yaml block has no Type");
            if (parameter.Description.Count == 0)
                report(parameter.Line, $"parameter -{parameter.Name} has no description");
        }
    }

    /// <summary>Every set a parameter names exists in SYNTAX, and each set's syntax line shows exactly the parameters documented in it.</summary>
    private static void CheckSyntax(CommandHelp help, Action<int, string> report)
    {
        if (help.SyntaxSets.Count == 0)
        {
            report(help.SectionLines.TryGetValue("SYNTAX", out var line) ? line : help.NameLine,
                "the page has no syntax: '## SYNTAX' needs a '### SetName' (or '### __AllParameterSets') with a ``` block");
            return;
        }
        foreach (var duplicate in help.SyntaxSets.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            report(duplicate.Last().Line, $"syntax '### {duplicate.Key}' appears twice");
        if (help.SyntaxSets.Count(s => s.IsDefault) > 1)
            report(help.SyntaxSets.Where(s => s.IsDefault).Last().Line, "more than one parameter set is marked (Default)");

        foreach (var parameter in help.Parameters)
        {
            foreach (var metadata in parameter.Metadata.Where(m => !m.AppliesToAllSets))
            {
                foreach (var set in metadata.ParameterSets.Where(s => !help.SyntaxSets.Any(x => x.Name.Equals(s, StringComparison.OrdinalIgnoreCase))))
                    report(metadata.Line, $"parameter -{parameter.Name} names parameter set '{set}', which '## SYNTAX' does not have");
            }
            foreach (var set in help.SyntaxSets)
            {
                var covering = parameter.Metadata.Where(m => m.AppliesTo(set.Name)).ToList();
                if (covering.Count > 1)
                    report(covering[1].Line, $"parameter -{parameter.Name} has two yaml blocks for parameter set '{set.Name}'");
            }
        }

        foreach (var set in help.SyntaxSets)
        {
            foreach (var name in set.ParameterNames)
            {
                var parameter = help.Parameters.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (parameter == null)
                    report(set.Line, $"syntax '{set.Name}' shows -{name}, which '## PARAMETERS' does not document");
                else if (parameter.Metadata.Count > 0 && parameter.ForSet(set.Name) == null)
                    report(set.Line, $"syntax '{set.Name}' shows -{name}, but the yaml of -{name} does not list parameter set '{set.Name}'");
            }
            foreach (var parameter in help.Parameters.Where(p => p.Metadata.Count > 0 && p.ForSet(set.Name) != null))
            {
                if (!set.ParameterNames.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
                    report(set.Line, $"parameter -{parameter.Name} is in parameter set '{set.Name}', but its syntax line does not show it");
            }
        }
    }
}
