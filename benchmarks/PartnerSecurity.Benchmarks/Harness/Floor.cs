namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// floorMs: the least wall time the latency model and Microsoft's documented limits allow for the requests a run
/// made, whatever the client's concurrency (docs/benchmarks.md, "Floors"). It is the larger of two lower bounds:
/// <list type="bullet">
/// <item>latency: the mean delay times the round trips that must follow one another (a page needs the previous
/// page's nextLink; a request about users or groups needs the list that names them);</item>
/// <item>limits: for each limit the run's requests fall under, the windows they need, n requests under "k per W"
/// needing (ceil(n / k) - 1) x W, plus the last one's trip.</item>
/// </list>
/// Neither counts the emulator's or the client's own processing time, so a run at the floor is not reachable;
/// the ratio says how much the strategy and the machine add.
/// </summary>
internal static class Floor
{
    public const int ReportsPerAppPerTenant = 5;
    public const int ReportsPerApp = 122;
    public static readonly TimeSpan ReportsWindow = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ConditionalAccessWindow = TimeSpan.FromSeconds(1);

    public static int Pages(int count, int size) => Math.Max(1, (count + size - 1) / size);

    /// <summary>n requests under "limit per window", spread as tightly as the limit allows.</summary>
    public static double Limited(int requests, int limit, TimeSpan window, double meanMs) =>
        requests == 0 ? 0 : (Math.Ceiling(requests / (double)limit) - 1) * window.TotalMilliseconds + meanMs;

    public static double Of(double meanMs, int rounds, params double[] limitBounds) => Math.Max(meanMs * rounds, limitBounds.DefaultIfEmpty(0).Max());
}
