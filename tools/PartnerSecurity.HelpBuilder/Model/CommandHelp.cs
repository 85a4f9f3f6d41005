using System;
using System.Collections.Generic;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>Everything one cmdlet page says: the model the MAML writer renders and the validator checks.</summary>
public sealed class CommandHelp
{
    public CommandHelp(string sourcePath) => SourcePath = sourcePath;

    /// <summary>The page's file, as problems name it.</summary>
    public string SourcePath { get; }
    public Dictionary<string, string> FrontMatter { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The <c># Verb-Noun</c> title; empty when the page has none.</summary>
    public string Name { get; set; } = string.Empty;
    public int NameLine { get; set; } = 1;
    public string Verb => Name.Contains('-') ? Name.Substring(0, Name.IndexOf('-')) : Name;
    public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : string.Empty;

    /// <summary>The line of each <c>## SECTION</c> found, by its upper-case title.</summary>
    public Dictionary<string, int> SectionLines { get; } = new(StringComparer.OrdinalIgnoreCase);

    public HelpText? Synopsis { get; set; }
    public HelpText? Description { get; set; }
    public List<SyntaxSet> SyntaxSets { get; } = new();
    public List<ExampleHelp> Examples { get; } = new();
    public List<ParameterHelp> Parameters { get; } = new();
    public bool SupportsCommonParameters { get; set; }
    public List<TypeHelp> Inputs { get; } = new();
    public List<TypeHelp> Outputs { get; } = new();
    public HelpText? Notes { get; set; }
    public List<RelatedLink> RelatedLinks { get; } = new();

    /// <summary>What the parser could not make sense of (an unclosed code fence, an unknown section...).</summary>
    public List<HelpProblem> ParseProblems { get; } = new();

    public string? OnlineVersion => FrontMatter.TryGetValue("online version", out var uri) && !string.IsNullOrWhiteSpace(uri) ? uri : null;
}
