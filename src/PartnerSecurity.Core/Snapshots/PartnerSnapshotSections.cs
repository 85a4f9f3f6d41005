using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Json;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.PartnerCenter;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.SpendingBudgets;

namespace PartnerSecurity.Snapshots
{
    /// <summary>A customer as the snapshot's customers section holds it, before its directory is read.</summary>
    public sealed class SnapshotCustomer
    {
        public SnapshotCustomer(PartnerCenterCustomer customer, JsonObject record, JsonArray gdapRelationships)
        {
            Customer = customer;
            Record = record;
            GdapRelationships = gdapRelationships;
        }

        public PartnerCenterCustomer Customer { get; }
        public JsonObject Record { get; }
        public JsonArray GdapRelationships { get; }
    }

    /// <summary>
    /// The partner-level sections of a snapshot (docs/snapshot-format.md), read with the module's own read-only clients:
    /// the Partner Center customer list and the GDAP relationships, a customer's spending budget, Microsoft's partner
    /// security data (Graph beta) and Partner Center's MFA telemetry, objects kept as Microsoft returns them.
    /// </summary>
    public static class PartnerSnapshotSections
    {
        /// <summary>Partner Center's customers, each with the GDAP relationships that name its tenant.</summary>
        public static async Task<IReadOnlyList<SnapshotCustomer>> ReadCustomersAsync(PartnerConnection connection, CancellationToken ct)
        {
            var customers = new List<PartnerCenterCustomer>();
            await foreach (var customer in new PartnerCenterClient(connection).GetCustomersAsync(ct).ConfigureAwait(false)) customers.Add(customer);
            var relationships = await GraphRest.GetAllAsync(connection, connection.HomeTenantId,
                GraphRest.Url(connection, beta: false, "/tenantRelationships/delegatedAdminRelationships?$top=300"), "Reading GDAP relationships", ct).ConfigureAwait(false);
            return customers.Select(c =>
            {
                var profile = new JsonObject { ["tenantId"] = c.TenantId, ["companyName"] = c.CompanyName };
                if (c.Domain != null) profile["domain"] = c.Domain;
                var record = new JsonObject { ["id"] = c.Id, ["companyProfile"] = profile };
                if (c.RelationshipToPartner != null) record["relationshipToPartner"] = c.RelationshipToPartner;
                var gdap = TenantSnapshotExporter.Array(relationships.Where(r => CustomerTenant(r) is string t && string.Equals(t, c.TenantId, StringComparison.OrdinalIgnoreCase)));
                return new SnapshotCustomer(c, record, gdap);
            }).ToList();
        }

        /// <summary>
        /// Whether the partner holds an active, unexpired GDAP relationship with the customer: without one, the emulator
        /// refuses the partner's tokens in the customer's tenant, so a customer unreadable for that reason replays as
        /// unreadable from its record and relationships alone.
        /// </summary>
        public static bool HasActiveRelationship(SnapshotCustomer customer, DateTimeOffset now) =>
            customer.GdapRelationships.OfType<JsonObject>().Any(r => (string?)r["status"] == "active"
                && (r["endDateTime"] is not JsonValue end || (DateTimeOffset.TryParse((string?)end, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) && at > now)));

        /// <summary>The customer's entry with its tenant described and no directory (docs/snapshot-format.md, "Customers").</summary>
        public static JsonObject UnreadableEntry(SnapshotCustomer customer, JsonObject usageBudget)
        {
            var tenant = new JsonObject { ["id"] = customer.Customer.TenantId, ["displayName"] = customer.Customer.CompanyName };
            if (customer.Customer.Domain != null) tenant["defaultDomain"] = customer.Customer.Domain;
            return Entry(customer, usageBudget, new JsonObject { ["tenant"] = tenant });
        }

        public static JsonObject Entry(SnapshotCustomer customer, JsonObject usageBudget, JsonObject directory) => new JsonObject
        {
            ["customer"] = customer.Record.DeepClone(),
            ["gdapRelationships"] = customer.GdapRelationships.DeepClone(),
            ["usageBudget"] = usageBudget,
            ["snapshot"] = directory,
        };

