using System.Diagnostics;

namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// The process's working set sampled every 20 ms while a run lasts (its peak), and the live managed heap after a
/// full collection before and after (or at samples the run takes itself): what the run holds, not what the GC has
/// not collected yet. The emulator runs in this process, so its memory counts too; growth is what to read.
/// </summary>
internal sealed class MemoryWatch : IDisposable
{
    private const double MiB = 1024 * 1024;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peak;
    private long _livePeak;

    /// <summary>The watch of the run in progress, for a run that samples the live heap itself.</summary>
    public static MemoryWatch? Current { get; private set; }

    public MemoryWatch()
    {
        Current = this;
        LiveBefore = LiveNow();
        _livePeak = LiveBefore;
        using var self = Process.GetCurrentProcess();
        _peak = self.WorkingSet64;
        _sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                if (process.WorkingSet64 > Interlocked.Read(ref _peak)) Interlocked.Exchange(ref _peak, process.WorkingSet64);
                try { await Task.Delay(20, _stop.Token); } catch (OperationCanceledException) { }
            }
        });
    }

    public long LiveBefore { get; }

    public static long LiveNow()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>A sample of the live heap during the run (a full collection: take it every many records, not every one).</summary>
    public void SampleLive()
    {
        long live = LiveNow();
        if (live > _livePeak) _livePeak = live;
    }

    /// <summary>Stops sampling; the peak working set, and the live heap's growth (its highest sample, or now, minus before).</summary>
    public (double PeakWorkingSetMB, double LiveHeapGrowthMB) Stop()
    {
        _stop.Cancel();
        _sampler.Wait();
        SampleLive();
        return (Interlocked.Read(ref _peak) / MiB, (_livePeak - LiveBefore) / MiB);
    }

    public void Dispose()
    {
        if (Current == this) Current = null;
        _stop.Dispose();
    }
}
