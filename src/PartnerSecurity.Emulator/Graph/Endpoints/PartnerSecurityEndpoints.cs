using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// Graph beta /security/partner: the partner security score (score, requirements, history, customer
    /// insights) and the security alerts, from the snapshot's "partnerSecurity" section. Permissions (PartnerSecurity.Read.All
    /// or ReadWrite.All to read, ReadWrite.All to update an alert, delegated or application alike) are checked by
    /// <see cref="GraphAccess"/>, as on every endpoint. The score exists in the global cloud only; alerts are refused in
    /// the China cloud. Where the documentation is silent (docs/emulator.md), this is lenient on input.
    /// </summary>
    internal static class PartnerSecurityEndpoints
    {
        private const string Root = "/security/partner";
        private const string Score = Root + "/securityScore";
        private const string Alerts = Root + "/securityAlerts";
        private const string ContextRoot = "security/partner";

        private static readonly CollectionPolicy s_requirements = new CollectionPolicy(ContextRoot + "/securityScore/requirements", "microsoft.graph.partner.security.securityRequirement")
        {
            DefaultPageSize = 100,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count")
        .Filter("requirementType", "eq")
        .Filter("complianceStatus", "eq")
        .Filter("state", "eq");

        private static readonly CollectionPolicy s_history = new CollectionPolicy(ContextRoot + "/securityScore/history", "microsoft.graph.partner.security.securityScoreHistory")
        {
            DefaultPageSize = 100,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count")
        .Filter("createdDateTime", "ge", "le", "gt", "lt");

        private static readonly CollectionPolicy s_alerts = new CollectionPolicy(ContextRoot + "/securityAlerts", "microsoft.graph.partner.security.partnerSecurityAlert")
        {
            DefaultPageSize = 1000,
            MaxPageSize = 1000,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count")
        .Filter("status", "eq", "ne")
        .Filter("severity", "eq", "ne")
        .Filter("customerTenantId", "eq")
        .Filter("alertType", "eq")
        .Filter("detectedDateTime", "ge", "le", "gt", "lt");

        private static readonly string[] s_alertWritable = { "@odata.type", "status", "resolvedReason" };
        private static readonly string[] s_alertSettableStatuses = { "active", "resolved", "investigating" };
        private static readonly string[] s_settableReasons = { "legitimate", "ignore", "fraud" };

        public static void Register(GraphService graph)
        {
            graph.Map("beta", "GET", Score, (r, call) =>
            {
                var data = ScoreData(call);
                var score = (JsonObject)(data.SecurityScore ?? throw NoScore()).DeepClone();
                // $expand=requirements,history (documented as useful), leniently: other expansions are ignored.
                if (r.Query.TryGetValue("$expand", out var expand))
                {
                    foreach (var name in CollectionResponder.ExpandedNames(expand))
                    {
                        if (string.Equals(name, "requirements", StringComparison.OrdinalIgnoreCase)) score["requirements"] = Array(data.Requirements);
                        else if (string.Equals(name, "history", StringComparison.OrdinalIgnoreCase)) score["history"] = Array(data.History);
                        else if (string.Equals(name, "customerInsights", StringComparison.OrdinalIgnoreCase)) score["customerInsights"] = Array(data.CustomerInsights);
                    }
                }
                return Wrapped(call, score, "securityScore/$entity");
            });
            graph.Map("beta", "GET", Score + "/requirements", (r, call) => call.Collection(ScoreData(call).Requirements, s_requirements));
            graph.Map("beta", "GET", Score + "/requirements/(?<id>[^/]+)", (r, call) =>
                Wrapped(call, Find(ScoreData(call).Requirements, "id", r.Route("id")), "securityScore/requirements/$entity"));
            graph.Map("beta", "GET", Score + "/history", (r, call) => call.Collection(ScoreData(call).History, s_history));
            graph.Map("beta", "GET", Score + "/history/(?<id>[^/]+)", (r, call) =>
                Wrapped(call, Find(ScoreData(call).History, "id", r.Route("id")), "securityScore/history/$entity"));
            graph.Map("beta", "GET", Score + "/customerInsights", (r, call) => call.Collection(ScoreData(call).CustomerInsights, InsightsPolicy(call)));
            // Not in the documentation (the SDK has it): served, and the module does not use it.
            graph.Map("beta", "GET", Score + "/customerInsights/(?<id>[^/]+)", (r, call) =>
                call.Entity(Find(ScoreData(call).CustomerInsights, "tenantId", r.Route("id")), ContextRoot + "/securityScore/customerInsights/$entity"));

            graph.Map("beta", "GET", Alerts, (r, call) => call.Collection(AlertData(call).SecurityAlerts, s_alerts));
            graph.Map("beta", "GET", Alerts + "/(?<id>[^/]+)", (r, call) =>
                call.Entity(Find(AlertData(call).SecurityAlerts, "id", r.Route("id")), ContextRoot + "/securityAlerts/$entity"));
            graph.Map("beta", "PATCH", Alerts + "/(?<id>[^/]+)", (r, call) => UpdateAlert(r, call));
        }

        // ------------------------------------------------------------ the score

        private static PartnerSecuritySnapshot ScoreData(GraphCall call)
        {
            // The score pages include Microsoft's "global service only" note: no US Government or China cloud has it.
            if (!string.Equals(call.Request.Uri.Host, "graph.microsoft.com", StringComparison.OrdinalIgnoreCase))
                throw GraphException.BadRequest("Resource not found for the segment 'partner'.");
            return Data(call);
        }

        private static PartnerSecuritySnapshot AlertData(GraphCall call)
        {
            // Microsoft's pages disagree on the US Government clouds; both say China has no alerts.
            if (string.Equals(call.Request.Uri.Host, "microsoftgraph.chinacloudapi.cn", StringComparison.OrdinalIgnoreCase))
                throw GraphException.BadRequest("Resource not found for the segment 'partner'.");
            return Data(call);
        }

        private static PartnerSecuritySnapshot Data(GraphCall call)
        {
            // A tenant that is not a CSP partner (or a snapshot without the section): the real answer is undocumented.
            return call.Tenant.Snapshot.PartnerSecurity ?? throw NoScore();
        }

        private static GraphException NoScore() => new GraphException(HttpStatusCode.NotFound, "itemNotFound",
            "This tenant has no partner security data: the score and alerts exist for CSP partners (direct bill partners, indirect providers and indirect resellers).");

        private static CollectionPolicy InsightsPolicy(GraphCall call)
        {
            // Documented: server-side paging only; follow @odata.nextLink, $top and $skip are not supported.
            var policy = new CollectionPolicy(ContextRoot + "/securityScore/customerInsights", "microsoft.graph.partner.security.customerInsight")
            {
                DefaultPageSize = Math.Max(1, call.Context.Options.CustomerInsightsPageSize),
                CountNeedsConsistencyLevel = false,
            }.Filter("tenantId", "eq");
            policy.SupportedOptions.Remove("$top");
            return policy;
        }

        /// <summary>A single object as the documentation shows these endpoints answering: wrapped in "value".</summary>
        private static HttpResponseMessage Wrapped(GraphCall call, JsonObject entity, string context) =>
            EmulatorResponse.Json(HttpStatusCode.OK, new JsonObject
            {
                ["@odata.context"] = $"{call.ServiceRoot}/$metadata#{ContextRoot}/{context}",
                ["value"] = entity.DeepClone(),
            }, EmulatorResponse.GraphJson);

        private static JsonObject Find(List<JsonObject> items, string key, string id) =>
            items.FirstOrDefault(i => string.Equals((string?)i[key], id, StringComparison.OrdinalIgnoreCase))
            ?? throw new GraphException(HttpStatusCode.NotFound, "itemNotFound", $"No item with {key} '{id}' was found.");

        private static JsonArray Array(IEnumerable<JsonObject> items) => new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray());

        // ------------------------------------------------------------ alerts

        private static HttpResponseMessage UpdateAlert(EmulatorRequest r, GraphCall call)
        {
            var alert = Find(AlertData(call).SecurityAlerts, "id", r.Route("id"));
            var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
            foreach (var property in body)
            {
                if (!s_alertWritable.Contains(property.Key, StringComparer.Ordinal))
                    throw GraphException.BadRequest($"Property '{property.Key}' is read-only or does not exist on type 'microsoft.graph.partner.security.partnerSecurityAlert'.");
            }
            // status is the one required property; allowed transitions are undocumented, so any is accepted.
            var status = body["status"] is JsonValue s && s.TryGetValue(out string? st) ? st : null;
            if (status == null) throw GraphException.BadRequest("The property 'status' is required.");
            if (System.Array.IndexOf(s_alertSettableStatuses, status) < 0)
                throw GraphException.BadRequest($"Requested value '{status}' was not found: status must be one of {string.Join(", ", s_alertSettableStatuses)}.");
            string? reason = null;
            if (body["resolvedReason"] is JsonNode reasonNode)
            {
                reason = reasonNode is JsonValue rv && rv.TryGetValue(out string? text) ? text : null;
                if (reason == null || System.Array.IndexOf(s_settableReasons, reason) < 0)
                    throw GraphException.BadRequest($"Requested value '{reasonNode}' was not found: resolvedReason must be one of {string.Join(", ", s_settableReasons)}.");
            }

            var now = Iso(call.Now);
            var by = (string?)call.Claims["upn"] ?? (string?)call.Claims["appid"] ?? string.Empty;
            var previous = (string?)alert["status"];
            if (!string.Equals(previous, status, StringComparison.Ordinal))
            {
                if (!(alert["activityLogs"] is JsonArray logs)) alert["activityLogs"] = logs = new JsonArray();
                logs.Add(new JsonObject { ["statusFrom"] = previous, ["statusTo"] = status, ["updatedBy"] = by, ["updatedDateTime"] = now });
                alert["status"] = status;
            }
            if (status == "resolved")
            {
                if (previous != "resolved")
                {
                    alert["resolvedBy"] = by;
                    alert["resolvedOnDateTime"] = now;
                }
                if (reason != null) alert["resolvedReason"] = reason;
            }
            else
            {
                // Reopened (or never resolved): nothing says it is resolved any more.
                alert["resolvedReason"] = reason;
                alert["resolvedOnDateTime"] = null;
                alert["resolvedBy"] = null;
            }
            return call.Entity(alert, ContextRoot + "/securityAlerts/$entity");
        }

        private static string Iso(DateTimeOffset when) =>
            when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }
}
