using System.Text;

namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>Files are read as PowerShell reads them, and the encoding used is reported when it is not UTF-8.</summary>
public sealed class EncodingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ps-enc-" + Guid.NewGuid().ToString("N"));

    public EncodingTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // A script as Windows PowerShell ISE users save it: Windows-1252, en dashes (0x96) for hyphens, an umlaut in a comment.
    private static readonly byte[] s_windows1252 = Concat(
        Encoding.ASCII.GetBytes("# Zugangsdaten f"), new byte[] { 0xFC }, Encoding.ASCII.GetBytes("r den Kunden\n"),
        Encoding.ASCII.GetBytes("$secure = ConvertTo-SecureString 'Sommer2024!' "), new byte[] { 0x96 }, Encoding.ASCII.GetBytes("AsPlainText "),
        new byte[] { 0x96 }, Encoding.ASCII.GetBytes("Force\n"));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_windows_1252_script_is_read_as_Windows_PowerShell_reads_it_and_the_encoding_is_reported()
    {
        var result = CredentialUsageScanner.ScanFile(WriteBytes("ansi.ps1", s_windows1252));
        var finding = Assert.Single(result.Findings);
        Assert.Equal((FindingKind.PlainTextPassword, 2), (finding.Kind, finding.Line));
        Assert.Equal("windows-1252", finding.Encoding);
        Assert.Equal("windows-1252", result.Encoding);
        Assert.Contains("ANSI", result.EncodingReason);
        Assert.DoesNotContain("Sommer2024!", finding.Snippet);
        // Read as UTF-8 (what pwsh 7 does with it), the dashes are lost and so is the finding.
        Assert.Empty(CredentialUsageScanner.ScanText(Encoding.UTF8.GetString(s_windows1252), "/x.ps1").Findings);
    }

    [Fact]
    public void The_ANSI_code_page_can_be_chosen()
    {
        var cyrillic = ScanOptions.FindEncoding("windows-1251")!;
        var bytes = Concat(cyrillic.GetBytes("# Пароль клиента\n"), Encoding.ASCII.GetBytes("ConvertTo-SecureString 'Zima2024' "), new byte[] { 0x96 },
            Encoding.ASCII.GetBytes("AsPlainText -Force\n"));
        var options = new ScanOptions { AnsiEncoding = cyrillic };
        var result = CredentialUsageScanner.ScanFile(WriteBytes("cyrillic.ps1", bytes), options);
        Assert.Equal("windows-1251", Assert.Single(result.Findings).Encoding);
        Assert.Equal(1251, ScanOptions.FindEncoding("1251")!.CodePage);
        Assert.Null(ScanOptions.FindEncoding("no-such-encoding"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UTF_16_without_a_byte_order_mark_is_recognised(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: false);
        var result = CredentialUsageScanner.ScanFile(WriteBytes("utf16.ps1", encoding.GetBytes("# Kundenkonto für Exchange\r\nConnect-ExchangeOnline -Credential $c\r\n")));
        var finding = Assert.Single(result.Findings);
        Assert.Equal(2, finding.Line);
        Assert.Equal(bigEndian ? "utf-16BE" : "utf-16LE", finding.Encoding);
        Assert.Contains("no byte order mark", result.EncodingReason);
    }

    [Theory]
    [InlineData("utf-8-bom", "utf-8")]
    [InlineData("utf-16LE-bom", "utf-16LE")]
    [InlineData("utf-16BE-bom", "utf-16BE")]
    [InlineData("utf-32LE-bom", "utf-32LE")]
    [InlineData("utf-8", "utf-8")]
    public void A_byte_order_mark_decides_and_valid_UTF_8_is_UTF_8(string how, string expected)
    {
        const string text = "# Zugangsdaten — für den Kunden\nConnect-MsolService -Credential $c\n";
        Encoding encoding = how switch
        {
            "utf-8-bom" => new UTF8Encoding(true),
            "utf-16LE-bom" => new UnicodeEncoding(false, true),
            "utf-16BE-bom" => new UnicodeEncoding(true, true),
            "utf-32LE-bom" => new UTF32Encoding(false, true),
            _ => new UTF8Encoding(false),
        };
        var bytes = Concat(encoding.GetPreamble(), encoding.GetBytes(text));
        var result = CredentialUsageScanner.ScanFile(WriteBytes(how + ".ps1", bytes));
        var finding = Assert.Single(result.Findings);
        Assert.Equal((2, expected), (finding.Line, finding.Encoding));
    }

    [Fact]
    public void An_em_dash_in_a_UTF_8_script_is_a_hyphen_as_PowerShell_reads_it()
    {
        var result = CredentialUsageScanner.ScanFile(WriteBytes("dash.ps1", Encoding.UTF8.GetBytes("ConvertTo-SecureString 'Herbst2024' \u2014AsPlainText \u2013Force")));
        Assert.Equal(FindingKind.PlainTextPassword, Assert.Single(result.Findings).Kind);
    }
}
