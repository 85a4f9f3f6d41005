using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Json;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.MfaAdoption
{
    /// <summary>
    /// Partner Center's MFA telemetry of the partner's own App+User traffic: per application and day
    /// (GET /v1/applicationmfaadoptionstatus, a bare array), the partner users seen without MFA in the last 7 days
    /// (GET /v1/nonMfaCompliantPartnerPrincipals) and the requests themselves (GET /v1/partnerRequests), both
    /// collection resources. Microsoft documents these for App+User credentials only, so an app-only connection is
    /// refused before anything is sent. Date parameters and a next page are undocumented: none is sent, and a
    /// "next" link, should one come, is followed rather than ignored.
    /// </summary>
    public static class PartnerMfaAdoptionReader
    {
        public const string SecureApplicationModelGuide = "https://learn.microsoft.com/partner-center/developer/enable-secure-app-model";

        public static async Task<IReadOnlyList<ApplicationMfaAdoption>> ReadApplicationsAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            const string source = "Partner Center's application MFA adoption status";
            var client = await AppAndUserClientAsync(connection, "Reading the application MFA adoption status", cancellationToken).ConfigureAwait(false);
            using var document = await SendAsync(client, "/v1/applicationmfaadoptionstatus", null, source, cancellationToken).ConfigureAwait(false);
            // Documented as a bare array; a collection resource ({ items }) is read too rather than misread.
            var root = document.RootElement.Clone();
            List<StrictJson> records;
            if (root.ValueKind == JsonValueKind.Array)
                records = root.EnumerateArray().Select((e, i) => new StrictJson(e, source, $"record {i + 1}")).ToList();
            else
            {
                var collection = new StrictJson(root, source, "the answer");
                if (!collection.Has("items")) throw StrictJson.Unreadable(source, "the answer is neither an array of records nor a collection with items");
                records = collection.Objects("items", "record").ToList();
            }
            return Applications(records.Select(Day).ToList());
        }

        public static async Task<IReadOnlyList<NonMfaPartnerUser>> ReadNonMfaUsersAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            const string source = "Partner Center's partner principals without MFA";
            var client = await AppAndUserClientAsync(connection, "Reading the partner users without MFA", cancellationToken).ConfigureAwait(false);
            var items = await CollectionAsync(connection, client, "/v1/nonMfaCompliantPartnerPrincipals", source, "principal", cancellationToken).ConfigureAwait(false);
            return items.Select(i => new NonMfaPartnerUser
            {
                UserPrincipalName = i.String("upn"),
                ObjectId = i.OptionalString("objectId"),
                TenantId = i.OptionalString("tenantId"),
                LastRequestWithoutMfa = i.OptionalDate("lastNonMfaCompliantRequestDateTime") ?? i.Date("lastNonMfaCompliantLoginDateTime"),
            }).OrderByDescending(u => u.LastRequestWithoutMfa).ToList();
        }

        public static async Task<IReadOnlyList<PartnerApiRequest>> ReadRequestsAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            const string source = "Partner Center's partner requests";
            var client = await AppAndUserClientAsync(connection, "Reading the partner requests", cancellationToken).ConfigureAwait(false);
            var items = await CollectionAsync(connection, client, "/v1/partnerRequests", source, "request", cancellationToken).ConfigureAwait(false);
            return items.Select(i => new PartnerApiRequest
            {
                RequestDateTime = i.Date("requestDateTime"),
                OperationName = i.String("operationName"),
                UserPrincipalName = i.OptionalString("upn") ?? string.Empty,
                ApplicationId = i.OptionalString("applicationId") ?? string.Empty,
                MfaCompliant = i.Bool("mfaCompliant"),
                SourceIpAddress = i.OptionalString("sourceIpAddress") ?? i.OptionalString("ipAddress"),
                RequestId = i.OptionalString("requestId"),
                CorrelationId = NullIfEmpty(i.OptionalString("correlationId")),
                ObjectId = i.OptionalString("objectId"),
                TenantId = i.OptionalString("tenantId"),
            }).OrderByDescending(r => r.RequestDateTime).ToList();
        }

        /// <summary>Day records rolled up per application (pure): totals, the last day without MFA, and what to do.</summary>
        public static IReadOnlyList<ApplicationMfaAdoption> Applications(IEnumerable<(string ApplicationId, string ApplicationName, ApplicationMfaAdoptionDay Day)> records) =>
            records
                .GroupBy(r => r.ApplicationId, StringComparer.OrdinalIgnoreCase)
                .Select(g =>
                {
                    var days = g.Select(r => r.Day).OrderBy(d => d.Date).ToArray();
                    var twice = days.GroupBy(d => d.Date).FirstOrDefault(d => d.Count() > 1);
                    if (twice != null)
                        throw StrictJson.Unreadable("Partner Center's application MFA adoption status", $"application {g.Key} has {twice.Count()} records for {twice.Key:yyyy-MM-dd}");
                    var app = new ApplicationMfaAdoption
                    {
                        ApplicationId = g.Key,
                        ApplicationName = g.Select(r => r.ApplicationName).FirstOrDefault(n => n.Length > 0) ?? string.Empty,
                        TotalRequests = days.Sum(d => d.TotalRequests),
                        MfaRequests = days.Sum(d => d.MfaRequests),
                        FirstDate = days.First().Date,
                        LastDate = days.Last().Date,
                        LastDateWithoutMfa = days.Where(d => d.NonMfaRequests > 0).Select(d => (DateTime?)d.Date).LastOrDefault(),
                        Days = days,
                    };
                    if (!app.AllCallsWithMfa)
                        app.Recommendation = $"{app.NonMfaRequests} App+User call(s) without MFA: since April 2026 Partner Center refuses them (401, 900421). " +
                            $"Move this integration to the Secure Application Model (an MFA-backed refresh token): {SecureApplicationModelGuide}";
                    return app;
                })
                .OrderBy(a => a.AllCallsWithMfa)
                .ThenByDescending(a => a.NonMfaRequests)
                .ThenBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)
                .ToList();

        private static (string, string, ApplicationMfaAdoptionDay) Day(StrictJson record)
        {
            var date = record.String("loginDate");
            if (!DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
                throw record.Invalid("loginDate", "a date");
            var calls = new ApplicationMfaAdoptionDay
            {
                Date = day.Date,
                TotalRequests = record.Long("totalRequestCount"),
                MfaRequests = record.Long("mfaCompliantRequestCount"),
            };
            if (calls.MfaRequests < 0 || calls.MfaRequests > calls.TotalRequests)
                throw StrictJson.Unreadable(record.Source, $"{record.Item} counts {calls.MfaRequests} requests with MFA of {calls.TotalRequests}");
            return (record.String("applicationId"), record.OptionalString("applicationName") ?? string.Empty, calls);
        }

        /// <summary>A client for the telemetry endpoints, after checking the connection signs in a user (App+User).</summary>
        internal static async Task<PartnerCenterClient> AppAndUserClientAsync(PartnerConnection connection, string operation, CancellationToken cancellationToken)
        {
            var token = await connection.Tokens.AcquireAsync(ApiResource.PartnerCenter, connection.HomeTenantId, cancellationToken).ConfigureAwait(false);
            if (token.Claims.IsAppOnly) throw AppAndUserOnly(connection, operation, null);
            return new PartnerCenterClient(connection);
        }

        public static PartnerSecurityException AppAndUserOnly(PartnerConnection connection, string operation, Exception? inner) =>
            new PartnerSecurityException("AppAndUserOnly", ErrorKind.PermissionDenied,
                $"{operation}: Partner Center serves its MFA telemetry to App+User callers only, and this connection ({connection.Context.Account}, {connection.Context.AuthMode}) is app-only. Nothing was requested.",
                "Connect as a partner user: Connect-PartnerSecurity (browser or -UseDeviceCode, with MFA), or unattended with the Secure Application Model (Connect-PartnerSecurity -RefreshTokenName <name>).",
                inner, connection.HomeTenantId);

        internal static async Task<JsonDocument> SendAsync(PartnerCenterClient client, string path, string? continuation, string source, CancellationToken cancellationToken)
        {
            try
            {
                return await client.SendAsync(HttpMethod.Get, path, null, continuation, "Reading " + source, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.PartnerCenterAccessDenied && ex.Message.IndexOf("application credentials", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new PartnerSecurityException("AppAndUserOnly", ErrorKind.PermissionDenied, ex.Message,
                    "Connect as a partner user (browser, device code or the Secure Application Model): Partner Center serves this to App+User callers only.", ex, ex.Target);
            }
        }

        /// <summary>Every item of a collection resource; "links.next", undocumented here, is followed if Partner Center sends it.</summary>
        internal static async Task<List<StrictJson>> CollectionAsync(PartnerConnection connection, PartnerCenterClient client, string path, string source, string itemLabel, CancellationToken cancellationToken)
        {
            var items = new List<StrictJson>();
            string? next = path, continuation = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next != null)
            {
                using var document = await SendAsync(client, next, continuation, source, cancellationToken).ConfigureAwait(false);
                var root = new StrictJson(document.RootElement, source, "the answer");
                if (!root.Element.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array) throw root.Invalid("items", "the array of " + itemLabel + "s");
                foreach (var item in array.EnumerateArray()) items.Add(new StrictJson(item.Clone(), source, $"{itemLabel} {items.Count + 1}"));
                (next, continuation) = NextPage(connection, root, source);
                if (next != null && !seen.Add(next + "|" + continuation)) throw StrictJson.Unreadable(source, "its next link repeats a page already read");
            }
            return items;
        }

        private static (string? Path, string? Continuation) NextPage(PartnerConnection connection, StrictJson root, string source)
        {
            if (!root.Has("links")) return (null, null);
            var links = root.Object("links", "the answer's links");
            if (!links.Has("next")) return (null, null);
            var next = links.Object("next", "the answer's next link");
            var uri = next.String("uri");
            var endpoint = connection.Environment.PartnerCenterEndpoint;
            var path = uri.StartsWith("/", StringComparison.Ordinal) ? uri
                : uri.StartsWith(endpoint + "/", StringComparison.OrdinalIgnoreCase) ? uri.Substring(endpoint.Length)
                : throw StrictJson.Unreadable(source, $"its next link points outside {endpoint}");
            if (!path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase)) path = "/v1" + path;
            var continuation = next.Objects("headers", "header")
                .Where(h => string.Equals(h.OptionalString("key"), "MS-ContinuationToken", StringComparison.OrdinalIgnoreCase))
                .Select(h => h.OptionalString("value")).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            return (path, continuation);
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
