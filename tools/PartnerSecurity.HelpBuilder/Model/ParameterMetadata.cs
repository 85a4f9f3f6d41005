using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>
/// One ```yaml block of a parameter. A parameter that is mandatory in some parameter sets and optional in
/// others has one block per group of sets, as platyPS writes it.
/// </summary>
public sealed class ParameterMetadata
{
    public const string AllSets = "(All)";

    public ParameterMetadata(int line) => Line = line;

    public int Line { get; }
    public string? Type { get; set; }
    /// <summary>The set names listed, or <see cref="AllSets"/>.</summary>
    public List<string> ParameterSets { get; } = new();
    public List<string> Aliases { get; } = new();
    public List<string> AcceptedValues { get; } = new();
    public bool Required { get; set; }
    /// <summary>"Named" or a zero-based position.</summary>
    public string Position { get; set; } = "Named";
    public string DefaultValue { get; set; } = "None";
    /// <summary>As platyPS writes it: False, True (ByValue), True (ByPropertyName), True (ByValue, ByPropertyName).</summary>
    public string PipelineInput { get; set; } = "False";
    public bool AcceptsWildcards { get; set; }

    public bool AppliesToAllSets => ParameterSets.Count == 0 || ParameterSets.Any(s => s.Equals(AllSets, StringComparison.OrdinalIgnoreCase));

    public bool AppliesTo(string setName) =>
        AppliesToAllSets || ParameterSets.Any(s => s.Equals(setName, StringComparison.OrdinalIgnoreCase));

    public bool IsPositional => !Position.Equals("Named", StringComparison.OrdinalIgnoreCase);
}
