using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.HelpBuilder.Model;

namespace PartnerSecurity.HelpBuilder.Markdown;

/// <summary>Reads the ```yaml block of a <c>### -Parameter</c>: the flat "Key: value" lines platyPS writes.</summary>
public static class ParameterYamlParser
{
    /// <summary>Parses <paramref name="block"/>; reports each line it cannot use through <paramref name="problem"/>.</summary>
    public static ParameterMetadata Parse(FencedBlock block, Action<int, string> problem)
    {
        var metadata = new ParameterMetadata(block.Line);
        for (int i = 0; i < block.Lines.Count; i++)
        {
            var line = block.Lines[i];
            int lineNumber = block.Line + 1 + i;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#')) continue;
            int colon = line.IndexOf(':');
            if (colon <= 0)
            {
                problem(lineNumber, $"'{line.Trim()}' is not a 'Key: value' line");
                continue;
            }
            var key = line.Substring(0, colon).Trim();
            var value = line.Substring(colon + 1).Trim();
            switch (key.ToLowerInvariant())
            {
                case "type":
                    metadata.Type = value;
                    break;
                case "parameter sets":
                    metadata.ParameterSets.AddRange(List(value));
                    break;
                case "aliases":
                    metadata.Aliases.AddRange(List(value));
                    break;
                case "accepted values":
                    metadata.AcceptedValues.AddRange(List(value));
                    break;
                case "required":
                    metadata.Required = Boolean(value, key, lineNumber, problem);
                    break;
                case "position":
                    if (!value.Equals("Named", StringComparison.OrdinalIgnoreCase) && !int.TryParse(value, out _))
                        problem(lineNumber, $"Position must be Named or a number, not '{value}'");
                    metadata.Position = value.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "Named" : value;
                    break;
                case "default value":
                    metadata.DefaultValue = value.Length == 0 ? "None" : value;
                    break;
                case "accept pipeline input":
                    metadata.PipelineInput = PipelineInput(value, lineNumber, problem);
                    break;
                case "accept wildcard characters":
                    metadata.AcceptsWildcards = Boolean(value, key, lineNumber, problem);
                    break;
                case "applicable":
                case "dynamic":
                    break;
                default:
                    problem(lineNumber, $"unknown key '{key}' (expected Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value, Accept pipeline input, Accept wildcard characters)");
                    break;
            }
        }
        return metadata;
    }

    /// <summary>A comma-separated list; "None" and nothing are the empty list.</summary>
    private static IEnumerable<string> List(string value) =>
        value.Equals("None", StringComparison.OrdinalIgnoreCase)
            ? Enumerable.Empty<string>()
            : value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0);

    private static bool Boolean(string value, string key, int line, Action<int, string> problem)
    {
        if (bool.TryParse(value, out var result)) return result;
        problem(line, $"{key} must be True or False, not '{value}'");
        return false;
    }

    /// <summary>"False", or "True (ByValue)", "True (ByPropertyName)", "True (ByValue, ByPropertyName)".</summary>
    private static string PipelineInput(string value, int line, Action<int, string> problem)
    {
        if (value.Equals("False", StringComparison.OrdinalIgnoreCase)) return "False";
        if (value.StartsWith("True", StringComparison.OrdinalIgnoreCase))
        {
            var kinds = value.Substring(4).Trim().TrimStart('(').TrimEnd(')').Split(',').Select(k => k.Trim()).Where(k => k.Length > 0).ToList();
            if (kinds.Count > 0 && kinds.All(k => k.Equals("ByValue", StringComparison.OrdinalIgnoreCase) || k.Equals("ByPropertyName", StringComparison.OrdinalIgnoreCase)))
                return $"True ({string.Join(", ", kinds)})";
        }
        problem(line, $"Accept pipeline input must be False, True (ByValue), True (ByPropertyName) or True (ByValue, ByPropertyName), not '{value}'");
        return "False";
    }
}
