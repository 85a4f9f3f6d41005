using System.Diagnostics;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Http;

namespace PartnerSecurity.Reliability;

/// <summary>What one run under a fault profile read, asked and suffered.</summary>
public sealed class RunResult
{
    public required string Profile { get; init; }
    public required int Seed { get; init; }
    public required List<string> Records { get; init; }
    public required int Requests { get; init; }
    public required int BatchItems { get; init; }
    public required IReadOnlyDictionary<FaultKind, int> Faults { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public int FaultCount => Faults.Values.Sum();
}

/// <summary>How a run's records differ from the fault-free run's: nothing lost, nothing repeated.</summary>
public sealed record Comparison(int Compared, int Lost, int Duplicated, IReadOnlyList<string> Examples)
{
    public static Comparison Of(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var remaining = expected.GroupBy(r => r, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        int duplicated = 0;
        var examples = new List<string>();
        foreach (var record in actual)
        {
            if (remaining.TryGetValue(record, out var left) && left > 0) remaining[record] = left - 1;
            else
            {
                duplicated++;
                if (examples.Count < 3) examples.Add("extra: " + Short(record));
            }
        }
        int lost = remaining.Values.Sum();
        examples.AddRange(remaining.Where(p => p.Value > 0).Take(3).Select(p => "lost: " + Short(p.Key)));
        return new Comparison(expected.Count, lost, duplicated, examples);
    }

    private static string Short(string record) => record.Length > 300 ? record.Substring(0, 300) + "…" : record;
}

/// <summary>
/// Runs a read against a fresh emulator of a snapshot under a fault profile: signs in through the browser flow under
/// the same faults, then reads. Retries follow the module's rules on the emulator's clock (waits cost no real time, as
/// in -Demo and -Snapshot), with a one-second attempt time-out, so that a profile run costs little more than a clean one.
/// </summary>
public static class FaultRun
{
    public static RetryPolicy Policy(int seed, TenantEmulator emulator) =>
        new RetryPolicy(6, attemptTimeout: TimeSpan.FromSeconds(1), seed: seed).WithClock(new RetryClock(() => emulator.Clock.UtcNow, emulator.ClientWaitAsync));

    public static async Task<RunResult> RunAsync(TenantSnapshot snapshot, string profile, int seed,
        Func<PartnerConnection, CancellationToken, Task<List<string>>> read, Action<TenantEmulator>? prepare = null, CancellationToken cancellationToken = default)
    {
        var emulator = new TenantEmulator(snapshot);
        var faults = FaultProfile.Create(profile, seed);
        if (faults != null) faults.Hang = TimeSpan.FromSeconds(30);
        emulator.Faults.Profile = faults;
        prepare?.Invoke(emulator);
        var watch = Stopwatch.StartNew();
        emulator.Options.BrowserUser = (string?)emulator.Cloud.Home.FirstGlobalAdministrator()?["id"];
        using var connection = await PartnerConnection.ConnectAsync(new ConnectionRequest
        {
            Mode = ConnectionMode.Interactive,
            TenantId = snapshot.Tenant.Id,
            Transport = emulator,
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            RetryPolicy = Policy(seed, emulator),
            EnvironmentLabel = "Snapshot",
        }, cancellationToken).ConfigureAwait(false);
        var records = await read(connection, cancellationToken).ConfigureAwait(false);
        watch.Stop();
        return new RunResult
        {
            Profile = profile,
            Seed = seed,
            Records = records,
            Requests = emulator.Requests.Count,
            BatchItems = emulator.BatchItems.Count,
            Faults = emulator.Faults.Injected,
            Elapsed = watch.Elapsed,
        };
    }
}
