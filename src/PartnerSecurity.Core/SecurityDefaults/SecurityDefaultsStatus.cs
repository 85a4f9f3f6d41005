using System.Collections.Generic;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecurityDefaults
{
    /// <summary>A tenant's security defaults: on or off, and whether they could be turned on (and why not).</summary>
    public sealed class SecurityDefaultsStatus
    {
        public SecurityDefaultsStatus(string tenantId, string tenantName, bool isEnabled, IReadOnlyList<string> blockingPolicies)
        {
            TenantId = tenantId;
            TenantName = tenantName;
            IsEnabled = isEnabled;
            BlockingPolicies = new TextList(blockingPolicies);
        }

        public string TenantId { get; }
        public string TenantName { get; }
        public bool IsEnabled { get; }
        /// <summary>Conditional access policies that are enabled or report-only: each one prevents security defaults.</summary>
        public int ConditionalAccessPolicyCount => BlockingPolicies.Count;
        public TextList BlockingPolicies { get; }
        public bool CanEnable => !IsEnabled && BlockingPolicies.Count == 0;

        /// <summary>Up to this many blocking policies are named in <see cref="Reason"/>; all are in <see cref="BlockingPolicies"/>.</summary>
        private const int NamedInReason = 3;

        public string Reason =>
            IsEnabled ? "Security defaults are already enabled."
            : BlockingPolicies.Count > 0
                ? $"Conditional access is in use ({PolicyList()}); Microsoft does not allow security defaults beside conditional access."
                : "No conditional access policy is enabled or in report-only mode: security defaults can be enabled.";

        private string PolicyList() =>
            BlockingPolicies.Count == 1 ? "1 enabled or report-only policy: " + BlockingPolicies[0]
            : BlockingPolicies.Count <= NamedInReason ? $"{BlockingPolicies.Count} enabled or report-only policies: {string.Join(", ", BlockingPolicies)}"
            : $"{BlockingPolicies.Count} enabled or report-only policies, listed in BlockingPolicies";
    }
}
