using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>
    /// Microsoft's partner security data in the shapes Graph beta (/security/partner) and Partner Center serve
    /// it: the score and its requirements, history entries, customer insights, alerts, MFA telemetry records
    /// and spending budgets. Property names and enum members as the Graph beta metadata spells them
    /// (complianceStatus "noncomplaint" included).
    /// </summary>
    internal static class PartnerSecurityBuilders
    {
        private const string Namespace = "#microsoft.graph.partner.security.";

        /// <summary>The action and help links Microsoft's documentation gives each requirement.</summary>
        private static readonly Dictionary<string, (string ODataType, string ActionUrl, string HelpUrl)> s_requirements = new()
        {
            ["mfaEnforcedForAdmins"] = ("adminsMfaEnforcedSecurityRequirement", "https://aka.ms/M365MFAWizard", "https://aka.ms/partner-center-security-dashboard-require-mfa"),
            ["mfaEnforcedForAdminsOfCustomers"] = ("customersMfaEnforcedSecurityRequirement", "https://aka.ms/partner-center-security-customer-mfa", "https://aka.ms/partner-center-security-dashboard-require-mfa"),
            ["securityAlertsPromptlyResolved"] = ("responseTimeSecurityRequirement", "https://aka.ms/partner-center-security-alerts", "https://aka.ms/partner-center-security-dashboard-response-time"),
            ["securityContactProvided"] = ("securityRequirement", "https://aka.ms/partner-center-security-contact", "https://aka.ms/partner-center-security-dashboard-security-contact"),
            ["spendingBudgetSetForCustomerAzureSubscriptions"] = ("customersSpendingBudgetSecurityRequirement", "https://aka.ms/partner-center-spending-budget", "https://aka.ms/partner-center-security-dashboard-spending-budget"),
        };

        public static JsonObject Score(string id, double currentScore, double maxScore, DateTimeOffset lastRefresh, DateTimeOffset updated) => new JsonObject
        {
            ["@odata.type"] = Namespace + "partnerSecurityScore",
            ["id"] = id,
            ["currentScore"] = currentScore,
            ["maxScore"] = maxScore,
            ["lastRefreshDateTime"] = SnapshotTime.IsoPrecise(lastRefresh),
            ["updatedDateTime"] = SnapshotTime.IsoPrecise(updated),
        };

        /// <summary>A requirement; <paramref name="figures"/> are the properties its derived type adds, in order.</summary>
        public static JsonObject Requirement(string requirementType, bool compliant, long score, long maxScore, DateTimeOffset updated, params (string Name, JsonNode Value)[] figures)
        {
            var (type, action, help) = s_requirements[requirementType];
            var requirement = new JsonObject
            {
                ["@odata.type"] = Namespace + type,
                ["id"] = requirementType,
                ["requirementType"] = requirementType,
                ["complianceStatus"] = compliant ? "compliant" : "noncomplaint",
                ["actionUrl"] = action,
                ["helpUrl"] = help,
                ["score"] = score,
                ["maxScore"] = maxScore,
                ["state"] = "active",
                ["updatedDateTime"] = SnapshotTime.IsoPrecise(updated),
            };
            foreach (var (name, value) in figures) requirement[name] = value;
            return requirement;
        }

        public static JsonObject History(string key, DateTimeOffset created, double score, long compliantRequirements, long totalRequirements) => new JsonObject
        {
            ["@odata.type"] = Namespace + "securityScoreHistory",
            ["id"] = StableIds.Guid("securityScoreHistory/" + key),
            ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
            ["score"] = score,
            ["compliantRequirementsCount"] = compliantRequirements,
            ["totalRequirementsCount"] = totalRequirements,
        };

        public static JsonObject CustomerInsight(string tenantId, long compliantAdmins, long compliantNonAdmins, long totalUsers, bool securityDefaults, bool conditionalAccessMfa, bool perUserMfa) => new JsonObject
        {
            ["@odata.type"] = Namespace + "customerInsight",
            ["tenantId"] = tenantId,
            ["mfa"] = new JsonObject
            {
                ["@odata.type"] = "microsoft.graph.partner.security.customerMfaInsight",
                ["compliantAdminsCount"] = compliantAdmins,
                ["compliantNonAdminsCount"] = compliantNonAdmins,
                ["totalUsersCount"] = totalUsers,
                ["securityDefaultsStatus"] = Status(securityDefaults),
                ["mfaConditionalAccessPolicyStatus"] = Status(conditionalAccessMfa),
                ["legacyPerUserMfaStatus"] = Status(perUserMfa),
            },
        };

        public static string Status(bool enabled) => enabled ? "enabled" : "disabled";

        /// <summary>One status change of an alert, as its activityLogs record it.</summary>
        internal sealed record AlertChange(string From, string To, string By, DateTimeOffset When);

        internal sealed class AlertSpec
        {
            public string Key { get; init; } = string.Empty;
            public string DisplayName { get; init; } = string.Empty;
            public string Description { get; init; } = string.Empty;
            public string AlertType { get; init; } = string.Empty;
            public string Severity { get; init; } = "medium";
            public string Confidence { get; init; } = "medium";
            public string CustomerTenantId { get; init; } = string.Empty;
            public string SubscriptionId { get; init; } = string.Empty;
            public DateTimeOffset Detected { get; init; }
            public IReadOnlyList<AlertChange> Changes { get; init; } = Array.Empty<AlertChange>();
            public string? ResolvedReason { get; init; }
            public bool IsTest { get; init; }
            public IReadOnlyList<string> Resources { get; init; } = Array.Empty<string>();
            public IReadOnlyList<(string Name, string Value)> Details { get; init; } = Array.Empty<(string, string)>();
        }

        public static JsonObject Alert(AlertSpec a)
        {
            var status = a.Changes.Count == 0 ? "active" : a.Changes[a.Changes.Count - 1].To;
            var resolution = status == "resolved" ? a.Changes[a.Changes.Count - 1] : null;
            var logs = new JsonArray();
            foreach (var c in a.Changes)
                logs.Add(new JsonObject { ["statusFrom"] = c.From, ["statusTo"] = c.To, ["updatedBy"] = c.By, ["updatedDateTime"] = SnapshotTime.IsoPrecise(c.When) });
            var resources = new JsonArray();
            foreach (var r in a.Resources) resources.Add(new JsonObject { ["resourceId"] = r, ["resourceType"] = "AzureResource" });
            var details = new JsonObject { ["@odata.type"] = "microsoft.graph.partner.security.additionalDataDictionary" };
            foreach (var (name, value) in a.Details) details[name] = value;
            return new JsonObject
            {
                ["@odata.type"] = Namespace + "partnerSecurityAlert",
                ["id"] = StableIds.Guid("partnerSecurityAlert/" + a.Key),
                ["displayName"] = a.DisplayName,
                ["description"] = a.Description,
                ["alertType"] = a.AlertType,
                ["status"] = status,
                ["severity"] = a.Severity,
                ["confidenceLevel"] = a.Confidence,
                ["customerTenantId"] = a.CustomerTenantId,
                ["subscriptionId"] = a.SubscriptionId,
                ["valueAddedResellerTenantId"] = null,
                ["catalogOfferId"] = "MS-AZR-0145P",
                ["detectedDateTime"] = SnapshotTime.IsoPrecise(a.Detected),
                ["firstObservedDateTime"] = SnapshotTime.IsoPrecise(a.Detected.AddMinutes(-42)),
                ["lastObservedDateTime"] = SnapshotTime.IsoPrecise(a.Detected.AddMinutes(-3)),
                ["resolvedReason"] = resolution == null ? null : a.ResolvedReason,
                ["resolvedOnDateTime"] = resolution == null ? null : SnapshotTime.IsoPrecise(resolution.When),
                ["resolvedBy"] = resolution?.By,
                ["isTest"] = a.IsTest,
                ["affectedResources"] = resources,
                ["activityLogs"] = logs,
                ["additionalDetails"] = details,
            };
        }

        /// <summary>Partner Center's date and time without an offset (UTC), milliseconds as its examples show.</summary>
        public static string PartnerCenterTime(DateTimeOffset when) =>
            when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);

        public static JsonObject ApplicationMfaAdoption(string applicationId, string applicationName, DateTimeOffset day, long mfaRequests, long totalRequests) => new JsonObject
        {
            ["applicationId"] = applicationId,
            ["applicationName"] = applicationName,
            ["loginDate"] = day.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["mfaCompliantRequestCount"] = mfaRequests,
            ["totalRequestCount"] = totalRequests,
        };

        public static JsonObject NonMfaPrincipal(string objectId, string tenantId, string upn, DateTimeOffset last) => new JsonObject
        {
            ["objectId"] = objectId,
            ["tenantId"] = tenantId,
            ["upn"] = upn,
            ["lastNonMfaCompliantRequestDateTime"] = PartnerCenterTime(last),
        };

        public static JsonObject PartnerRequest(string key, string operation, DateTimeOffset when, string sourceIp, string objectId, string tenantId, string upn, string applicationId, bool mfaCompliant) => new JsonObject
        {
            ["requestId"] = StableIds.Guid("partnerRequest/" + key),
            ["correlationId"] = "",
            ["operationName"] = operation,
            ["requestDateTime"] = PartnerCenterTime(when),
            ["sourceIpAddress"] = sourceIp,
            ["objectId"] = objectId,
            ["tenantId"] = tenantId,
            ["upn"] = upn,
            ["applicationId"] = applicationId,
            ["mfaCompliant"] = mfaCompliant,
        };

        public static JsonObject SpendingBudget(decimal amount) => new JsonObject
        {
            ["amount"] = amount,
            ["attributes"] = new JsonObject { ["objectType"] = "SpendingBudget" },
        };
    }
}
