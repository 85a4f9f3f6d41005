using System.Runtime.InteropServices;
using System.Text;

namespace PartnerSecurity.ScriptAnalysis.Tests;

/// <summary>Reading files for a scan: only regular files, bounded, stopped at once, nested as deeply as pwsh parses.</summary>
public sealed class FileReadingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ps-read-" + Guid.NewGuid().ToString("N"));

    public FileReadingTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static ScriptScanResult ScanAlone(string path, ScanOptions? options = null, int timeoutSeconds = 20)
    {
        // Through ScanFiles (the cmdlet's path), on a task, so that a hang fails the test instead of blocking the run.
        var task = Task.Run(() => CredentialUsageScanner.ScanFiles(new[] { path }, options, 1).Single());
        Assert.True(task.Wait(TimeSpan.FromSeconds(timeoutSeconds)), $"scanning {path} did not finish");
        return task.Result;
    }

    [Fact]
    public void A_named_pipe_named_like_a_script_is_an_error_and_is_never_opened()
    {
        if (OperatingSystem.IsWindows()) return; // no FIFOs in Windows folders
        var fifo = Path.Combine(_root, "pipe.ps1");
        Assert.Equal(0, mkfifo(fifo, Convert.ToUInt32("644", 8)));
        var result = ScanAlone(fifo);
        var problem = Assert.IsType<ScanProblem>(result.Problem);
        Assert.Equal(ScanProblemKind.NotAFile, problem.Kind);
        Assert.Contains("named pipe", problem.Message);
        Assert.Contains(fifo, problem.Message);
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void A_link_to_a_device_is_not_followed_into_it()
    {
        if (OperatingSystem.IsWindows()) return;
        var link = Path.Combine(_root, "zero.ps1");
        File.CreateSymbolicLink(link, "/dev/zero");
        var problem = Assert.IsType<ScanProblem>(ScanAlone(link).Problem);
        Assert.Equal(ScanProblemKind.NotAFile, problem.Kind);
        Assert.Contains("device", problem.Message);
    }

    [Fact]
    public void A_link_to_a_script_is_read()
    {
        if (OperatingSystem.IsWindows()) return;
        var target = Write("real.ps1", "Connect-MsolService -Credential $c");
        var link = Path.Combine(_root, "link.ps1");
        File.CreateSymbolicLink(link, target);
        Assert.Equal(FindingKind.UserCredential, Assert.Single(ScanAlone(link).Findings).Kind);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_an_error_naming_its_size_and_the_limit()
    {
        var path = Write("big.ps1", "Connect-MsolService -Credential $c\n" + new string('#', 3 * 1024 * 1024));
        var result = ScanAlone(path, new ScanOptions { MaximumFileSize = 1024 * 1024 });
        var problem = Assert.IsType<ScanProblem>(result.Problem);
        Assert.Equal(ScanProblemKind.TooLarge, problem.Kind);
        Assert.Contains("3.0 MB", problem.Message);
        Assert.Contains("1 MB limit", problem.Message);
        Assert.Empty(result.Findings);
        // Under the default limit it is read.
        Assert.Single(ScanAlone(path).Findings);
    }

    [Fact]
    public void A_file_whose_size_is_not_known_in_advance_is_still_read_no_further_than_the_limit()
    {
        if (!OperatingSystem.IsLinux()) return;
        // /proc files say they are empty and are not: only the bounded read stops them.
        var problem = Assert.IsType<ScanProblem>(ScanAlone("/proc/self/status", new ScanOptions { MaximumFileSize = 64 }).Problem);
        Assert.Equal(ScanProblemKind.TooLarge, problem.Kind);
    }

    [Fact]
    public void A_file_replaced_by_a_folder_is_called_a_folder_not_access_denied()
    {
        var path = Write("moved.ps1", "Connect-MsolService -Credential $c");
        File.Delete(path);
        Directory.CreateDirectory(path);
        var problem = Assert.IsType<ScanProblem>(CredentialUsageScanner.ScanFile(path).Problem);
        Assert.Equal(ScanProblemKind.NotAFile, problem.Kind);
        Assert.Contains("is a folder", problem.Message);
        Assert.DoesNotContain("denied", problem.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_vanished_file_is_not_found()
    {
        var problem = Assert.IsType<ScanProblem>(CredentialUsageScanner.ScanFile(Path.Combine(_root, "gone.ps1")).Problem);
        Assert.Equal(ScanProblemKind.NotFound, problem.Kind);
    }

    [Fact]
    public void Three_thousand_nested_script_blocks_that_pwsh_parses_are_scanned()
    {
        // pwsh 7.6 parses this file without error on its pipeline thread; a thread-pool thread's stack is too small.
        var text = "$x = " + string.Concat(Enumerable.Repeat("& { ", 3000)) + "Connect-MsolService -Credential $c" + string.Concat(Enumerable.Repeat(" }", 3000));
        var result = ScanAlone(Write("nested.ps1", text), timeoutSeconds: 60);
        Assert.Null(result.Problem);
        Assert.Equal("Connect-MsolService", Assert.Single(result.Findings).Command);
    }

    [Fact]
    public void Nesting_deeper_than_the_parser_handles_is_refused_before_parsing_and_costs_little()
    {
        // Found by fuzzing: nested 8,700 deep, 26 KB made the parser allocate 610 MB.
        var text = new string('(', 5700) + string.Concat(Enumerable.Repeat("@(", 3000)) + "Connect-MsolService -Credential $c" + new string(')', 3700);
        var path = Write("deep.ps1", text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = CredentialUsageScanner.ScanFile(path);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var problem = Assert.IsType<ScanProblem>(result.Problem);
        Assert.Equal(ScanProblemKind.TooComplex, problem.Kind);
        Assert.Contains("4,000 levels", problem.Message);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Cancelling_ends_the_scan_while_a_file_is_still_being_parsed(int files)
    {
        var paths = Enumerable.Range(0, files).Select(i => Write($"slow{i}.ps1", "Connect-MsolService -Credential $c")).ToList();
        using var parsing = new ManualResetEventSlim();
        using var gate = new ManualResetEventSlim();
        // The parser cannot be interrupted; the gate stands for a parse that takes long.
        var options = new ScanOptions { BeforeParse = _ => { parsing.Set(); gate.Wait(); } };
        using var cancel = new CancellationTokenSource();
        var scan = Task.Run(() => CredentialUsageScanner.ScanFiles(paths, options, 2, cancel.Token).ToList());
        try
        {
            Assert.True(parsing.Wait(TimeSpan.FromSeconds(20)));
            cancel.Cancel();
            // Ended while the parse it was in still has not finished.
            Assert.True(scan.ContinueWith(_ => { }).Wait(TimeSpan.FromSeconds(20)), "the scan did not end on cancellation");
            Assert.False(gate.IsSet);
            Assert.IsAssignableFrom<OperationCanceledException>(scan.Exception?.InnerException ?? (Exception?)(scan.IsCanceled ? new OperationCanceledException() : null));
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public void Cancelling_stops_the_read_of_a_file()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => CredentialUsageScanner.ScanFile(Write("x.ps1", "Get-Date"), null, cancel.Token));
    }
}
