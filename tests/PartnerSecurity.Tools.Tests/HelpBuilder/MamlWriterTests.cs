using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using PartnerSecurity.HelpBuilder.Maml;
using PartnerSecurity.HelpBuilder.Markdown;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

public class MamlWriterTests
{
    // The namespaces are spelled out here, not taken from the writer, so a wrong constant fails these tests.
    private static readonly XmlNamespaceManager s_ns = CreateNamespaces();

    private static XmlNamespaceManager CreateNamespaces()
    {
        var ns = new XmlNamespaceManager(new NameTable());
        ns.AddNamespace("msh", "http://msh");
        ns.AddNamespace("maml", "http://schemas.microsoft.com/maml/2004/10");
        ns.AddNamespace("command", "http://schemas.microsoft.com/maml/dev/command/2004/10");
        ns.AddNamespace("dev", "http://schemas.microsoft.com/maml/dev/2004/10");
        return ns;
    }

    private static XDocument Render(params string[] pages) =>
        MamlWriter.Render(pages.Select((p, i) => CommandPageParser.Parse(p, $"page{i}.md")));

    private static XElement Widget() => Render(SamplePages.Widget).XPathSelectElement("/msh:helpItems/command:command", s_ns)!;

    private static string[] Texts(XNode node, string xpath) => node.XPathSelectElements(xpath, s_ns).Select(e => e.Value).ToArray();

    private static string Text(XNode node, string xpath) => Assert.Single(Texts(node, xpath));

    [Fact]
    public void Root_is_a_maml_helpItems_with_one_command_per_page()
    {
        var document = Render(SamplePages.Widget, SamplePages.Minimal);

        Assert.Equal("helpItems", document.Root!.Name.LocalName);
        Assert.Equal("maml", document.Root.Attribute("schema")?.Value);
        Assert.Equal(new[] { "Get-Widget", "Clear-Gadget" }, Texts(document, "/msh:helpItems/command:command/command:details/command:name"));
    }

    [Fact]
    public void Command_declares_the_maml_command_and_dev_prefixes()
    {
        var command = Widget();

        Assert.Equal("http://schemas.microsoft.com/maml/2004/10", command.GetNamespaceOfPrefix("maml")?.NamespaceName);
        Assert.Equal("http://schemas.microsoft.com/maml/dev/command/2004/10", command.GetNamespaceOfPrefix("command")?.NamespaceName);
        Assert.Equal("http://schemas.microsoft.com/maml/dev/2004/10", command.GetNamespaceOfPrefix("dev")?.NamespaceName);
    }

    [Fact]
    public void Details_hold_name_verb_noun_and_synopsis()
    {
        var command = Widget();

        Assert.Equal("Get-Widget", Text(command, "command:details/command:name"));
        Assert.Equal("Get", Text(command, "command:details/command:verb"));
        Assert.Equal("Widget", Text(command, "command:details/command:noun"));
        Assert.Equal("Gets widgets from the store.", Text(command, "command:details/maml:description/maml:para"));
    }

    [Fact]
    public void Description_has_one_para_per_paragraph()
    {
        Assert.Equal(new[]
        {
            "The Get-Widget cmdlet gets widgets. It reads them from a store.",
            "See the store (https://example.com/store) and Set-Widget.",
            "- first point",
            "- second point",
        }, Texts(Widget(), "maml:description/maml:para"));
    }

