using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>
/// The hand-labelled corpus (Corpus/README.md): every finding the scanner reports must be labelled on its line, and
/// every label found, with its severity. Prints precision and recall.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    private static readonly Regex s_expect = new(@"#\s*expect:\s*(?<labels>[A-Za-z/,\s]+)$", RegexOptions.CultureInvariant);

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Corpus");

    private static IEnumerable<(int Line, string Label)> Labels(string path)
    {
        var lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            var match = s_expect.Match(lines[i]);
            if (!match.Success) continue;
            foreach (var label in match.Groups["labels"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                yield return (i + 1, label);
        }
    }

    [Fact]
    public void Every_labelled_finding_is_found_and_nothing_else()
    {
        var files = Directory.GetFiles(Folder, "*.ps1").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 25, $"corpus missing: {files.Count} files in {Folder}");
        int truePositives = 0;
        var falsePositives = new List<string>();
        var falseNegatives = new List<string>();
        foreach (var file in files)
        {
            var result = CredentialUsageScanner.ScanFile(file);
            Assert.True(result.Problem == null, result.Problem?.Message);
            var expected = Labels(file).Select(l => (l.Line, Kind: l.Label.Split('/')[0], Severity: l.Label.Contains('/') ? l.Label.Split('/')[1] : null)).ToList();
            var found = result.Findings.ToList();
            foreach (var e in expected)
            {
                var match = found.FirstOrDefault(f => f.Line == e.Line && f.Kind.ToString() == e.Kind && (e.Severity == null || f.Severity.ToString() == e.Severity));
                if (match != null)
                {
                    truePositives++;
                    found.Remove(match);
                }
                else
                {
                    falseNegatives.Add($"{Path.GetFileName(file)}:{e.Line} {e.Kind}/{e.Severity}");
                }
            }
            falsePositives.AddRange(found.Select(f => $"{Path.GetFileName(file)}:{f.Line} {f.Kind}/{f.Severity} {f.Command}"));
        }
        double precision = truePositives / (double)Math.Max(1, truePositives + falsePositives.Count);
        double recall = truePositives / (double)Math.Max(1, truePositives + falseNegatives.Count);
        output.WriteLine($"{files.Count} files, {truePositives + falseNegatives.Count} labelled findings: precision {precision:P1}, recall {recall:P1}");
        Assert.True(falsePositives.Count == 0 && falseNegatives.Count == 0,
            $"false alarms: {string.Join("; ", falsePositives)} | missed: {string.Join("; ", falseNegatives)}");
    }
}
