using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// How the retry path tells the time and waits. Against Microsoft's clouds it is the real clock; against an
    /// emulated cloud the wait advances the emulator's virtual clock instead of sleeping, so a throttled run in a test
    /// or the demo takes the server's Retry-After in virtual seconds, not real ones.
    /// </summary>
    public sealed class RetryClock
    {
        private readonly Func<DateTimeOffset> _now;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public RetryClock(Func<DateTimeOffset> now, Func<TimeSpan, CancellationToken, Task> delay)
        {
            _now = now ?? throw new ArgumentNullException(nameof(now));
            _delay = delay ?? throw new ArgumentNullException(nameof(delay));
        }

        /// <summary>The real clock: <see cref="Task.Delay(TimeSpan, CancellationToken)"/>.</summary>
        public static RetryClock Real { get; } = new RetryClock(() => DateTimeOffset.UtcNow, (wait, ct) => Task.Delay(wait, ct));

        public DateTimeOffset UtcNow => _now();

        /// <summary>Waits <paramref name="wait"/>; the caller's cancellation stops the wait at once.</summary>
        public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return wait <= TimeSpan.Zero ? Task.CompletedTask : _delay(wait, cancellationToken);
        }
    }
}
