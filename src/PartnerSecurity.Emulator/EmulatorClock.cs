using System;
using System.Diagnostics;

namespace PartnerSecurity.Emulator
{
    /// <summary>
    /// The emulated cloud's "now": it starts at the snapshot's capturedDateTime (so relative dates in the
    /// snapshot keep their meaning) and runs at real speed; tests jump it forward to expire tokens.
    /// </summary>
    public sealed class EmulatorClock
    {
        private readonly DateTimeOffset _start;
        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private long _offsetTicks;

        public EmulatorClock(DateTimeOffset start) => _start = start;

        public DateTimeOffset UtcNow => _start + _elapsed.Elapsed + TimeSpan.FromTicks(System.Threading.Interlocked.Read(ref _offsetTicks));

        /// <summary>
        /// Stops the clock's real-time run: from now on it moves only by <see cref="Advance"/> (and so by the client's
        /// virtual waits). For tests of per-second limits, which must not depend on how busy the machine is.
        /// </summary>
        public void Stop() => _elapsed.Stop();

        public void Advance(TimeSpan by)
        {
            if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
            System.Threading.Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }
}
