using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Tests;

public class NestingTests
{
    [Theory]
    [InlineData("Get-Date", 0)]
    [InlineData("if ($a) { @(1, (2)) }", 3)]
    [InlineData("$h = @{ a = [int[]] @(1) }", 3)]
    [InlineData("'((((' + \"{{{{\" + 'it''s (' ", 0)]
    [InlineData("# ((((((\n<# {{{{ #>\n$x", 0)]
    [InlineData("$t = @'\n((((\n'@\n$u = @\"\n{{{\n\"@\n(1)", 1)]
    [InlineData("Write-Host `( (1)", 1)]
    [InlineData("$s = \u201C((((\u201D + \u2018((\u2019", 0)]
    [InlineData(")))(((", 3)]
    public void Brackets_in_code_count_and_those_in_comments_and_strings_do_not(string text, int depth) =>
        Assert.Equal(depth, Nesting.MaxDepth(text));

    [Fact]
    public void Counting_stops_once_past_the_limit() =>
        Assert.Equal(11, Nesting.MaxDepth(new string('{', 100000), stopAbove: 10));

    [Fact]
    public void Three_thousand_nested_script_blocks_are_within_the_limit()
    {
        var text = "$x = " + string.Concat(Enumerable.Repeat("& { ", 3000)) + "Get-Date" + string.Concat(Enumerable.Repeat(" }", 3000));
        Assert.True(Nesting.MaxDepth(text) <= Nesting.Limit);
    }
}
