using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>
    /// Reads and checks the snapshot sections of Microsoft's partner security data (docs/snapshot-format.md):
    /// "partnerSecurity" (Graph beta score, requirements, history, customer insights, alerts), "partnerCenterMfa"
    /// (Partner Center's MFA telemetry) and a customer's "usageBudget". The emulator serves these objects as they
    /// are, so every enum, count and date is checked here: what it serves must be something Microsoft could send.
    /// </summary>
    internal sealed class PartnerSecuritySectionReader
    {
        public static readonly string[] ComplianceStatuses = { "compliant", "noncomplaint", "unknownFutureValue" };
        public static readonly string[] RequirementStates = { "active", "preview", "unknownFutureValue" };
        public static readonly string[] PolicyStatuses = { "enabled", "disabled", "unknownFutureValue" };
        public static readonly string[] AlertStatuses = { "active", "resolved", "investigating", "unknownFutureValue" };
        public static readonly string[] AlertSeverities = { "informational", "high", "medium", "low", "unknownFutureValue" };
        public static readonly string[] AlertConfidences = { "low", "medium", "high", "unknownFutureValue" };
        public static readonly string[] ResolvedReasons = { "legitimate", "ignore", "fraud", "unknownFutureValue" };

        private const string Namespace = "#microsoft.graph.partner.security.";

        /// <summary>requirementType → the @odata.type Graph gives it and the figures that type adds (true: a Single, else Int64).</summary>
        public static readonly IReadOnlyDictionary<string, (string ODataType, (string Name, bool IsSingle)[] Figures)> RequirementTypes =
            new Dictionary<string, (string, (string, bool)[])>(StringComparer.Ordinal)
            {
                ["mfaEnforcedForAdmins"] = (Namespace + "adminsMfaEnforcedSecurityRequirement", new[]
                {
                    ("totalAdminsCount", false), ("adminsRequiredNotUsingMfaCount", false), ("mfaEnabledAdminsCount", false),
                    ("totalUsersCount", false), ("usersRequiredNotUsingMfaCount", false), ("mfaEnabledUsersCount", false),
                }),
                ["mfaEnforcedForAdminsOfCustomers"] = (Namespace + "customersMfaEnforcedSecurityRequirement", new[] { ("totalTenantCount", false), ("compliantTenantCount", false) }),
                ["securityAlertsPromptlyResolved"] = (Namespace + "responseTimeSecurityRequirement", new[] { ("averageResponseTimeInHours", true) }),
                ["spendingBudgetSetForCustomerAzureSubscriptions"] = (Namespace + "customersSpendingBudgetSecurityRequirement", new[] { ("totalCustomersCount", false), ("customersWithSpendBudgetCount", false) }),
                ["securityContactProvided"] = (Namespace + "securityRequirement", System.Array.Empty<(string, bool)>()),
            };

        private static readonly string[] s_adminPolicyFigures = { "securityDefaultsStatus", "mfaConditionalAccessPolicyStatus", "legacyPerUserMfaStatus" };

        private readonly string _source;

        public PartnerSecuritySectionReader(string source) => _source = source;

        private SnapshotFormatException Fail(string path, string problem) => new SnapshotFormatException(_source, path, problem);

        // ------------------------------------------------------------ partnerSecurity

        public PartnerSecuritySnapshot ReadPartnerSecurity(JsonNode? node, string path)
        {
            var section = Object(node, path);
            var result = new PartnerSecuritySnapshot();
            if (section["securityScore"] is JsonNode scoreNode)
            {
                var score = Object(scoreNode, path + ".securityScore");
                String(score, "id", path + ".securityScore");
                var max = Number(score, "maxScore", path + ".securityScore");
                var current = Number(score, "currentScore", path + ".securityScore");
                if (max <= 0 || current < 0 || current > max) throw Fail(path + ".securityScore.currentScore", $"the score must be between 0 and maxScore ({max.ToString(CultureInfo.InvariantCulture)}).");
                OptionalDate(score, "lastRefreshDateTime", path + ".securityScore");
                OptionalDate(score, "updatedDateTime", path + ".securityScore");
                result.SecurityScore = Clone(score);
            }
            Items(section, "requirements", path, "id", result.Requirements, ReadRequirement);
            Items(section, "history", path, "id", result.History, (item, p) =>
            {
                Date(item, "createdDateTime", p);
                Number(item, "score", p);
                var compliant = Count(item, "compliantRequirementsCount", p);
                if (compliant > Count(item, "totalRequirementsCount", p)) throw Fail(p + ".compliantRequirementsCount", "more compliant requirements than requirements.");
            });
            Items(section, "customerInsights", path, "tenantId", result.CustomerInsights, (item, p) =>
            {
                if (!Guid.TryParse((string?)item["tenantId"], out _)) throw Fail(p + ".tenantId", "expected a customer tenant id (a GUID).");
                var mfa = Object(item["mfa"], p + ".mfa");
                foreach (var name in new[] { "compliantAdminsCount", "compliantNonAdminsCount", "totalUsersCount" }) Count(mfa, name, p + ".mfa");
                if (Count(mfa, "compliantAdminsCount", p + ".mfa") + Count(mfa, "compliantNonAdminsCount", p + ".mfa") > Count(mfa, "totalUsersCount", p + ".mfa"))
                    throw Fail(p + ".mfa.totalUsersCount", "fewer users than compliant admins and non-admins together.");
                foreach (var name in s_adminPolicyFigures) Enum(mfa, name, p + ".mfa", PolicyStatuses, required: true);
            });
            Items(section, "securityAlerts", path, "id", result.SecurityAlerts, ReadAlert);
            foreach (var property in section)
            {
                if (!new[] { "securityScore", "requirements", "history", "customerInsights", "securityAlerts" }.Contains(property.Key))
                    throw Fail($"{path}.{property.Key}", "unknown key in 'partnerSecurity' (expected securityScore, requirements, history, customerInsights, securityAlerts).");
            }
            return result;
        }

        private void ReadRequirement(JsonObject item, string path)
        {
            var type = String(item, "requirementType", path);
            if (!RequirementTypes.TryGetValue(type, out var shape))
                throw Fail(path + ".requirementType", $"'{type}' is not a requirement type Graph documents ({string.Join(", ", RequirementTypes.Keys)}).");
            var odataType = (string?)item["@odata.type"];
            if (odataType != null && !string.Equals(odataType, shape.ODataType, StringComparison.Ordinal))
                throw Fail(path + ".@odata.type", $"a '{type}' requirement is a '{shape.ODataType}', not '{odataType}'.");
            Enum(item, "complianceStatus", path, ComplianceStatuses, required: true);
            Enum(item, "state", path, RequirementStates, required: true);
            var max = Count(item, "maxScore", path);
            if (Count(item, "score", path) > max) throw Fail(path + ".score", "the score is above maxScore.");
            String(item, "actionUrl", path);
            String(item, "helpUrl", path);
            OptionalDate(item, "updatedDateTime", path);
            foreach (var (name, isSingle) in shape.Figures)
            {
                if (isSingle) { if (Number(item, name, path) < 0) throw Fail($"{path}.{name}", "expected 0 or more."); }
                else Count(item, name, path);
            }
            if (type == "mfaEnforcedForAdmins")
                foreach (var name in s_adminPolicyFigures) Enum(item, name, path, PolicyStatuses, required: true);
        }

        private void ReadAlert(JsonObject item, string path)
        {
            String(item, "displayName", path);
            Enum(item, "status", path, AlertStatuses, required: true);
            Enum(item, "severity", path, AlertSeverities, required: true);
            Enum(item, "confidenceLevel", path, AlertConfidences, required: false);
            Enum(item, "resolvedReason", path, ResolvedReasons, required: false);
            if (!Guid.TryParse((string?)item["customerTenantId"], out _)) throw Fail(path + ".customerTenantId", "expected the customer's tenant id (a GUID).");
            Date(item, "detectedDateTime", path);
            foreach (var name in new[] { "firstObservedDateTime", "lastObservedDateTime", "resolvedOnDateTime" }) OptionalDate(item, name, path);
            if (item["isTest"] is JsonNode isTest && !(isTest is JsonValue v && v.TryGetValue(out bool _))) throw Fail(path + ".isTest", "expected true or false.");
            if (item["activityLogs"] is JsonNode logs)
            {
                var array = Array(logs, path + ".activityLogs");
                for (int i = 0; i < array.Count; i++)
                {
                    var log = Object(array[i], $"{path}.activityLogs[{i}]");
                    Enum(log, "statusFrom", $"{path}.activityLogs[{i}]", AlertStatuses, required: true);
                    Enum(log, "statusTo", $"{path}.activityLogs[{i}]", AlertStatuses, required: true);
                    Date(log, "updatedDateTime", $"{path}.activityLogs[{i}]");
                }
            }
            if (item["affectedResources"] is JsonNode resources) Array(resources, path + ".affectedResources");
            if (item["additionalDetails"] is JsonNode details)
            {
                foreach (var detail in Object(details, path + ".additionalDetails"))
                {
                    if (detail.Key != "@odata.type" && !(detail.Value is JsonValue dv && dv.TryGetValue(out string? _)))
                        throw Fail($"{path}.additionalDetails.{detail.Key}", "additional details are name/value pairs of strings.");
                }
            }
        }

        // ------------------------------------------------------------ partnerCenterMfa

        public PartnerCenterMfaSnapshot ReadPartnerCenterMfa(JsonNode? node, string path)
        {
            var section = Object(node, path);
            var result = new PartnerCenterMfaSnapshot();
            var days = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            Items(section, "applicationMfaAdoptionStatus", path, null, result.ApplicationMfaAdoptionStatus, (item, p) =>
            {
                var app = String(item, "applicationId", p);
                if (!(item["applicationName"] is JsonValue name && name.TryGetValue(out string? _))) throw Fail(p + ".applicationName", "expected a string (Partner Center often sends \"\").");
                var day = String(item, "loginDate", p);
                if (!DateTime.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    throw Fail(p + ".loginDate", $"'{day}' is not a date written yyyy-MM-dd.");
                if (!days.Add(app + "|" + day)) throw Fail(p, $"application '{app}' has two records for {day}.");
                if (Count(item, "mfaCompliantRequestCount", p) > Count(item, "totalRequestCount", p))
                    throw Fail(p + ".mfaCompliantRequestCount", "more requests with MFA than requests.");
            });
            Items(section, "nonMfaCompliantPartnerPrincipals", path, "objectId", result.NonMfaCompliantPartnerPrincipals, (item, p) =>
            {
                String(item, "upn", p);
                String(item, "tenantId", p);
                Date(item, "lastNonMfaCompliantRequestDateTime", p);
            });
            Items(section, "partnerRequests", path, "requestId", result.PartnerRequests, (item, p) =>
            {
                Date(item, "requestDateTime", p);
                String(item, "operationName", p);
                String(item, "applicationId", p);
                String(item, "upn", p);
                if (!(item["mfaCompliant"] is JsonValue mfa && mfa.TryGetValue(out bool _))) throw Fail(p + ".mfaCompliant", "expected true or false.");
            });
            foreach (var property in section)
            {
                if (!new[] { "applicationMfaAdoptionStatus", "nonMfaCompliantPartnerPrincipals", "partnerRequests" }.Contains(property.Key))
                    throw Fail($"{path}.{property.Key}", "unknown key in 'partnerCenterMfa' (expected applicationMfaAdoptionStatus, nonMfaCompliantPartnerPrincipals, partnerRequests).");
            }
            return result;
        }

        // ------------------------------------------------------------ usageBudget

        public JsonObject ReadUsageBudget(JsonNode? node, string path)
        {
            var budget = Object(node, path);
            if (budget["amount"] is JsonNode amount && (!(amount is JsonValue v && v.TryGetValue(out double a)) || a < 0 || double.IsNaN(a)))
                throw Fail(path + ".amount", "expected an amount of 0 or more, or null.");
            return Clone(budget);
        }

        // ------------------------------------------------------------ helpers

        /// <summary>Reads an optional array of objects, each checked by <paramref name="check"/>, with unique keys when <paramref name="key"/> is given.</summary>
        private void Items(JsonObject section, string name, string path, string? key, List<JsonObject> into, Action<JsonObject, string> check)
        {
            if (!section.TryGetPropertyValue(name, out var node) || node == null) return;
            var array = Array(node, $"{path}.{name}");
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < array.Count; i++)
            {
                var itemPath = $"{path}.{name}[{i}]";
                var item = Object(array[i], itemPath);
                if (key != null && !keys.Add(String(item, key, itemPath))) throw Fail($"{itemPath}.{key}", $"duplicate {key} '{item[key]}' in '{name}'.");
                check(item, itemPath);
                into.Add(Clone(item));
            }
        }

        private static JsonObject Clone(JsonObject item) => (JsonObject)item.DeepClone();

        private JsonObject Object(JsonNode? node, string path) => node as JsonObject ?? throw Fail(path, "expected a JSON object.");

        private JsonArray Array(JsonNode? node, string path) => node as JsonArray ?? throw Fail(path, "expected a JSON array.");

        private string String(JsonObject item, string name, string path) =>
            item[name] is JsonValue value && value.TryGetValue(out string? text) && text != null ? text : throw Fail($"{path}.{name}", "expected a string.");

        private double Number(JsonObject item, string name, string path) =>
            item[name] is JsonValue value && value.TryGetValue(out double number) && !double.IsNaN(number) ? number : throw Fail($"{path}.{name}", "expected a number.");

        private long Count(JsonObject item, string name, string path) =>
            item[name] is JsonValue value && value.TryGetValue(out long count) && count >= 0 ? count : throw Fail($"{path}.{name}", "expected a whole number of 0 or more.");

        private void Enum(JsonObject item, string name, string path, string[] members, bool required)
        {
            var node = item[name];
            if (node == null && !required) return;
            var text = node is JsonValue value && value.TryGetValue(out string? s) ? s : null;
            if (text == null || System.Array.IndexOf(members, text) < 0)
                throw Fail($"{path}.{name}", $"expected one of {string.Join(", ", members)}.");
        }

        private void Date(JsonObject item, string name, string path)
        {
            var text = String(item, name, path);
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) || text.IndexOf('T') < 0)
                throw Fail($"{path}.{name}", $"'{text}' is not an ISO 8601 date and time.");
        }

        private void OptionalDate(JsonObject item, string name, string path)
        {
            if (item[name] != null) Date(item, name, path);
        }
    }
}
