using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.PartnerCenter
{
    /// <summary>
    /// Partner Center's security endpoints: the MFA telemetry of the partner's App+User traffic
    /// (applicationmfaadoptionstatus, nonMfaCompliantPartnerPrincipals, partnerRequests: App+User only, as their
    /// how-to pages say) and the customers' Azure spending budgets (usagebudget: app-only and App+User), from the
    /// snapshot's "partnerCenterMfa" section and customers[].usageBudget.
    /// </summary>
    public sealed partial class PartnerCenterService
    {
        /// <summary>The telemetry endpoints return the most recent records of the last 7 days, at most 10,000.</summary>
        public const int TelemetryDays = 7;
        public const int TelemetryLimit = 10000;

        private void MapSecurityEndpoints(Router<PartnerCenterCall> router)
        {
            router
                .Map("GET", "/v1/applicationmfaadoptionstatus", (r, call) => ApplicationMfaAdoption(call))
                .Map("GET", "/v1/nonMfaCompliantPartnerPrincipals", (r, call) =>
                    Telemetry(call, m => m.NonMfaCompliantPartnerPrincipals, "lastNonMfaCompliantRequestDateTime", "/v1/nonMfaCompliantPartnerPrincipals"))
                .Map("GET", "/v1/partnerRequests", (r, call) => Telemetry(call, m => m.PartnerRequests, "requestDateTime", "/v1/partnerRequests"))
                .Map("GET", "/v1/customers/(?<id>[^/]+)/usagebudget", (r, call) => Budget(call, r.Route("id"), null))
                .Map("PATCH", "/v1/customers/(?<id>[^/]+)/usagebudget", (r, call) => Budget(call, r.Route("id"), r));
        }

        /// <summary>The telemetry endpoints are documented for App+User credentials only.</summary>
        private static void RequireAppAndUser(PartnerCenterCall call)
        {
            if ((string?)call.Claims["idtyp"] == "app")
                throw new PartnerCenterException(HttpStatusCode.Forbidden, 400, "This resource can't be accessed by application credentials.");
        }

        private static Snapshots.PartnerCenterMfaSnapshot MfaData(PartnerCenterCall call) =>
            call.Tenant.Snapshot.PartnerCenterMfa ?? new Snapshots.PartnerCenterMfaSnapshot();

        /// <summary>A bare JSON array (not a collection resource), one record per application and day.</summary>
        private static HttpResponseMessage ApplicationMfaAdoption(PartnerCenterCall call)
        {
            RequireAppAndUser(call);
            var start = OptionalDate(call, "startDate");
            var end = OptionalDate(call, "endDate");
            JsonObject[] records;
            lock (call.Tenant.Sync)
            {
                records = MfaData(call).ApplicationMfaAdoptionStatus
                    .Where(a =>
                    {
                        var day = DateTime.ParseExact((string)a["loginDate"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                        return (start == null || day >= start.Value.Date) && (end == null || day <= end.Value.Date);
                    })
                    .Select(a => (JsonObject)a.DeepClone())
                    .ToArray();
            }
            return EmulatorResponse.Json(HttpStatusCode.OK, new JsonArray(records));
        }

        /// <summary>The date format is undocumented: any date Partner Center could read is accepted.</summary>
        private static DateTime? OptionalDate(PartnerCenterCall call, string name)
        {
            if (!call.Request.Query.TryGetValue(name, out var text) || text.Length == 0) return null;
            if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var when))
                throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, $"Invalid request input: '{text}' is not a date for {name}.");
            return when;
        }

        /// <summary>A collection resource of the records of the last 7 days, newest first, at most 10,000.</summary>
        private HttpResponseMessage Telemetry(PartnerCenterCall call, Func<Snapshots.PartnerCenterMfaSnapshot, List<JsonObject>> records, string dateProperty, string self)
        {
            RequireAppAndUser(call);
            var since = _context.Clock.UtcNow.AddDays(-TelemetryDays);
            JsonNode[] items;
            lock (call.Tenant.Sync)
            {
                items = records(MfaData(call))
                    .Select(r => (Record: r, When: When((string)r[dateProperty]!)))
                    .Where(r => r.When >= since)
                    .OrderByDescending(r => r.When)
                    .Take(TelemetryLimit)
                    .Select(r => (JsonNode)r.Record.DeepClone())
                    .ToArray();
            }
            return EmulatorResponse.Json(HttpStatusCode.OK, new JsonObject
            {
                ["totalCount"] = items.Length,
                ["items"] = new JsonArray(items),
                ["links"] = new JsonObject { ["self"] = Link(self, null) },
                ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
            });
        }

        /// <summary>Partner Center writes these times without an offset; they are UTC.</summary>
        private static DateTimeOffset When(string text) =>
            DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

        // ------------------------------------------------------------ spending budgets

        private static HttpResponseMessage Budget(PartnerCenterCall call, string customerId, EmulatorRequest? patch)
        {
            var customer = call.Tenant.Customers.FirstOrDefault(c => string.Equals((string?)c.AsCustomer!.Customer["id"], customerId, StringComparison.OrdinalIgnoreCase))
                ?? throw new PartnerCenterException(HttpStatusCode.NotFound, 60003, "Tenant not found.");
            var record = customer.AsCustomer!;
            lock (call.Tenant.Sync)
            {
                if (patch != null)
                {
                    // Documented with PascalCase names ("Amount", "Attributes"); Partner Center reads names in any case.
                    var body = patch.JsonBody() ?? throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: the body must be a spending budget.");
                    var amount = body.FirstOrDefault(p => string.Equals(p.Key, "amount", StringComparison.OrdinalIgnoreCase)).Value;
                    if (!(amount is JsonValue v && v.TryGetValue(out decimal value)) || value < 0)
                        throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: Amount must be a number of 0 or more.");
                    record.UsageBudget = new JsonObject { ["amount"] = value };
                }
                var stored = record.UsageBudget?["amount"]?.DeepClone();
                return EmulatorResponse.Json(HttpStatusCode.OK, new JsonObject
                {
                    ["amount"] = stored,
                    ["usageSpendingBudget"] = stored?.DeepClone(),
                    ["attributes"] = new JsonObject { ["objectType"] = "SpendingBudget" },
                    ["links"] = new JsonObject { ["self"] = Link($"/v1/customers/{customerId}/usagebudget", null, patch == null ? "GET" : "PATCH") },
                });
            }
        }

        private static JsonObject Link(string uri, string? continuationToken, string method)
        {
            var link = Link(uri, continuationToken);
            link["method"] = method;
            return link;
        }
    }
}