        private static string? CustomerTenant(JsonElement relationship) =>
            relationship.TryGetProperty("customer", out var customer) && customer.ValueKind == JsonValueKind.Object
            && customer.TryGetProperty("tenantId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

        /// <summary>The customer's spending budget as the usageBudget section holds it (amount null: no budget).</summary>
        public static async Task<JsonObject> ReadUsageBudgetAsync(PartnerConnection connection, string customerId, CancellationToken ct)
        {
            var amount = await SpendingBudgetClient.GetAsync(connection, customerId, ct).ConfigureAwait(false);
            return new JsonObject { ["amount"] = amount == null ? null : JsonValue.Create(amount.Value) };
        }

        /// <summary>
        /// The partnerSecurity section: score, requirements, history, customer insights and alerts. Null, with a warning,
        /// when Microsoft has none for this tenant (a snapshot without the section replays the same 404).
        /// </summary>
        public static async Task<JsonObject?> ReadPartnerSecurityAsync(PartnerConnection connection, Action<string> warn, CancellationToken ct)
        {
            try
            {
                PartnerSecurityGraph.RequireScoreCloud(connection);
                var score = await PartnerSecurityGraph.GetEntityAsync(connection, PartnerSecurityGraph.ScorePath, "the partner security score", ct).ConfigureAwait(false);
                async Task<JsonArray> Collection(string path, string what, string item) =>
                    TenantSnapshotExporter.Array((await PartnerSecurityGraph.GetCollectionAsync(connection, path, what, item, ct).ConfigureAwait(false)).Select(i => i.Element));
                return new JsonObject
                {
                    ["securityScore"] = TenantSnapshotExporter.Clean(score.Element),
                    ["requirements"] = await Collection(PartnerSecurityGraph.ScorePath + "/requirements", "the security requirements", "requirement").ConfigureAwait(false),
                    ["history"] = await Collection(PartnerSecurityGraph.ScorePath + "/history", "the security score history", "history entry").ConfigureAwait(false),
                    ["customerInsights"] = await Collection(PartnerSecurityGraph.ScorePath + "/customerInsights", "the customer insights", "customer insight").ConfigureAwait(false),
                    ["securityAlerts"] = await Collection(PartnerSecurityGraph.AlertsPath, "the security alerts", "alert").ConfigureAwait(false),
                };
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == "PartnerSecurityDataNotFound" || ex.ErrorId == "NotAvailableInCloud")
            {
                warn($"The snapshot has no partner security data (score, requirements, alerts): {ex.Message}");
                return null;
            }
        }

        /// <summary>
        /// The partnerCenterMfa section. Partner Center serves it to App+User callers only: on an app-only connection the
        /// section is left out with a warning (the replay then answers as Partner Center does for a partner without telemetry).
        /// </summary>
        public static async Task<JsonObject?> ReadPartnerCenterMfaAsync(PartnerConnection connection, Action<string> warn, CancellationToken ct)
        {
            PartnerCenterClient client;
            try
            {
                client = await PartnerMfaAdoptionReader.AppAndUserClientAsync(connection, "Exporting Partner Center's MFA telemetry", ct).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == "AppAndUserOnly")
            {
                warn($"The snapshot has no Partner Center MFA telemetry: {ex.Message}");
                return null;
            }
            const string source = "Partner Center's application MFA adoption status";
            using var document = await PartnerMfaAdoptionReader.SendAsync(client, "/v1/applicationmfaadoptionstatus", null, source, ct).ConfigureAwait(false);
            var root = document.RootElement;
            var applications = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList()
                : root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray().ToList()
                : throw StrictJson.Unreadable(source, "the answer is neither an array of records nor a collection with items");
            async Task<JsonArray> Collection(string path, string what, string item) =>
                TenantSnapshotExporter.Array((await PartnerMfaAdoptionReader.CollectionAsync(connection, client, path, what, item, ct).ConfigureAwait(false)).Select(i => i.Element));
            return new JsonObject
            {
                ["applicationMfaAdoptionStatus"] = TenantSnapshotExporter.Array(applications),
                ["nonMfaCompliantPartnerPrincipals"] = await Collection("/v1/nonMfaCompliantPartnerPrincipals", "Partner Center's partner principals without MFA", "principal").ConfigureAwait(false),
                ["partnerRequests"] = await Collection("/v1/partnerRequests", "Partner Center's partner requests", "request").ConfigureAwait(false),
            };
        }
    }
}
