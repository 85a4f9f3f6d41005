using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>
    /// Makes a snapshot document "captured now": every timestamp in it moves by (now - capturedDateTime), so a sign-in
    /// three days before the capture is three days old today and date parameters work as users type them
    /// (<c>-StartDate (Get-Date).AddDays(-3)</c>). The demo is loaded this way; a <c>-Snapshot</c> file keeps the time it
    /// was captured (docs/demo-tenant.md, "Time").
    /// </summary>
    public static class CapturedNow
    {
        // A JSON string that is exactly an ISO 8601 date and time: with a zone (Graph's DateTimeOffset form), or without
        // one (Partner Center's telemetry, UTC), which stays without one.
        private static readonly Regex s_timestamp = new Regex(
            "\"(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,7})?)(Z|[+-]\\d{2}:\\d{2})?\"",
            RegexOptions.Compiled | RegexOptions.CultureInvariant);

        // A JSON string that is exactly a date (Partner Center's loginDate): moved by whole days.
        private static readonly Regex s_date = new Regex(
            "\"(\\d{4}-\\d{2}-\\d{2})\"", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        private static readonly Regex s_captured = new Regex(
            "\"capturedDateTime\"\\s*:\\s*\"([^\"]+)\"", RegexOptions.Compiled | RegexOptions.CultureInvariant);

        /// <summary>The document with every timestamp shifted so that its capturedDateTime is <paramref name="now"/> (to the second).</summary>
        public static string Shift(string json, DateTimeOffset now)
        {
            var match = s_captured.Match(json);
            if (!match.Success || !TryParse(match.Groups[1].Value, out var captured))
                throw new SnapshotFormatException("(demo)", "$.capturedDateTime", "expected the time the snapshot was captured, in ISO 8601 form.");
            var by = TimeSpan.FromSeconds(Math.Floor((now - captured).TotalSeconds));
            var shifted = s_timestamp.Replace(json, m =>
            {
                bool zoned = m.Groups[2].Success;
                if (!TryParse(m.Groups[1].Value + (zoned ? m.Groups[2].Value : "Z"), out var value)) return m.Value;
                // Far-future sentinels (9999-12-31) stay as they are.
                if (by > TimeSpan.Zero ? value > DateTimeOffset.MaxValue - by : value < DateTimeOffset.MinValue - by) return m.Value;
                var moved = value.Add(by).UtcDateTime;
                return "\"" + (zoned ? moved.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
                    : moved.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.fff", CultureInfo.InvariantCulture)) + "\"";
            });
            var days = Math.Floor(by.TotalDays);
            return s_date.Replace(shifted, m =>
            {
                if (!DateTime.TryParseExact(m.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return m.Value;
                if (days > 0 ? date > DateTime.MaxValue.AddDays(-days) : date < DateTime.MinValue.AddDays(-days)) return m.Value;
                return "\"" + date.AddDays(days).ToString("yyyy'-'MM'-'dd", CultureInfo.InvariantCulture) + "\"";
            });
        }

        private static bool TryParse(string text, out DateTimeOffset value) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out value);
    }
}
