using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.HelpBuilder.Model;

/// <summary>One <c>### -Name</c> of <c>## PARAMETERS</c>: what it is for, and its metadata blocks.</summary>
public sealed class ParameterHelp
{
    public ParameterHelp(string name, int line)
    {
        Name = name;
        Line = line;
    }

    public string Name { get; }
    public int Line { get; }
    public List<string> Description { get; } = new();
    public List<ParameterMetadata> Metadata { get; } = new();

    public string? Type => Metadata.Select(m => m.Type).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));

    public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase)
                            || string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

    /// <summary>The metadata block covering <paramref name="setName"/>, or null when the parameter is not in that set.</summary>
    public ParameterMetadata? ForSet(string setName) => Metadata.FirstOrDefault(m => m.AppliesTo(setName));

    /// <summary>Mandatory in every set it belongs to.</summary>
    public bool RequiredEverywhere => Metadata.Count > 0 && Metadata.All(m => m.Required);
}
