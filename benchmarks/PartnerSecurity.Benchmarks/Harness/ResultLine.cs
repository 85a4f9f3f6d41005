using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// One measured run, printed as one JSON object on one line with exactly the contract's fields (issue 17), null
/// where a field does not apply to the scenario.
/// </summary>
internal sealed record ResultLine(string Scenario, long Size, string Strategy)
{
    /// <summary>The contract's field names, in order.</summary>
    public static readonly string[] Fields =
        { "scenario", "size", "strategy", "requests", "floorRequests", "wallMs", "floorMs", "peakWorkingSetMB", "liveHeapGrowthMB", "retries" };

    /// <summary>HTTP requests sent after sign-in, 429s and token requests included.</summary>
    public long? Requests { get; init; }
    /// <summary>The fewest requests the data allows (computed from the data, not from what the strategy did).</summary>
    public long? FloorRequests { get; init; }
    public double? WallMs { get; init; }
    /// <summary>The least wall time the latency model and Microsoft's limits allow for the requests made (<see cref="Floor"/>).</summary>
    public double? FloorMs { get; init; }
    public double? PeakWorkingSetMB { get; init; }
    public double? LiveHeapGrowthMB { get; init; }
    /// <summary>Requests answered 429 (each then retried).</summary>
    public long? Retries { get; init; }

    public string ToJson()
    {
        var o = new JsonObject
        {
            ["scenario"] = Scenario,
            ["size"] = Size,
            ["strategy"] = Strategy,
            ["requests"] = Requests,
            ["floorRequests"] = FloorRequests,
            ["wallMs"] = Round(WallMs),
            ["floorMs"] = Round(FloorMs),
            ["peakWorkingSetMB"] = Round(PeakWorkingSetMB),
            ["liveHeapGrowthMB"] = Round(LiveHeapGrowthMB),
            ["retries"] = Retries,
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static double? Round(double? value) => value == null ? null : Math.Round(value.Value, 1);
}
