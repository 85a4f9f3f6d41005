namespace PartnerSecurity.ScriptAnalysis.Tests;

public sealed class ScanFilesTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ps-scan-" + Guid.NewGuid().ToString("N"));

    public ScanFilesTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private List<string> Expand(bool recurse, string[]? include, List<ScanProblem> problems, params string[] targets) =>
        ScriptFiles.Expand(targets, recurse, include, problems.Add);

    [Fact]
    public void A_folder_gives_its_script_files_sorted_and_recursion_adds_subfolders()
    {
        var b = Write("b.ps1", "");
        var a = Write("A.psm1", "");
        var manifest = Write("a.psd1", "@{}");
        Write("notes.txt", "Connect-MsolService -Credential $c");
        var nested = Write(Path.Combine("sub", "deeper", "z.ps1"), "");
        var problems = new List<ScanProblem>();

        Assert.Equal(new[] { manifest, a, b }, Expand(false, null, problems, _root));
        Assert.Equal(new[] { manifest, a, b, nested }, Expand(true, null, problems, _root));
        Assert.Empty(problems);
    }

    [Fact]
    public void Include_filters_files_found_in_folders_and_files_given_by_name()
    {
        var script = Write("run.ps1", "");
        var text = Write("run.txt", "");
        var skipped = new List<string>();
        var files = ScriptFiles.Expand(new[] { _root, text }, false, new[] { "*.PS1" }, _ => { }, skipped.Add);
        Assert.Equal(new[] { script }, files);
        Assert.Equal(new[] { text }, skipped);
        Assert.Equal(new[] { script, text }, ScriptFiles.Expand(new[] { _root }, false, new[] { "*.ps1", "*.txt" }, _ => { }));
    }

    [Fact]
    public void A_file_given_twice_is_scanned_once_and_a_missing_path_is_a_problem()
    {
        var script = Write("one.ps1", "");
        var missing = Path.Combine(_root, "missing.ps1");
        var problems = new List<ScanProblem>();
        Assert.Equal(new[] { script }, Expand(true, null, problems, script, _root, script, missing));
        var problem = Assert.Single(problems);
        Assert.Equal((ScanProblemKind.NotFound, missing), (problem.Kind, problem.Path));
        Assert.Contains(missing, problem.Message);
    }

    [Fact]
    public void Files_are_scanned_in_parallel_and_come_back_in_the_order_given()
    {
        var paths = new List<string>();
        for (int i = 0; i < 200; i++)
        {
            // Mixed sizes so that workers finish out of order.
            var padding = string.Concat(Enumerable.Repeat("Get-Date | Out-Null\n", (i * 37) % 300));
            var body = i % 3 == 0 ? padding + "Connect-MsolService -Credential $c\n" : padding;
            paths.Add(Write($"f{i:D3}.ps1", body));
        }
        paths.Insert(50, Path.Combine(_root, "vanished.ps1"));
        paths.Insert(10, Write("broken.ps1", "function f {"));

        var results = CredentialUsageScanner.ScanFiles(paths, maxParallelism: 4).ToList();

        Assert.Equal(paths, results.Select(r => r.Path));
        Assert.Equal(ScanProblemKind.ParseError, results[10].Problem!.Kind);
        Assert.Equal(ScanProblemKind.NotFound, results[51].Problem!.Kind);
        var withFindings = results.Where(r => r.Findings.Count > 0).Select(r => r.Path).ToList();
        Assert.Equal(Enumerable.Range(0, 200).Where(i => i % 3 == 0).Select(i => Path.Combine(_root, $"f{i:D3}.ps1")), withFindings);
        foreach (var i in Enumerable.Range(0, 200).Where(i => i % 3 == 0))
        {
            var finding = Assert.Single(results.Single(r => r.Path == Path.Combine(_root, $"f{i:D3}.ps1")).Findings);
            Assert.Equal((FindingKind.UserCredential, (i * 37) % 300 + 1), (finding.Kind, finding.Line));
        }
    }

    [Fact]
    public void Stopping_early_stops_the_workers()
    {
        var paths = Enumerable.Range(0, 500).Select(i => Write($"s{i:D3}.ps1", "Connect-AzureAD -Credential $c")).ToList();
        var first = CredentialUsageScanner.ScanFiles(paths, maxParallelism: 2).Take(3).ToList();
        Assert.Equal(paths.Take(3), first.Select(r => r.Path));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CredentialUsageScanner.ScanFiles(paths, 2, cancel.Token).ToList());
    }

    [Fact]
    public void Scanning_a_file_reads_it_with_its_encoding()
    {
        var path = Path.Combine(_root, "utf16.ps1");
        File.WriteAllText(path, "# Zugangsdaten für den Mandanten\nConnect-MsolService -Credential $c\n", System.Text.Encoding.Unicode);
        var finding = Assert.Single(CredentialUsageScanner.ScanFile(path).Findings);
        Assert.Equal((2, path), (finding.Line, finding.Path));
    }
}
