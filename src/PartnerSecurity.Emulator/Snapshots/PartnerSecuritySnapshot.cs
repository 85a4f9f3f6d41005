using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>
    /// The snapshot's "partnerSecurity" section (docs/snapshot-format.md): what Graph beta serves under
    /// /security/partner for the partner tenant, each object verbatim as Graph returns it.
    /// </summary>
    public sealed class PartnerSecuritySnapshot
    {
        /// <summary>The partnerSecurityScore (id, currentScore, maxScore, lastRefreshDateTime, updatedDateTime).</summary>
        public JsonObject? SecurityScore { get; set; }
        /// <summary>securityRequirement objects with their @odata.type (the derived type carries the figures).</summary>
        public List<JsonObject> Requirements { get; } = new List<JsonObject>();
        public List<JsonObject> History { get; } = new List<JsonObject>();
        /// <summary>customerInsight objects, keyed by tenantId.</summary>
        public List<JsonObject> CustomerInsights { get; } = new List<JsonObject>();
        /// <summary>partnerSecurityAlert objects; PATCH changes them in place.</summary>
        public List<JsonObject> SecurityAlerts { get; } = new List<JsonObject>();
    }

    /// <summary>
    /// The snapshot's "partnerCenterMfa" section: Partner Center's MFA telemetry of the partner's own App+User
    /// traffic, each record verbatim as Partner Center returns it.
    /// </summary>
    public sealed class PartnerCenterMfaSnapshot
    {
        /// <summary>GET /v1/applicationmfaadoptionstatus: one record per application and day.</summary>
        public List<JsonObject> ApplicationMfaAdoptionStatus { get; } = new List<JsonObject>();
        /// <summary>GET /v1/nonMfaCompliantPartnerPrincipals: partner users seen without MFA.</summary>
        public List<JsonObject> NonMfaCompliantPartnerPrincipals { get; } = new List<JsonObject>();
        /// <summary>GET /v1/partnerRequests: App+User requests with whether each carried MFA.</summary>
        public List<JsonObject> PartnerRequests { get; } = new List<JsonObject>();
    }
}
