using System.Diagnostics;
using System.Globalization;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// Sign-in logs streamed from tenants of growing size (the snapshot generator's scale command with --signins):
/// records per second and memory, for the core reader in this process and for Get-PartnerUserSignActivity in a
/// fresh pwsh process. The emulator holds the whole log in memory in both processes, so what the figures judge is
/// growth while the log is read, beside the size of the log. The working set mixes what is kept with what the GC
/// has not collected yet; the live heap (after a full collection every 2,500 records, in a second, untimed pass)
/// is what the reader keeps: flat growth means it streams.
/// </summary>
internal static class SignInBenchmark
{
    private const long MiB = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var counts = (args.Length > 0 ? args[0] : "50000,150000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
        bool skipCmdlet = args.Contains("--core-only");
        Console.WriteLine("Sign-in logs read to the end (interactive and non-interactive, 14 days), pages of 1,000");
        Console.WriteLine();
        Console.WriteLine($"{"sign-ins",10} {"reader",-8} {"records",9} {"seconds",8} {"records/s",10} {"WS before",10} {"WS peak",9} {"growth",8} {"live before",12} {"live growth",12}");
        foreach (var count in counts)
        {
            var path = ScaleTenants.Generate($"signins-{count}.json", "--users", "200", "--signins", count.ToString(CultureInfo.InvariantCulture));
            var core = Checked(count, await CoreAsync(path));
            Console.WriteLine(Row(count, "core", core));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            if (!skipCmdlet)
            {
                var cmdlet = Checked(count, Cmdlet(path));
                Console.WriteLine(Row(count, "cmdlet", cmdlet));
            }
            GC.Collect();
        }
        Console.WriteLine();
        Console.WriteLine("WS: working set in MiB; before: after the snapshot is loaded and the connection made; peak: the highest sample while");
        Console.WriteLine("reading (core: every 20 ms; cmdlet: every 1,000 records in the pipeline); growth: peak minus before.");
        Console.WriteLine("live: managed heap in MiB after a full collection, before reading and every 2,500 records of a second pass;");
        Console.WriteLine("live growth: the highest sample minus before (what the reader holds while it reads).");
        return 0;
    }

    /// <summary>Every sign-in of the log, no more and no less, or the figures mean nothing.</summary>
    private static Figures Checked(int count, Figures figures) => figures.Records == count ? figures
        : throw new InvalidOperationException($"Read {figures.Records:N0} sign-ins of {count:N0}.");

    private sealed record Figures(long Records, double Seconds, long Before, long Peak, long LiveBefore, long LivePeak);

    private static string Row(int count, string reader, Figures f) => string.Create(CultureInfo.InvariantCulture,
        $"{count,10:N0} {reader,-8} {f.Records,9:N0} {f.Seconds,8:0.0} {f.Records / f.Seconds,10:N0} {f.Before / MiB,10:N0} {f.Peak / MiB,9:N0} {(f.Peak - f.Before) / MiB,8:N0} {f.LiveBefore / MiB,12:N0} {(f.LivePeak - f.LiveBefore) / (double)MiB,12:0.0}");

    /// <summary>The core reader with a consumer that only counts, in this process.</summary>
    private static async Task<Figures> CoreAsync(string path)
    {
        var snapshot = SnapshotReader.ReadFile(path);
        var emulator = new TenantEmulator(snapshot);
        using var connection = await ScaleTenants.ConnectAsAdminAsync(emulator, snapshot);
        var now = emulator.Clock.UtcNow;
        var query = new SignInQuery(now.AddDays(-15), now) { IncludeNonInteractive = true };

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        long before = process.WorkingSet64, peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var self = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                self.Refresh();
                if (self.WorkingSet64 > Interlocked.Read(ref peak)) Interlocked.Exchange(ref peak, self.WorkingSet64);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        var watch = Stopwatch.StartNew();
        long records = 0;
        await foreach (var _ in SignInReader.ReadAsync(connection, TenantScope.Home(connection), query, null, CancellationToken.None)) records++;
        watch.Stop();
        sampling.Cancel();
        await sampler;

        long liveBefore = GC.GetTotalMemory(forceFullCollection: true), livePeak = liveBefore, seen = 0;
        await foreach (var _ in SignInReader.ReadAsync(connection, TenantScope.Home(connection), query, null, CancellationToken.None))
            if (++seen % 2500 == 0) livePeak = Math.Max(livePeak, GC.GetTotalMemory(forceFullCollection: true));
        GC.KeepAlive(emulator);
        return new Figures(records, watch.Elapsed.TotalSeconds, before, Interlocked.Read(ref peak), liveBefore, livePeak);
    }

    /// <summary>Get-PartnerUserSignActivity piped into ForEach-Object in a fresh pwsh process, connected to the snapshot.</summary>
    private static Figures Cmdlet(string path)
    {
        var script = string.Join("\n",
            $"Connect-PartnerSecurity -Snapshot '{path.Replace("'", "''")}' | Out-Null",
            "[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()",
            "$self = [System.Diagnostics.Process]::GetCurrentProcess(); $self.Refresh(); $before = $self.WorkingSet64; $peak = $before; $n = 0",
            "$watch = [System.Diagnostics.Stopwatch]::StartNew()",
            "Get-PartnerUserSignActivity -StartDate ([DateTimeOffset]::Parse('2026-11-05T00:00:00Z').UtcDateTime) -EndDate ([DateTimeOffset]::Parse('2026-11-21T00:00:00Z').UtcDateTime) -IncludeNonInteractive | ForEach-Object {",
            "  $n++",
            "  if ($n % 1000 -eq 0) { $self.Refresh(); if ($self.WorkingSet64 -gt $peak) { $peak = $self.WorkingSet64 } }",
            "}",
            "$watch.Stop()",
            "$liveBefore = [GC]::GetTotalMemory($true); $livePeak = $liveBefore; $m = 0",
            "Get-PartnerUserSignActivity -StartDate ([DateTimeOffset]::Parse('2026-11-05T00:00:00Z').UtcDateTime) -EndDate ([DateTimeOffset]::Parse('2026-11-21T00:00:00Z').UtcDateTime) -IncludeNonInteractive | ForEach-Object {",
            "  $m++",
            "  if ($m % 2500 -eq 0) { $live = [GC]::GetTotalMemory($true); if ($live -gt $livePeak) { $livePeak = $live } }",
            "}",
            "'FIGURES {0} {1} {2} {3} {4} {5}' -f $n, $watch.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture), $before, $peak, $liveBefore, $livePeak");
        var (exit, output) = Measurements.RunPwsh(script);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("FIGURES ", StringComparison.Ordinal));
        if (exit != 0 || line == null) throw new InvalidOperationException("pwsh failed:\n" + output);
        var parts = line.Split(' ');
        return new Figures(long.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture), long.Parse(parts[4], CultureInfo.InvariantCulture),
            long.Parse(parts[5], CultureInfo.InvariantCulture), long.Parse(parts[6], CultureInfo.InvariantCulture));
    }
}
