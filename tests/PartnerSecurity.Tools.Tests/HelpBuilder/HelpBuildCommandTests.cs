using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using PartnerSecurity.HelpBuilder;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

/// <summary>The tool as the build runs it: a folder of pages in, one help file out, or problems and exit code 1.</summary>
public sealed class HelpBuildCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"helpbuilder-{Guid.NewGuid():N}");
    private readonly string _docs;
    private readonly string _output;
    private readonly StringWriter _stdout = new();
    private readonly StringWriter _stderr = new();

    public HelpBuildCommandTests()
    {
        _docs = Path.Combine(_root, "docs");
        _output = Path.Combine(_root, "out", "en-US", "Widgets.dll-Help.xml");
        Directory.CreateDirectory(_docs);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private int Run(params string[] args) => HelpBuildCommand.Run(args, _stdout, _stderr);

    private int Build() => Run("--docs", _docs, "--out", _output);

    [Fact]
    public void Writes_one_help_file_for_all_pages()
    {
        File.WriteAllText(Path.Combine(_docs, "Get-Widget.md"), SamplePages.Widget);
        File.WriteAllText(Path.Combine(_docs, "Clear-Gadget.md"), SamplePages.Minimal);
        File.WriteAllText(Path.Combine(_docs, "notes.txt"), "not a page");

        Assert.Equal(0, Build());

        Assert.Equal("", _stderr.ToString());
        XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        var names = XDocument.Load(_output).Descendants(command + "details").Select(d => d.Element(command + "name")!.Value);
        Assert.Equal(new[] { "Clear-Gadget", "Get-Widget" }, names);
        Assert.Contains("2 command(s)", _stdout.ToString());
    }

    [Fact]
    public void An_invalid_page_fails_with_file_line_message_and_writes_nothing()
    {
        File.WriteAllText(Path.Combine(_docs, "Clear-Gadget.md"), SamplePages.Minimal);
        var broken = SamplePages.Widget.With("Gets **widgets** from the `store`.\n", "");
        var page = Path.Combine(_docs, "Get-Widget.md");
        File.WriteAllText(page, broken);

        Assert.Equal(1, Build());

        var lines = _stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal($"{page}:{broken.LineOf("## SYNOPSIS")}: '## SYNOPSIS' is empty", lines[0]);
        Assert.Matches(new Regex(@"1 problem\(s\) in 1 page\(s\)"), lines[^1]);
        Assert.False(File.Exists(_output));
    }

    [Fact]
    public void Problems_of_every_page_are_reported_in_one_run()
    {
        File.WriteAllText(Path.Combine(_docs, "Get-Widget.md"), SamplePages.Widget.With("## NOTES", "## NOTE"));
        File.WriteAllText(Path.Combine(_docs, "Clear-Gadgets.md"), SamplePages.Minimal);

        Assert.Equal(1, Build());

        var errors = _stderr.ToString();
        Assert.Contains("Clear-Gadgets.md:1: the title 'Clear-Gadget' does not match", errors);
        Assert.Contains("Get-Widget.md:", errors);
        Assert.Contains("unknown section '## NOTE'", errors);
    }

    [Fact]
    public void A_folder_without_pages_is_an_error()
    {
        Assert.Equal(1, Build());
        Assert.Contains("no *.md cmdlet pages", _stderr.ToString());
    }

    [Fact]
    public void A_missing_folder_is_an_error()
    {
        Assert.Equal(1, Run("--docs", Path.Combine(_root, "nowhere"), "--out", _output));
        Assert.Contains("does not exist", _stderr.ToString());
    }

    [Theory]
    [InlineData]
    [InlineData("--docs", "docs")]
    [InlineData("--out", "file.xml")]
    [InlineData("--docs", "docs", "--out", "file.xml", "--extra")]
    public void Wrong_usage_exits_2_with_the_usage(params string[] args)
    {
        Assert.Equal(2, Run(args));
        Assert.Contains("Usage: partnersecurity-helpbuilder --docs", _stderr.ToString());
    }
}
