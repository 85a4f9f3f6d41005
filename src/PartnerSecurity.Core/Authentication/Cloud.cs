using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// Where sign-ins and requests go: one of Microsoft's clouds over the network, or an emulated cloud (-Demo,
    /// -Snapshot) whose transport, browser and clock stand in for the network, the person's browser and the time.
    /// One value, so that the emulator's hooks travel together and a connection keeps where it is, never how it
    /// signed in (no secrets).
    /// </summary>
    public sealed class Cloud
    {
        public Cloud(CloudEnvironment environment, string? label = null, HttpMessageHandler? transport = null, RetryClock? clock = null,
            Func<Uri, CancellationToken, Task>? browser = null, string? snapshotPath = null)
        {
            Environment = environment ?? throw new ArgumentNullException(nameof(environment));
            ExplicitLabel = label;
            Transport = transport;
            Clock = clock ?? RetryClock.Real;
            Browser = browser;
            SnapshotPath = snapshotPath;
        }

        /// <summary>Microsoft's global cloud, over the network.</summary>
        public static Cloud Global { get; } = new Cloud(CloudEnvironment.Global);

        public CloudEnvironment Environment { get; }
        /// <summary>What the context shows as its environment: Global, USGov, USGovDoD, China, or Demo/Snapshot.</summary>
        public string Label => ExplicitLabel ?? Environment.Name;
        /// <summary>The label given, when it is not the environment's name.</summary>
        public string? ExplicitLabel { get; }
        /// <summary>The transport under the HTTP pipeline; null means the network. The tenant emulator plugs in here.</summary>
        public HttpMessageHandler? Transport { get; }
        /// <summary>"Now" and the waits of retries: the real clock, or an emulated cloud's virtual one.</summary>
        public RetryClock Clock { get; }
        /// <summary>Opens a sign-in page; null means the system browser.</summary>
        public Func<Uri, CancellationToken, Task>? Browser { get; }
        /// <summary>For an emulated cloud: the snapshot file it serves (recorded with stored tokens).</summary>
        public string? SnapshotPath { get; }

        public DateTimeOffset Now => Clock.UtcNow;

        /// <summary>Retry rules on this cloud's clock: rules still on the real clock are moved to it; rules given their own clock keep it.</summary>
        public RetryPolicy Retries(RetryPolicy? policy)
        {
            var rules = policy ?? RetryPolicy.Default;
            return ReferenceEquals(rules.Clock, RetryClock.Real) && !ReferenceEquals(Clock, RetryClock.Real) ? rules.WithClock(Clock) : rules;
        }

        /// <summary>A copy with some parts replaced (the request types' single-part setters use it).</summary>
        public Cloud With(CloudEnvironment? environment = null, string? label = null, HttpMessageHandler? transport = null, RetryClock? clock = null,
            Func<Uri, CancellationToken, Task>? browser = null, string? snapshotPath = null) =>
            new Cloud(environment ?? Environment, label ?? ExplicitLabel, transport ?? Transport, clock ?? Clock, browser ?? Browser, snapshotPath ?? SnapshotPath);

        /// <summary>A clock that reads <paramref name="now"/> and waits in real time (for callers that only move "now").</summary>
        internal static RetryClock ClockReading(Func<DateTimeOffset>? now) =>
            now == null ? RetryClock.Real : new RetryClock(now, (wait, ct) => Task.Delay(wait, ct));
    }
}
