using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>
    /// What each request costs on the wire before the cloud answers it: a mean delay with uniform jitter, drawn from
    /// a seeded generator (the same seed gives the same sequence of delays). Off unless
    /// <see cref="EmulatorOptions.Latency"/> sets one; benchmarks use it (docs/benchmarks.md, "Latency model").
    /// <para>
    /// Real time: each request waits for its delay, so concurrent requests overlap as they do on a network.
    /// Virtual time: the delay moves the emulator's clock on instead of sleeping; the sum of delays is then wall time
    /// only for a client that has one request in flight at a time, so <see cref="MaxInFlight"/> records how many
    /// there were at once and a benchmark must refuse a virtual figure when it exceeds one.
    /// </para>
    /// </summary>
    public sealed class LatencyModel
    {
        private readonly object _gate = new object();
        private readonly Random _random;
        private long _totalTicks;
        private int _requests;
        private int _inFlight;
        private int _maxInFlight;

        public LatencyModel(double meanMilliseconds = 40, double jitterMilliseconds = 10, int seed = 1, bool virtualTime = false)
        {
            if (meanMilliseconds < 0 || jitterMilliseconds < 0 || jitterMilliseconds > meanMilliseconds)
                throw new ArgumentOutOfRangeException(nameof(jitterMilliseconds), "The mean and the jitter must not be negative, and the jitter at most the mean.");
            MeanMilliseconds = meanMilliseconds;
            JitterMilliseconds = jitterMilliseconds;
            Seed = seed;
            VirtualTime = virtualTime;
            _random = new Random(seed);
        }

        public double MeanMilliseconds { get; }
        /// <summary>Each delay is the mean plus or minus up to this much, uniformly.</summary>
        public double JitterMilliseconds { get; }
        public int Seed { get; }
        public bool VirtualTime { get; }

        /// <summary>Requests delayed so far.</summary>
        public int Requests => Volatile.Read(ref _requests);
        /// <summary>The sum of the delays drawn so far.</summary>
        public double TotalMilliseconds => TimeSpan.FromTicks(Interlocked.Read(ref _totalTicks)).TotalMilliseconds;
        /// <summary>The most requests that were inside the emulator at once.</summary>
        public int MaxInFlight => Volatile.Read(ref _maxInFlight);

        /// <summary>The next delay of the seeded sequence.</summary>
        public TimeSpan Next()
        {
            double sample;
            lock (_gate) sample = _random.NextDouble();
            var delay = TimeSpan.FromTicks((long)((MeanMilliseconds + JitterMilliseconds * (2 * sample - 1)) * TimeSpan.TicksPerMillisecond));
            Interlocked.Add(ref _totalTicks, delay.Ticks);
            Interlocked.Increment(ref _requests);
            return delay;
        }

        /// <summary>Delays one request (a real wait, or the clock moved on); dispose the result when it has been answered.</summary>
        public async Task<IDisposable> EnterAsync(EmulatorClock clock, CancellationToken cancellationToken)
        {
            int now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
            var exit = new Exit(this);
            try
            {
                var delay = Next();
                if (VirtualTime) clock.Advance(delay);
                else await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                return exit;
            }
            catch
            {
                exit.Dispose();
                throw;
            }
        }

        private sealed class Exit : IDisposable
        {
            private LatencyModel? _model;

            public Exit(LatencyModel model) => _model = model;

            public void Dispose()
            {
                var model = Interlocked.Exchange(ref _model, null);
                if (model != null) Interlocked.Decrement(ref model._inFlight);
            }
        }
    }
}
