using System;
using PartnerSecurity.Output;

namespace PartnerSecurity.Customers
{
    /// <summary>
    /// A customer tenant: its Partner Center record joined with the partner's GDAP relationships with it.
    /// Pipes into every -CustomerTenantId parameter by property name (TenantId, CustomerId).
    /// </summary>
    public sealed class PartnerCustomer
    {
        public string CustomerId { get; set; } = string.Empty;
        public string TenantId { get; set; } = string.Empty;
        public string CompanyName { get; set; } = string.Empty;
        public string? Domain { get; set; }
        /// <summary>Partner Center's relationshipToPartner: reseller, advisor, none...</summary>
        public string? RelationshipType { get; set; }
        /// <summary>active when at least one GDAP relationship is active; otherwise the latest one's status; none without any; null when GDAP could not be read.</summary>
        public string? GdapStatus { get; set; }
        public bool HasActiveGdap => GdapStatus == "active";
        /// <summary>Roles granted by the active GDAP relationships.</summary>
        public TextList GdapRoles { get; set; } = TextList.Empty;
        /// <summary>When the last active relationship ends (or the latest one ended, without an active one).</summary>
        public DateTimeOffset? GdapEndDateTime { get; set; }
        /// <summary>Names of the active GDAP relationships.</summary>
        public TextList GdapRelationships { get; set; } = TextList.Empty;

        public override string ToString() => $"{CompanyName} ({TenantId})";
    }
}
