using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;

namespace PartnerSecurity.Tenants
{
    public enum TenantEventKind
    {
        /// <summary>The tenant's operation reported what it is doing.</summary>
        Progress,
        /// <summary>The tenant finished: <see cref="TenantEvent{T}.Result"/> holds its result.</summary>
        Completed,
        /// <summary>The tenant failed: <see cref="TenantEvent{T}.Error"/> names it and says what to do.</summary>
        Failed,
    }

    /// <summary>Something that happened in one tenant of a fan-out.</summary>
    public sealed class TenantEvent<T>
    {
        internal TenantEvent(TenantEventKind kind, TenantTarget tenant, T result, PartnerSecurityException? error, string? status)
        {
            Kind = kind;
            Tenant = tenant;
            Result = result;
            Error = error;
            Status = status;
        }

        public TenantEventKind Kind { get; }
        public TenantTarget Tenant { get; }
        public T Result { get; }
        public PartnerSecurityException? Error { get; }
        public string? Status { get; }
    }

    /// <summary>Handed to a tenant's operation so that it can say what it is doing (Write-Progress shows it).</summary>
    public sealed class TenantActivity
    {
        private readonly Action<string>? _report;
        internal TenantActivity(Action<string>? report) => _report = report;

        public static TenantActivity None { get; } = new TenantActivity(null);

        public void Report(string status) => _report?.Invoke(status);
    }

    /// <summary>
    /// Runs one async operation per tenant, at most <c>throttleLimit</c> at a time, and streams each
    /// tenant's outcome as soon as it is known, in completion order. A tenant that fails becomes a
    /// <see cref="TenantEventKind.Failed"/> event whose error names the tenant and the fix; the others go on.
    /// Only cancellation (Ctrl+C) ends the whole run.
    /// </summary>
    public static class TenantFanOut
    {
        public const int DefaultThrottleLimit = 8;

        public static async IAsyncEnumerable<TenantEvent<T>> RunAsync<T>(
            PartnerConnection connection,
            IReadOnlyList<TenantTarget> tenants,
            Func<TenantTarget, TenantActivity, CancellationToken, Task<T>> operation,
            int throttleLimit,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var events = new ConcurrentQueue<TenantEvent<T>>();
            using var signal = new SemaphoreSlim(0);
            using var gate = new SemaphoreSlim(Math.Max(1, throttleLimit));
            void Post(TenantEvent<T> e)
            {
                events.Enqueue(e);
                signal.Release();
            }

            var tasks = tenants.Select(tenant => Task.Run(async () =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var activity = new TenantActivity(status => Post(new TenantEvent<T>(TenantEventKind.Progress, tenant, default!, null, status)));
                    TenantTarget described = tenant;
                    try
                    {
                        described = await TenantScope.DescribeAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
                        var result = await operation(described, activity, cancellationToken).ConfigureAwait(false);
                        Post(new TenantEvent<T>(TenantEventKind.Completed, described, result, null, null));
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        Post(new TenantEvent<T>(TenantEventKind.Failed, described, default!, ForTenant(ex, described), null));
                    }
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken)).ToList();

            var all = Task.WhenAll(tasks);
            int finished = 0;
            while (finished < tenants.Count)
            {
                // Every event releases the signal once; only cancellation can stop a tenant from posting one.
                await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!events.TryDequeue(out var e)) continue;
                if (e.Kind != TenantEventKind.Progress) finished++;
                yield return e;
            }
            await all.ConfigureAwait(false);
        }

        /// <summary>
        /// The failure as an error that names the tenant and says what to do: known errors keep their id and
        /// recommended action (the tenant is added to the message if it is not already there); Graph and
        /// network failures are translated.
        /// </summary>
        public static PartnerSecurityException ForTenant(Exception exception, TenantTarget tenant)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
            PartnerSecurityException error = exception switch
            {
                PartnerSecurityException known => known,
                ApiException api => GraphErrors.Translate(api, tenant.Id, "The operation"),
                HttpRequestException http => Http.TransportErrors.Translate(http, tenant.Requested),
                _ => new PartnerSecurityException("TenantFailed", ErrorKind.InvalidOperation, exception.Message, null, exception, tenant.Requested),
            };
            // Named by its name when the name is known (people read names), else by what the user typed or its id.
            bool named = tenant.Name != null && tenant.Name != tenant.Id
                ? error.Message.IndexOf(tenant.Name, StringComparison.OrdinalIgnoreCase) >= 0
                : error.Message.IndexOf(tenant.Id, StringComparison.OrdinalIgnoreCase) >= 0 || error.Message.IndexOf(tenant.Requested, StringComparison.OrdinalIgnoreCase) >= 0;
            if (named && error.Target != null) return error;
            return new PartnerSecurityException(error.ErrorId, error.Kind,
                named ? error.Message : $"Tenant {tenant.Label}: {error.Message}",
                error.RecommendedAction, error.InnerException ?? error, error.Target ?? tenant.Requested);
        }
    }
}
