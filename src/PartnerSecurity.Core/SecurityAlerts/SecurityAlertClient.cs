using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Json;
using PartnerSecurity.SecurityScore;

namespace PartnerSecurity.SecurityAlerts
{
    /// <summary>Which alerts to keep: each list empty or null keeps every value.</summary>
    public sealed class AlertFilter
    {
        public IReadOnlyCollection<string>? Statuses { get; set; }
        public IReadOnlyCollection<string>? Severities { get; set; }
        public IReadOnlyCollection<string>? CustomerTenantIds { get; set; }

        public bool Keeps(PartnerSecurityAlert alert) =>
            Matches(Statuses, alert.Status) && Matches(Severities, alert.Severity) && Matches(CustomerTenantIds, alert.CustomerTenantId);

        private static bool Matches(IReadOnlyCollection<string>? wanted, string value) =>
            wanted == null || wanted.Count == 0 || wanted.Contains(value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Microsoft's partner security alerts in Graph beta (/security/partner/securityAlerts): read all of them and
    /// filter here (which properties the service filters on is undocumented, so the module does not rely on it),
    /// read one by id, and update one's status (PATCH, which answers with the updated alert).
    /// </summary>
    public static class SecurityAlertClient
    {
        private const string Source = "Graph's partner security alerts";

        public static readonly string[] Statuses = { "Active", "Investigating", "Resolved" };
        public static readonly string[] Severities = { "Informational", "Low", "Medium", "High" };
        public static readonly string[] ResolvedReasons = { "Legitimate", "Ignore", "Fraud" };

        /// <summary>The alerts the filter keeps, newest first.</summary>
        public static async Task<IReadOnlyList<PartnerSecurityAlert>> ListAsync(PartnerConnection connection, AlertFilter filter, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireAlertCloud(connection);
            var items = await PartnerSecurityGraph.GetCollectionAsync(connection, PartnerSecurityGraph.AlertsPath, Source, "alert", cancellationToken).ConfigureAwait(false);
            return items.Select(Parse).Where(filter.Keeps).OrderByDescending(a => a.DetectedDateTime).ToList();
        }

        /// <summary>One alert; <paramref name="forUpdate"/> reads it with the write permission, before an update.</summary>
        public static async Task<PartnerSecurityAlert> GetAsync(PartnerConnection connection, string id, CancellationToken cancellationToken, bool forUpdate = false)
        {
            PartnerSecurityGraph.RequireAlertCloud(connection);
            try
            {
                return Parse(await PartnerSecurityGraph.GetEntityAsync(connection, AlertPath(id), Source, cancellationToken, forUpdate).ConfigureAwait(false));
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphNotFound)
            {
                throw NotFound(connection, id, ex);
            }
        }

        /// <summary>
        /// Sets the alert's status (and resolution reason): <paramref name="status"/> is Active, Investigating or Resolved,
        /// <paramref name="resolvedReason"/> Legitimate, Ignore or Fraud (or null).
        /// </summary>
        public static async Task<PartnerSecurityAlert> UpdateAsync(PartnerConnection connection, string id, string status, string? resolvedReason, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireAlertCloud(connection);
            var body = new Dictionary<string, string> { ["status"] = Wire(status, Statuses, "status") };
            if (resolvedReason != null) body["resolvedReason"] = Wire(resolvedReason, ResolvedReasons, "resolution");
            StrictJson? answer;
            try
            {
                answer = await PartnerSecurityGraph.PatchAsync(connection, AlertPath(id), JsonSerializer.Serialize(body), Source, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphNotFound)
            {
                throw NotFound(connection, id, ex);
            }
            // Documented: 200 with the updated alert. Should Graph answer 204 instead, read the alert back.
            return answer is StrictJson updated ? Parse(updated) : await GetAsync(connection, id, cancellationToken, forUpdate: true).ConfigureAwait(false);
        }

        /// <summary>An alert id in a URL path: escaped, as ids are opaque.</summary>
        private static string AlertPath(string id)
        {
            if (string.IsNullOrWhiteSpace(id))
                throw new PartnerSecurityException("InvalidAlertId", ErrorKind.InvalidArgument, "The alert id is empty.", "Pass the Id of an alert from Get-PartnerSecurityAlert.");
            return PartnerSecurityGraph.AlertsPath + "/" + Uri.EscapeDataString(id.Trim());
        }

        private static string Wire(string value, string[] allowed, string what)
        {
            var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase))
                ?? throw new PartnerSecurityException("InvalidAlertUpdate", ErrorKind.InvalidArgument,
                    $"'{value}' is not an alert {what}.", $"Use one of: {string.Join(", ", allowed)}.");
            return char.ToLowerInvariant(match[0]) + match.Substring(1);
        }

        private static PartnerSecurityException NotFound(PartnerConnection connection, string id, Exception inner) =>
            new PartnerSecurityException("AlertNotFound", ErrorKind.ObjectNotFound,
                $"Microsoft has no security alert '{id}' for {connection.Context.TenantName}.", "Run Get-PartnerSecurityAlert to see the alerts and their ids.", inner, id);

        /// <summary>A partnerSecurityAlert as the module's type (pure).</summary>
        public static PartnerSecurityAlert Parse(StrictJson item)
        {
            var tenant = item.String("customerTenantId");
            var alert = new PartnerSecurityAlert
            {
                Id = item.String("id"),
                DisplayName = item.OptionalString("displayName") ?? string.Empty,
                Description = item.OptionalString("description"),
                AlertType = item.OptionalString("alertType"),
                Status = Capitalize(item.String("status")),
                Severity = Capitalize(item.String("severity")),
                ConfidenceLevel = CapitalizeOrNull(item.OptionalString("confidenceLevel")),
                CustomerTenantId = tenant,
                SubscriptionId = item.OptionalString("subscriptionId"),
                ValueAddedResellerTenantId = item.OptionalString("valueAddedResellerTenantId"),
                CatalogOfferId = item.OptionalString("catalogOfferId"),
                DetectedDateTime = item.Date("detectedDateTime"),
                FirstObservedDateTime = item.OptionalDate("firstObservedDateTime"),
                LastObservedDateTime = item.OptionalDate("lastObservedDateTime"),
                ResolvedReason = CapitalizeOrNull(item.OptionalString("resolvedReason")),
                ResolvedOnDateTime = item.OptionalDate("resolvedOnDateTime"),
                ResolvedBy = item.OptionalString("resolvedBy"),
                IsTest = item.OptionalBool("isTest") ?? false,
                AffectedResources = item.Objects("affectedResources", "affected resource").Select(r => r.String("resourceId")).ToArray(),
                ActivityLog = item.Objects("activityLogs", "activity").Select(a => new AlertActivity
                {
                    StatusFrom = Capitalize(a.String("statusFrom")),
                    StatusTo = Capitalize(a.String("statusTo")),
                    UpdatedBy = a.OptionalString("updatedBy"),
                    UpdatedDateTime = a.Date("updatedDateTime"),
                }).OrderBy(a => a.UpdatedDateTime).ToArray(),
            };
            var details = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in item.StringPairs("additionalDetails"))
            {
                if (details.ContainsKey(pair.Key)) throw StrictJson.Unreadable(item.Source, $"{item.Item} names the detail '{pair.Key}' twice");
                details[pair.Key] = pair.Value;
            }
            alert.AdditionalDetails = details;
            return alert;
        }

        private static string Capitalize(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value.Substring(1);

        private static string? CapitalizeOrNull(string? value) => value == null ? null : Capitalize(value);
    }
}
