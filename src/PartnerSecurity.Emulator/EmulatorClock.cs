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

        public void Advance(TimeSpan by)
        {
            if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
            System.Threading.Interlocked.Add(ref _offsetTicks, by.Ticks);
        }
    }
}
