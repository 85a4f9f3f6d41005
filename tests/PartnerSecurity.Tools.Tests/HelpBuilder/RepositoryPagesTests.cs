using System.IO;
using System.Linq;
using PartnerSecurity.HelpBuilder.Markdown;
using PartnerSecurity.HelpBuilder.Validation;

namespace PartnerSecurity.Tools.Tests.HelpBuilder;

/// <summary>The module's own cmdlet pages (docs/cmdlets) pass the checks the build applies.</summary>
public class RepositoryPagesTests
{
    private static string DocsFolder()
    {
        var directory = new DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "PartnerSecurity.psd1")))
            directory = directory.Parent;
        Assert.NotNull(directory);
        return Path.Combine(directory!.FullName, "docs", "cmdlets");
    }

    [Fact]
    public void Every_cmdlet_page_is_valid()
    {
        var pages = Directory.GetFiles(DocsFolder(), "*.md");
        Assert.NotEmpty(pages);

        var problems = pages.SelectMany(p => HelpValidator.Validate(CommandPageParser.Parse(File.ReadAllText(p), p))).Select(p => p.ToString()).ToList();

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("Connect-PartnerSecurity")]
    [InlineData("Disconnect-PartnerSecurity")]
    [InlineData("Get-PartnerSecurityContext")]
    [InlineData("Get-PartnerSecurityDefaults")]
    [InlineData("Get-PartnerMfaStatus")]
    [InlineData("Get-PartnerCustomer")]
    public void Each_exported_cmdlet_has_a_page_for_the_module_help_file(string cmdlet)
    {
        var path = Path.Combine(DocsFolder(), cmdlet + ".md");
        Assert.True(File.Exists(path), $"{path} is missing");

        var help = CommandPageParser.Parse(File.ReadAllText(path), path);
        Assert.Equal("PartnerSecurity.dll-Help.xml", help.FrontMatter["external help file"]);
        Assert.Equal("PartnerSecurity", help.FrontMatter["Module Name"]);
        Assert.Equal("2.0.0", help.FrontMatter["schema"]);
    }
}
