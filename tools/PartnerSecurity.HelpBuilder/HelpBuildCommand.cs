using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PartnerSecurity.HelpBuilder.Maml;
using PartnerSecurity.HelpBuilder.Markdown;
using PartnerSecurity.HelpBuilder.Model;
using PartnerSecurity.HelpBuilder.Validation;

namespace PartnerSecurity.HelpBuilder;

/// <summary>
/// <c>partnersecurity-helpbuilder --docs &lt;folder&gt; --out &lt;file&gt;</c>: reads every *.md of the folder,
/// validates them all, and writes one MAML file. Exit codes: 0 written; 1 a page is invalid (each problem on
/// stderr as <c>file:line: message</c>, nothing written); 2 wrong usage.
/// </summary>
public static class HelpBuildCommand
{
    public const string Usage = "Usage: partnersecurity-helpbuilder --docs <folder of *.md> --out <path to Module.dll-Help.xml>";

    public static int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        string? docs = null, output = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--docs" when i + 1 < args.Count:
                    docs = args[++i];
                    break;
                case "--out" when i + 1 < args.Count:
                    output = args[++i];
                    break;
                case "-h":
                case "--help":
                    stdout.WriteLine(Usage);
                    return 0;
                default:
                    stderr.WriteLine($"partnersecurity-helpbuilder: unexpected argument '{args[i]}'.");
                    stderr.WriteLine(Usage);
                    return 2;
            }
        }
        if (docs == null || output == null)
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        if (!Directory.Exists(docs))
        {
            stderr.WriteLine($"{docs}: error: the docs folder does not exist.");
            return 1;
        }

        var pages = Directory.GetFiles(docs, "*.md").OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (pages.Count == 0)
        {
            stderr.WriteLine($"{docs}: error: no *.md cmdlet pages in the docs folder.");
            return 1;
        }

        var commands = new List<CommandHelp>();
        var problems = new List<HelpProblem>();
        foreach (var page in pages)
        {
            var help = CommandPageParser.Parse(File.ReadAllText(page), page);
            problems.AddRange(HelpValidator.Validate(help));
            commands.Add(help);
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems) stderr.WriteLine(problem);
            stderr.WriteLine($"partnersecurity-helpbuilder: {problems.Count} problem(s) in {problems.Select(p => p.Path).Distinct().Count()} page(s); no help written.");
            return 1;
        }

        MamlWriter.Save(MamlWriter.Render(commands), output);
        stdout.WriteLine($"partnersecurity-helpbuilder: {commands.Count} command(s) -> {output}");
        return 0;
    }
}
