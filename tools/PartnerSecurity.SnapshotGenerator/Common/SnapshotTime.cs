using System;
using System.Globalization;

namespace PartnerSecurity.SnapshotGenerator.Common
{
    /// <summary>
    /// The generated snapshots' "now" and the two timestamp spellings Graph uses. Every time in a
    /// snapshot is relative to <see cref="Captured"/>, so a snapshot never ages.
    /// </summary>
    internal static class SnapshotTime
    {
        public static readonly DateTimeOffset Captured = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

        public static DateTimeOffset DaysAgo(double days) => Captured.AddDays(-days);

        public static DateTimeOffset YearsAgo(double years) => Captured.AddDays(-Math.Round(years * 365.25, 3));

        /// <summary>Whole seconds, as Graph writes user and group dates: 2026-11-20T09:00:00Z.</summary>
        public static string Iso(DateTimeOffset when) =>
            TruncateToSeconds(when).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        /// <summary>Seven fractional digits, as Graph writes sign-in and report dates: 2026-11-20T09:00:00.1234567Z.</summary>
        public static string IsoPrecise(DateTimeOffset when) =>
            when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

        private static DateTimeOffset TruncateToSeconds(DateTimeOffset when) =>
            new DateTimeOffset(when.Ticks - when.Ticks % TimeSpan.TicksPerSecond, when.Offset);
    }
}
