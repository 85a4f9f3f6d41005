using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartnerSecurity.ScriptAnalysis;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// scan stop: how long Ctrl+C takes to end a scan that is inside one large script. A generated script of N MB
/// (realistic lines, a finding every few hundred) is scanned once in full for its time T; then the scan is started again
/// and cancelled at a quarter, half and three quarters of T, through the core (CancellationToken) and through the cmdlet
/// in a fresh runner process (PowerShell.Stop(), which is what Ctrl+C does). The figure is the time from the cancel to the
/// end of the call. Each trial waits for the previous one's abandoned parse to end, so trials do not overlap.
/// </summary>
internal static partial class ScanBenchmark
{
    private static Task<int> StopAsync(string[] args)
    {
        int megabytes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30;
        int trials = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var folder = Path.Combine(Path.GetTempPath(), "partnersecurity-scan-stop-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        try
        {
            var path = Path.Combine(folder, "large.ps1");
            int lines = WriteLargeScript(path, megabytes);
            var files = new[] { path };
            var full = Stopwatch.StartNew();
            int found = CredentialUsageScanner.ScanFiles(files, 1).Sum(r => r.Findings.Count);
            full.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Large script: {new FileInfo(path).Length / 1048576.0:0.0} MB, {lines:N0} lines, {found:N0} findings; a full scan takes {full.Elapsed.TotalMilliseconds:0} ms"));

            var fractions = new[] { 0.25, 0.5, 0.75 };
            var core = new List<double>();
            foreach (var fraction in fractions)
            {
                for (int t = 0; t < trials; t++)
                {
                    using var cancel = new CancellationTokenSource();
                    var scan = Task.Run(() => CredentialUsageScanner.ScanFiles(files, 1, cancel.Token).ToList());
                    Thread.Sleep(TimeSpan.FromMilliseconds(full.Elapsed.TotalMilliseconds * fraction));
                    var stop = Stopwatch.StartNew();
                    cancel.Cancel();
                    try
                    {
                        scan.Wait();
                    }
                    catch (AggregateException)
                    {
                        // cancelled, as asked
                    }
                    stop.Stop();
                    core.Add(stop.Elapsed.TotalMilliseconds);
                    // Let an abandoned parse end before the next trial.
                    Thread.Sleep(TimeSpan.FromMilliseconds(full.Elapsed.TotalMilliseconds * (1 - fraction)) + TimeSpan.FromSeconds(1));
                    GC.Collect();
                }
            }
            Console.WriteLine("Cancel to end, core (CredentialUsageScanner.ScanFiles, one file), cancelled at 25/50/75% of the full scan:");
            Console.WriteLine("  " + Measurements.Row("core", core, "ms"));

            var cmdlet = new List<double>();
            foreach (var fraction in fractions)
                for (int t = 0; t < trials; t++)
                    cmdlet.Add(StopThroughCmdlet(path, full.Elapsed.TotalMilliseconds * fraction));
            Console.WriteLine("Ctrl+C to end, cmdlet (PowerShell.Stop() on Find-PartnerCredentialUsage in a fresh runner process):");
            Console.WriteLine("  " + Measurements.Row("cmdlet", cmdlet, "ms"));
            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double StopThroughCmdlet(string path, double afterMilliseconds)
    {
        string Quote(string value) => "'" + value.Replace("'", "''") + "'";
        // The hosted runner has the engine's core cmdlets only: a fresh runspace from CreateDefault2, and Thread.Sleep.
        var script =
            "$ps = [powershell]::Create([initialsessionstate]::CreateDefault2()); " +
            $"$null = $ps.AddCommand('Import-Module').AddArgument({Quote(BenchPaths.ModuleManifest)}).Invoke(); $ps.Commands.Clear(); " +
            $"$null = $ps.AddCommand('Find-PartnerCredentialUsage').AddParameter('LiteralPath', {Quote(path)}); " +
            $"$h = $ps.BeginInvoke(); [System.Threading.Thread]::Sleep({(int)afterMilliseconds}); " +
            "$w = [System.Diagnostics.Stopwatch]::StartNew(); $ps.Stop(); $w.Stop(); " +
            "$w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture)";
        var (exit, output) = Measurements.RunPwsh(script);
        if (exit != 0) throw new InvalidOperationException("The cmdlet run failed:\n" + output);
        return Measurements.LastNumber(output);
    }

    /// <summary>A valid script of about <paramref name="megabytes"/> MB made of the estate's filler lines, with a sign-in every 250 lines.</summary>
    private static int WriteLargeScript(string path, int megabytes)
    {
        var text = new StringBuilder(megabytes * 1048576 + 4096);
        int line = 0;
        while (text.Length < megabytes * 1048576)
        {
            text.Append(line % 250 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"Connect-MsolService -Credential $cred{line}")
                : string.Format(CultureInfo.InvariantCulture, Estate.Filler[line % Estate.Filler.Length], line)).Append('\n');
            line++;
        }
        File.WriteAllText(path, text.ToString());
        return line;
    }
}
