namespace PartnerSecurity.Tools.Tests.HelpBuilder;

/// <summary>A complete, valid page in the platyPS layout that uses every section; tests break copies of it.</summary>
internal static class SamplePages
{
    public const string FileName = "Get-Widget.md";

    public const string Widget = """
        ---
        external help file: Widgets.dll-Help.xml
        Module Name: Widgets
        online version: https://example.com/get-widget
        schema: 2.0.0
        ---

        # Get-Widget

        ## SYNOPSIS
        Gets **widgets** from the `store`.

        ## SYNTAX

        ### ByName (Default)
        ```
        Get-Widget [[-Name] <String[]>] [-Store <String>] [<CommonParameters>]
        ```

        ### ById
        ```
        Get-Widget -Id <Int32> -Store <String> [-Force] [<CommonParameters>]
        ```

        ## DESCRIPTION
        The Get-Widget cmdlet gets widgets.
        It reads them from a store.

        See [the store](https://example.com/store) and [Set-Widget](Set-Widget.md).

        - first point
        - second point

        ## EXAMPLES

        ### Example 1: Get all widgets
        ```powershell
        PS C:\> Get-Widget
        ```

        Gets every widget.

        ### Example 2: Get one widget by id
        Before the code.

        ```powershell
        PS> $w = Get-Widget -Id 42
        PS> $w.Name
        ```

        ```output
        Sprocket
        ```

        Gets widget 42.

        Then shows its name.

        ## PARAMETERS

        ### -Force
        Skips the cache.

        ```yaml
        Type: SwitchParameter
        Parameter Sets: ById
        Aliases:

        Required: False
        Position: Named
        Default value: False
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### -Id
        The widget id.

        ```yaml
        Type: Int32
        Parameter Sets: ById
        Aliases: WidgetId, Number

        Required: True
        Position: Named
        Default value: None
        Accept pipeline input: True (ByPropertyName)
        Accept wildcard characters: False
        ```

        ### -Name
        Widget names.

        ```yaml
        Type: String[]
        Parameter Sets: ByName
        Aliases:

        Required: False
        Position: 0
        Default value: None
        Accept pipeline input: True (ByValue, ByPropertyName)
        Accept wildcard characters: True
        ```

        ### -Store
        The store.

        ```yaml
        Type: String
        Parameter Sets: ById
        Aliases:
        Accepted values: Main, Backup

        Required: True
        Position: Named
        Default value: Main
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ```yaml
        Type: String
        Parameter Sets: ByName
        Aliases:
        Accepted values: Main, Backup

        Required: False
        Position: Named
        Default value: Main
        Accept pipeline input: False
        Accept wildcard characters: False
        ```

        ### CommonParameters
        This cmdlet supports the common parameters.

        ## INPUTS

        ### System.String[]
        Names of widgets.

        ### System.Int32
        Ids of widgets.

        ## OUTPUTS

        ### Widgets.Widget
        A widget.

        ## NOTES
        Widgets are cached.

        Second note.

        ## RELATED LINKS

        [Set-Widget](Set-Widget.md)

        [Online docs](https://example.com/widgets)
        """;

    /// <summary>The smallest valid page: one parameter-less set, two examples.</summary>
    public const string Minimal = """
        # Clear-Gadget

        ## SYNOPSIS
        Clears gadgets.

        ## SYNTAX

        ### __AllParameterSets
        ```
        Clear-Gadget [<CommonParameters>]
        ```

        ## DESCRIPTION
        Clears every gadget.

        ## EXAMPLES

        ### Example 1: Clear
        ```powershell
        Clear-Gadget
        ```

        ### Example 2: Clear verbosely
        ```powershell
        Clear-Gadget -Verbose
        ```

        ## PARAMETERS

        ### CommonParameters
        Common parameters.
        """;

    /// <summary><paramref name="page"/> with <paramref name="oldText"/> replaced, failing if it is not there (so a test cannot silently test the valid page).</summary>
    public static string With(this string page, string oldText, string newText)
    {
        Assert.Contains(oldText, page);
        return page.Replace(oldText, newText);
    }

    /// <summary>The 1-based line of the first line of <paramref name="page"/> that equals <paramref name="line"/>.</summary>
    public static int LineOf(this string page, string line)
    {
        var lines = page.Replace("\r\n", "\n").Split('\n');
        int index = System.Array.IndexOf(lines, line);
        Assert.True(index >= 0, $"line '{line}' not in page");
        return index + 1;
    }
}
