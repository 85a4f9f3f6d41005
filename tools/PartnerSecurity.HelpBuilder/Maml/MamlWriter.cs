using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PartnerSecurity.HelpBuilder.Model;

namespace PartnerSecurity.HelpBuilder.Maml;

/// <summary>
/// Renders commands' help as one MAML file (<c>Module.dll-Help.xml</c>), element for element the shape
/// platyPS's New-ExternalHelp produces, so Get-Help shows it the way it shows any module's help.
/// </summary>
public static class MamlWriter
{
    private const string ExampleRule = "--------------------------";
    private static readonly XNamespace Msh = MamlNamespaces.Msh;
    private static readonly XNamespace M = MamlNamespaces.Maml;
    private static readonly XNamespace C = MamlNamespaces.Command;
    private static readonly XNamespace D = MamlNamespaces.Dev;

    public static XDocument Render(IEnumerable<CommandHelp> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    /// <summary>Writes the file (UTF-8, no byte order mark, "\n" line ends, whatever the platform).</summary>
    public static void Save(XDocument document, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", Encoding = new UTF8Encoding(false) };
        using var writer = XmlWriter.Create(path, settings);
        document.Save(writer);
    }

    public static XElement CommandElement(CommandHelp help) =>
        new(C + "command",
            new XAttribute(XNamespace.Xmlns + "maml", M),
            new XAttribute(XNamespace.Xmlns + "command", C),
            new XAttribute(XNamespace.Xmlns + "dev", D),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MamlNamespaces.MSHelp),
            new XElement(C + "details",
                new XElement(C + "name", help.Name),
                new XElement(C + "verb", help.Verb),
                new XElement(C + "noun", help.Noun),
                Description(help.Synopsis?.Paragraphs)),
            Description(help.Description?.Paragraphs),
            new XElement(C + "syntax", help.SyntaxSets.Select(set => SyntaxItem(help, set))),
            new XElement(C + "parameters", help.Parameters.Select(p => Parameter(p, p.Metadata.FirstOrDefault(), inSyntax: false))),
            new XElement(C + "inputTypes", help.Inputs.Select(t => TypeEntry("inputType", t))),
            new XElement(C + "returnValues", help.Outputs.Select(t => TypeEntry("returnValue", t))),
            new XElement(M + "alertSet",
                new XElement(M + "alert", Paragraphs(NotesWithRelatedCommands(help)))),
            new XElement(C + "examples", help.Examples.Select(Example)),
            new XElement(M + "relatedLinks", RelatedLinks(help)));

