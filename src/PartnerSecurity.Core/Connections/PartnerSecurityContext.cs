using System;

namespace PartnerSecurity.Connections
{
    /// <summary>What Connect-PartnerSecurity and Get-PartnerSecurityContext show: who is connected, where. Never a token.</summary>
    public sealed class PartnerSecurityContext
    {
        public PartnerSecurityContext(string tenantId, string tenantName, string account, string authMode, string environment, bool hasMfaClaim, DateTimeOffset expiresOn)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            Account = account;
            AuthMode = authMode;
            Environment = environment;
            HasMfaClaim = hasMfaClaim;
            ExpiresOn = expiresOn;
        }

        public string TenantId { get; }
        public string TenantName { get; }
        public string Account { get; }
        public string AuthMode { get; }
        public string Environment { get; }
        /// <summary>Whether the sign-in carried an MFA claim (amr contains mfa): Microsoft's partner requirement test.</summary>
        public bool HasMfaClaim { get; }
        /// <summary>When the current access token expires; the connection renews it silently.</summary>
        public DateTimeOffset ExpiresOn { get; }

        public override string ToString() => $"{Account} @ {TenantName} ({TenantId})";
    }
}
