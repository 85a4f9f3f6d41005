using System;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// Graph's service-specific limits on the endpoints the emulator serves (Microsoft Graph throttling limits):
    /// "identity and access reports" (sign-in logs; the registration report, the emulator's reading of the
    /// authenticationMethod entry) 5 requests per 10 seconds per application per tenant and 122 per application
    /// across tenants, with Retry-After; "identity protection and conditional access" 1 request per second per
    /// tenant for all applications, without Retry-After. Each item of a $batch counts on its own.
    /// </summary>
    internal static class GraphThrottling
    {
        /// <summary>Throws Graph's 429 when the request's limits are full.</summary>
        public static void Admit(GraphCall call, string path)
        {
            var limits = call.Context.Options.Throttling;
            if (limits == null) return;
            var app = (string?)call.Claims["appid"] ?? (string?)call.Claims["azp"] ?? string.Empty;
            var tenant = call.Tenant.Id;
            if (Starts(path, "/auditLogs/signIns") || Starts(path, "/reports/authenticationMethods"))
            {
                var wait = call.Context.Throttle.Admit(call.Now,
                    ("reports|" + tenant + "|" + app, limits.ReportsPerAppPerTenant, ThrottleLimits.ReportsWindow),
                    ("reports|*|" + app, limits.ReportsPerApp, ThrottleLimits.ReportsWindow));
                if (wait is TimeSpan w) throw GraphException.Throttled(Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)));
            }
            else if (Starts(path, "/identity/conditionalAccess"))
            {
                if (call.Context.Throttle.Admit(call.Now, ("ca|" + tenant, limits.ConditionalAccessPerTenantPerSecond, ThrottleLimits.ConditionalAccessWindow)) != null)
                    throw GraphException.Throttled(null);
            }
        }

        private static bool Starts(string path, string prefix) => path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
    }
}