    private static XElement SyntaxItem(CommandHelp help, SyntaxSet set)
    {
        // In the order the page's syntax line shows them; any it leaves out (the validator reports those) after.
        var members = help.Parameters.Where(p => p.ForSet(set.Name) != null).ToList();
        var ordered = set.ParameterNames
            .Select(n => members.FirstOrDefault(p => p.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
            .Where(p => p != null).Select(p => p!)
            .Concat(members.Where(p => !set.ParameterNames.Contains(p.Name, StringComparer.OrdinalIgnoreCase)));
        return new XElement(C + "syntaxItem",
            new XElement(M + "name", help.Name),
            ordered.Select(p => Parameter(p, p.ForSet(set.Name), inSyntax: true)));
    }

    /// <summary>
    /// A parameter as a syntax item shows it (<paramref name="inSyntax"/>: the attributes of that set, no value
    /// for a switch, the accepted values) or as <c>command:parameters</c> lists it (required only when
    /// required in every set, the first positional position, any pipeline input).
    /// </summary>
    private static XElement Parameter(ParameterHelp parameter, ParameterMetadata? metadata, bool inSyntax)
    {
        metadata ??= new ParameterMetadata(parameter.Line);
        var type = parameter.Type ?? "Object";
        bool required = inSyntax ? metadata.Required : parameter.RequiredEverywhere;
        var position = inSyntax ? metadata.Position : parameter.Metadata.Select(m => m.Position).FirstOrDefault(p => !p.Equals("Named", StringComparison.OrdinalIgnoreCase)) ?? "Named";
        var pipeline = inSyntax ? metadata.PipelineInput : parameter.Metadata.Select(m => m.PipelineInput).FirstOrDefault(p => p != "False") ?? "False";
        var aliases = parameter.Metadata.SelectMany(m => m.Aliases).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var accepted = parameter.Metadata.SelectMany(m => m.AcceptedValues).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        var element = new XElement(C + "parameter",
            new XAttribute("required", required ? "true" : "false"),
            new XAttribute("variableLength", type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
            new XAttribute("globbing", parameter.Metadata.Any(m => m.AcceptsWildcards) ? "true" : "false"),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : position),
            new XAttribute("aliases", aliases.Count == 0 ? "none" : string.Join(", ", aliases)),
            new XElement(M + "name", parameter.Name),
            Description(parameter.Description));
        if (inSyntax && accepted.Count > 0)
        {
            element.Add(new XElement(C + "parameterValueGroup",
                accepted.Select(v => new XElement(C + "parameterValue",
                    new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        else if (!(inSyntax && parameter.IsSwitch))
        {
            element.Add(new XElement(C + "parameterValue",
                new XAttribute("required", parameter.IsSwitch ? "false" : "true"), new XAttribute("variableLength", "false"), type));
        }
        element.Add(
            new XElement(D + "type", new XElement(M + "name", type), new XElement(M + "uri")),
            new XElement(D + "defaultValue", metadata.DefaultValue));
        return element;
    }

    private static XElement TypeEntry(string kind, TypeHelp type) =>
        new(C + kind,
            new XElement(D + "type", new XElement(M + "name", type.Name)),
            Description(type.Description));

    private static XElement Example(ExampleHelp example, int index)
    {
        var title = example.Title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? example.Title : $"Example {index + 1}: {example.Title}";
        return new XElement(C + "example",
            new XElement(M + "title", $"{ExampleRule} {title} {ExampleRule}"),
            new XElement(D + "code", example.Code ?? string.Empty),
            // Text before the code joins the remarks (Get-Help would print an introduction run into the code);
            // the closing empty paragraph keeps a blank line between examples in Get-Help's output.
            new XElement(D + "remarks", Paragraphs(example.Introduction.Concat(example.Remarks).ToList()), new XElement(M + "para")));
    }

    // Get-Help offers "-Online" (in REMARKS) for every topic that has a related link, and -Online fails unless one of them
    // has an address. So links are written only when one has an address; otherwise the related commands are named in the
    // notes, and no topic offers an -Online that fails. A page's "online version:" brings -Online back.
    private static bool HasAddress(CommandHelp help) => help.OnlineVersion != null || help.RelatedLinks.Any(l => l.Uri.Length > 0);

    private static IReadOnlyList<string>? NotesWithRelatedCommands(CommandHelp help)
    {
        if (HasAddress(help) || help.RelatedLinks.Count == 0) return help.Notes?.Paragraphs;
        var related = "Related commands and topics: " + string.Join(", ", help.RelatedLinks.Select(l => l.Text)) + ".";
        return (help.Notes?.Paragraphs ?? Array.Empty<string>()).Append(related).ToList();
    }

    private static IEnumerable<XElement> RelatedLinks(CommandHelp help)
    {
        if (!HasAddress(help)) yield break;
        if (help.OnlineVersion != null)
            yield return Link("Online Version:", help.OnlineVersion);
        foreach (var link in help.RelatedLinks)
            yield return Link(link.Text, link.Uri);
    }

    private static XElement Link(string text, string uri) =>
        new(M + "navigationLink", new XElement(M + "linkText", text), new XElement(M + "uri", uri));

    private static XElement Description(IReadOnlyList<string>? paragraphs) => new(M + "description", Paragraphs(paragraphs));

    /// <summary>One <c>maml:para</c> per paragraph; an empty one when there are none, as platyPS writes it.</summary>
    private static IEnumerable<XElement> Paragraphs(IReadOnlyList<string>? paragraphs) =>
        paragraphs is { Count: > 0 }
            ? paragraphs.Select(p => new XElement(M + "para", p))
            : new[] { new XElement(M + "para") };
}
