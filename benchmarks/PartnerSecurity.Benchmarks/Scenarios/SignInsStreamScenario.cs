using System.Globalization;
using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// signins-stream: 1,000,000 sign-ins (quick: 20,000, not the 100,000, to keep --quick near a minute) from the emulator's seeded sign-in generator, streamed by
/// Get-PartnerUserSignActivity -IncludeNonInteractive into a counter in the session. The log pages one after the other
/// (each page needs the previous nextLink), so latency and Microsoft's report limit (5 requests per 10 s per
/// application and tenant) pass on the emulator's clock: wallMs is real time plus those waits, and the floor is the
/// limit's. The live heap is sampled after a full collection every 50,000 records: its growth is what the pipeline holds.
/// </summary>
internal static class SignInsStreamScenario
{
    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        int count = options.Quick ? 20_000 : 1_000_000;
        var path = ScaleTenants.Generate("signins-host.json", "--users", "200");
        using var session = new ModuleSession(path);
        session.GenerateSignIns(count, options.Seed);
        var captured = (DateTimeOffset)session.Emulator.Snapshot.CapturedDateTime;
        var start = captured.AddDays(-15).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
        var end = captured.AddMinutes(1).UtcDateTime.ToString("o", CultureInfo.InvariantCulture);
        MemoryWatch? watch = null;
        Action sample = () => watch!.SampleLive();
        var line = MfaSingleScenario.Measure(session, options, _ => { }, count, "module", null, realTime: false, rounds: 0, () =>
        {
            watch = CurrentWatch();
            var output = session.Run(
                $"$n = 0; Get-PartnerUserSignActivity -StartDate ([datetime]::Parse('{start}', [cultureinfo]::InvariantCulture).ToUniversalTime()) " +
                $"-EndDate ([datetime]::Parse('{end}', [cultureinfo]::InvariantCulture).ToUniversalTime()) -IncludeNonInteractive | " +
                "ForEach-Object { $n++; if ($n % 50000 -eq 0) { $sample.Invoke() } }; $n", ("sample", sample));
            var read = Convert.ToInt64(output.Single().BaseObject, CultureInfo.InvariantCulture);
            if (read != count) throw new InvalidOperationException($"Read {read:N0} sign-ins of {count:N0}.");
            return Task.CompletedTask;
        }, scenario: "signins-stream");
        var pages = session.Requests().Count(m => m.Status != 429 && m.Url.Contains("/auditLogs/signIns", StringComparison.Ordinal));
        emit(line with
        {
            FloorRequests = (count + 999) / 1000,
            FloorMs = Floor.Of(options.LatencyMs, pages, Floor.Limited(pages, Floor.ReportsPerAppPerTenant, Floor.ReportsWindow, options.LatencyMs)),
        });
        return Task.CompletedTask;
    }

    private static MemoryWatch CurrentWatch() => MemoryWatch.Current ?? throw new InvalidOperationException("No memory watch is running.");
}