    [Fact]
    public void Syntax_has_one_item_per_parameter_set_with_its_parameters_in_syntax_order()
    {
        var command = Widget();

        var items = command.XPathSelectElements("command:syntax/command:syntaxItem", s_ns).ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Equal("Get-Widget", Text(item, "maml:name")));
        Assert.Equal(new[] { "Name", "Store" }, Texts(items[0], "command:parameter/maml:name"));
        Assert.Equal(new[] { "Id", "Store", "Force" }, Texts(items[1], "command:parameter/maml:name"));
    }

    [Fact]
    public void Syntax_parameters_carry_the_attributes_of_their_set()
    {
        var items = Widget().XPathSelectElements("command:syntax/command:syntaxItem", s_ns).ToList();

        var name = items[0].XPathSelectElement("command:parameter[maml:name='Name']", s_ns)!;
        Assert.Equal("false", name.Attribute("required")?.Value);
        Assert.Equal("0", name.Attribute("position")?.Value);
        Assert.Equal("True (ByValue, ByPropertyName)", name.Attribute("pipelineInput")?.Value);
        Assert.Equal("true", name.Attribute("globbing")?.Value);
        Assert.Equal("true", name.Attribute("variableLength")?.Value);
        Assert.Equal("none", name.Attribute("aliases")?.Value);
        Assert.Equal("String[]", Text(name, "command:parameterValue"));

        // -Store is optional in ByName and mandatory in ById.
        Assert.Equal("false", items[0].XPathSelectElement("command:parameter[maml:name='Store']", s_ns)!.Attribute("required")?.Value);
        var store = items[1].XPathSelectElement("command:parameter[maml:name='Store']", s_ns)!;
        Assert.Equal("true", store.Attribute("required")?.Value);
        Assert.Equal("named", store.Attribute("position")?.Value);
        Assert.Equal(new[] { "Main", "Backup" }, Texts(store, "command:parameterValueGroup/command:parameterValue"));

        var id = items[1].XPathSelectElement("command:parameter[maml:name='Id']", s_ns)!;
        Assert.Equal("WidgetId, Number", id.Attribute("aliases")?.Value);
        Assert.Equal("True (ByPropertyName)", id.Attribute("pipelineInput")?.Value);
    }

    [Fact]
    public void A_switch_shows_no_value_in_syntax_but_its_type_in_parameters()
    {
        var command = Widget();

        var inSyntax = command.XPathSelectElement("command:syntax/command:syntaxItem/command:parameter[maml:name='Force']", s_ns)!;
        Assert.Null(inSyntax.XPathSelectElement("command:parameterValue", s_ns));
        var inParameters = command.XPathSelectElement("command:parameters/command:parameter[maml:name='Force']", s_ns)!;
        var value = inParameters.XPathSelectElement("command:parameterValue", s_ns)!;
        Assert.Equal("SwitchParameter", value.Value);
        Assert.Equal("false", value.Attribute("required")?.Value);
    }

    [Fact]
    public void Parameters_list_each_parameter_once_with_description_type_and_default()
    {
        var command = Widget();

        Assert.Equal(new[] { "Force", "Id", "Name", "Store" }, Texts(command, "command:parameters/command:parameter/maml:name"));
        var store = command.XPathSelectElement("command:parameters/command:parameter[maml:name='Store']", s_ns)!;
        Assert.Equal("The store.", Text(store, "maml:description/maml:para"));
        Assert.Equal("String", Text(store, "dev:type/maml:name"));
        Assert.Equal("Main", Text(store, "dev:defaultValue"));
        // Mandatory in one set only (its first yaml block): not "required" overall.
        Assert.Equal("false", store.Attribute("required")?.Value);
        var id = command.XPathSelectElement("command:parameters/command:parameter[maml:name='Id']", s_ns)!;
        Assert.Equal("true", id.Attribute("required")?.Value);
        Assert.Equal("Int32", Text(id, "command:parameterValue"));
    }

    [Fact]
    public void Input_and_return_types_have_names_and_descriptions()
    {
        var command = Widget();

        Assert.Equal(new[] { "System.String[]", "System.Int32" }, Texts(command, "command:inputTypes/command:inputType/dev:type/maml:name"));
        Assert.Equal("Names of widgets.", Texts(command, "command:inputTypes/command:inputType/maml:description/maml:para")[0]);
        Assert.Equal("Widgets.Widget", Text(command, "command:returnValues/command:returnValue/dev:type/maml:name"));
        Assert.Equal("A widget.", Text(command, "command:returnValues/command:returnValue/maml:description/maml:para"));
    }

    [Fact]
    public void Notes_are_the_alert_set()
    {
        Assert.Equal(new[] { "Widgets are cached.", "Second note." }, Texts(Widget(), "maml:alertSet/maml:alert/maml:para"));
    }

    [Fact]
    public void Examples_have_title_code_and_remarks()
    {
        var examples = Widget().XPathSelectElements("command:examples/command:example", s_ns).ToList();

        Assert.Equal(2, examples.Count);
        Assert.Equal("-------------------------- Example 1: Get all widgets --------------------------", Text(examples[0], "maml:title"));
        Assert.Equal("Get-Widget", Text(examples[0], "dev:code"));
        Assert.Equal(new[] { "Gets every widget.", "" }, Texts(examples[0], "dev:remarks/maml:para"));
        Assert.Equal("$w = Get-Widget -Id 42\n$w.Name\n\nSprocket", Text(examples[1], "dev:code"));
        Assert.Equal(new[] { "Before the code.", "Gets widget 42.", "Then shows its name.", "" }, Texts(examples[1], "dev:remarks/maml:para"));
    }

    [Fact]
    public void Related_links_start_with_the_online_version()
    {
        var links = Widget().XPathSelectElements("maml:relatedLinks/maml:navigationLink", s_ns).ToList();

        Assert.Equal(new[] { "Online Version:", "Set-Widget", "Online docs" }, links.Select(l => Text(l, "maml:linkText")));
        Assert.Equal(new[] { "https://example.com/get-widget", "", "https://example.com/widgets" }, links.Select(l => Text(l, "maml:uri")));
    }

    [Fact]
    public void Without_any_address_the_related_commands_are_named_in_the_notes_and_no_link_offers_online_help()
    {
        // Get-Help prints "For online help, type: Get-Help X -Online" for every topic with a related link, and
        // -Online then fails without an address.
        var page = SamplePages.Widget.With("online version: https://example.com/get-widget", "online version:")
            .With("[Online docs](https://example.com/widgets)", "[about_Widgets](about_Widgets.md)");
        var command = Render(page).XPathSelectElement("/msh:helpItems/command:command", s_ns)!;

        Assert.Empty(command.XPathSelectElements("maml:relatedLinks/maml:navigationLink", s_ns));
        Assert.Equal(new[] { "Widgets are cached.", "Second note.", "Related commands and topics: Set-Widget, about_Widgets." },
            Texts(command, "maml:alertSet/maml:alert/maml:para"));
    }

    [Fact]
    public void Sections_are_in_the_order_platyPS_writes_them()
    {
        var names = Widget().Elements().Select(e => e.Name.LocalName).ToArray();

        Assert.Equal(new[] { "details", "description", "syntax", "parameters", "inputTypes", "returnValues", "alertSet", "examples", "relatedLinks" }, names);
    }

    [Fact]
    public void A_command_without_parameters_has_an_empty_syntax_item_and_no_parameters()
    {
        var command = Render(SamplePages.Minimal).XPathSelectElement("/msh:helpItems/command:command", s_ns)!;

        var item = Assert.Single(command.XPathSelectElements("command:syntax/command:syntaxItem", s_ns));
        Assert.Equal("Clear-Gadget", Text(item, "maml:name"));
        Assert.Empty(item.XPathSelectElements("command:parameter", s_ns));
        Assert.Empty(command.XPathSelectElements("command:parameters/command:parameter", s_ns));
    }

    [Fact]
    public void Saved_file_is_utf8_without_byte_order_mark_and_reads_back()
    {
        var path = Path.Combine(Path.GetTempPath(), $"helpbuilder-{System.Guid.NewGuid():N}", "en-US", "Widgets.dll-Help.xml");
        try
        {
            MamlWriter.Save(Render(SamplePages.Widget), path);

            var bytes = File.ReadAllBytes(path);
            Assert.Equal((byte)'<', bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            var reloaded = XDocument.Load(path);
            Assert.Equal("Get-Widget", Text(reloaded, "/msh:helpItems/command:command/command:details/command:name"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(path))!, recursive: true);
        }
    }
}
