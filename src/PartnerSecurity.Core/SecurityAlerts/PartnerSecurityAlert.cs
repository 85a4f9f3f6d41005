using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecurityAlerts
{
    /// <summary>
    /// One of Microsoft's security alerts about a customer's Azure subscription (Graph beta partnerSecurityAlert).
    /// Status, Severity and ResolvedReason are capitalized as the cmdlets take them (Active, Investigating,
    /// Resolved...); a value Microsoft adds later is kept as sent. Pipes into Update-PartnerSecurityAlert by Id.
    /// </summary>
    public sealed class PartnerSecurityAlert
    {
        private const string Separator = "; ";

        public string Id { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string? Description { get; set; }
        public string? AlertType { get; set; }
        public string Status { get; set; } = string.Empty;
        public string Severity { get; set; } = string.Empty;
        public string? ConfidenceLevel { get; set; }
        public string CustomerTenantId { get; set; } = string.Empty;
        /// <summary>The customer's name from Partner Center; empty when Partner Center does not list it.</summary>
        public string CustomerName { get; set; } = string.Empty;
        public string? SubscriptionId { get; set; }
        public string? ValueAddedResellerTenantId { get; set; }
        public string? CatalogOfferId { get; set; }
        public DateTimeOffset DetectedDateTime { get; set; }
        public DateTimeOffset? FirstObservedDateTime { get; set; }
        public DateTimeOffset? LastObservedDateTime { get; set; }
        public string? ResolvedReason { get; set; }
        public DateTimeOffset? ResolvedOnDateTime { get; set; }
        /// <summary>The partner user who resolved it.</summary>
        public string? ResolvedBy { get; set; }
        public bool IsTest { get; set; }
        /// <summary>Ids of the Azure resources concerned.</summary>
        public TextList AffectedResources { get; set; } = TextList.Empty;
        /// <summary>Every status change, oldest first.</summary>
        public JoinedList<AlertActivity> ActivityLog { get; set; } = Array.Empty<AlertActivity>();
        /// <summary>The alert's name/value details (IP addresses, counts...), as Microsoft sends them.</summary>
        public IReadOnlyDictionary<string, string> AdditionalDetails { get; set; } = new Dictionary<string, string>();
        public string AdditionalDetailsText => string.Join(Separator, AdditionalDetails.Select(d => d.Key + "=" + d.Value));

        /// <summary>
        /// Time from detection to the first status change, or null while nobody has answered: the figure behind the
        /// "alerts resolved promptly" requirement.
        /// </summary>
        public double? ResponseHours => ActivityLog.Length == 0 ? (double?)null : Math.Round((ActivityLog[0].UpdatedDateTime - DetectedDateTime).TotalHours, 1);

        /// <summary>Set by Update-PartnerSecurityAlert: the comment given with the change (Microsoft's alert has no field for it).</summary>
        public string? Comment { get; set; }

        public override string ToString() => $"{Severity} {Status}: {DisplayName}";
    }

    /// <summary>One status change of an alert.</summary>
    public sealed class AlertActivity
    {
        public string StatusFrom { get; set; } = string.Empty;
        public string StatusTo { get; set; } = string.Empty;
        public string? UpdatedBy { get; set; }
        public DateTimeOffset UpdatedDateTime { get; set; }

        public override string ToString() =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm}Z {1} -> {2}", UpdatedDateTime.UtcDateTime, StatusFrom, StatusTo)
            + (string.IsNullOrEmpty(UpdatedBy) ? string.Empty : " by " + UpdatedBy);
    }
}
