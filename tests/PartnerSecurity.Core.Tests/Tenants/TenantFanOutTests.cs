using PartnerSecurity.Diagnostics;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Tests.Tenants;

/// <summary>The multi-tenant machinery: a concurrency limit, streaming in completion order, failures kept per tenant.</summary>
public class TenantFanOutTests
{
    private static TenantTarget Tenant(int i) => new($"00000000-0000-4000-8000-{i:D12}", $"Customer {i}", isHome: false);

    private static async Task<List<TenantEvent<T>>> Run<T>(IReadOnlyList<TenantTarget> tenants, Func<TenantTarget, TenantActivity, CancellationToken, Task<T>> op, int limit, CancellationToken ct = default)
    {
        var events = new List<TenantEvent<T>>();
        // Described targets (GUID and name) never touch the connection.
        await foreach (var e in TenantFanOut.RunAsync(null!, tenants, op, limit, ct)) events.Add(e);
        return events;
    }

    [Fact]
    public async Task No_more_tenants_run_at_once_than_the_throttle_limit_allows()
    {
        int running = 0, peak = 0;
        var tenants = Enumerable.Range(1, 7).Select(Tenant).ToList();
        var events = await Run(tenants, async (t, a, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (tenants) peak = Math.Max(peak, now);
            await Task.Delay(40, ct);
            Interlocked.Decrement(ref running);
            return t.Name;
        }, limit: 3);
        Assert.Equal(3, peak);
        Assert.Equal(7, events.Count(e => e.Kind == TenantEventKind.Completed));
        Assert.Equal(tenants.Select(t => t.Name).OrderBy(n => n), events.Select(e => e.Result).OrderBy(n => n));
    }

    [Fact]
    public async Task Results_stream_as_each_tenant_finishes_not_in_request_order()
    {
        var slow = new TaskCompletionSource();
        var tenants = new[] { Tenant(1), Tenant(2) };
        var order = new List<string>();
        await foreach (var e in TenantFanOut.RunAsync(null!, tenants, async (t, a, ct) =>
        {
            if (t == tenants[0]) await slow.Task;
            return t.Name!;
        }, 8, CancellationToken.None))
        {
            order.Add(e.Result);
            // The fast tenant arrives while the slow one is still running.
            slow.TrySetResult();
        }
        Assert.Equal(new[] { "Customer 2", "Customer 1" }, order);
    }

    [Fact]
    public async Task A_failing_tenant_becomes_an_error_naming_it_and_keeping_the_fix_while_the_others_complete()
    {
        var tenants = Enumerable.Range(1, 3).Select(Tenant).ToList();
        var events = await Run(tenants, (t, a, ct) =>
        {
            a.Report("reading " + t.Name);
            if (t == tenants[1]) throw new PartnerSecurityException("GraphAccessDenied", ErrorKind.PermissionDenied, "Insufficient privileges.", "Use a GDAP role that includes it.");
            if (t == tenants[2]) throw new InvalidOperationException("boom");
            return Task.FromResult(1);
        }, limit: 2);
        Assert.Single(events, e => e.Kind == TenantEventKind.Completed);
        var denied = events.Single(e => e.Kind == TenantEventKind.Failed && e.Tenant == tenants[1]).Error!;
        Assert.Equal("GraphAccessDenied", denied.ErrorId);
        Assert.Equal("Tenant Customer 2 (00000000-0000-4000-8000-000000000002): Insufficient privileges.", denied.Message);
        Assert.Equal("Use a GDAP role that includes it.", denied.RecommendedAction);
        Assert.Equal(tenants[1].Requested, denied.Target);
        var unexpected = events.Single(e => e.Kind == TenantEventKind.Failed && e.Tenant == tenants[2]).Error!;
        Assert.Equal("TenantFailed", unexpected.ErrorId);
        Assert.Contains("Customer 3", unexpected.Message);
        Assert.Equal(3, events.Count(e => e.Kind == TenantEventKind.Progress));
    }

    [Fact]
    public async Task Cancellation_ends_the_whole_run()
    {
        using var cts = new CancellationTokenSource();
        var tenants = Enumerable.Range(1, 3).Select(Tenant).ToList();
        var run = Run(tenants, async (t, a, ct) =>
        {
            cts.Cancel();
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, 1, cts.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }
}
