using System.Management.Automation;
using PartnerSecurity.Mfa;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// The tenant-scoped cmdlets that evaluate MFA as it would be after a change of conditional access
    /// (Get-PartnerMfaStatus, Invoke-PartnerSecurityAssessment): the three what-if parameters, read by
    /// <see cref="WhatIfInputs"/> before any tenant.
    /// </summary>
    public abstract class WhatIfScenarioCmdlet : TenantScopedCmdlet
    {
        /// <summary>
        /// Policies to evaluate as if deployed and enabled: paths to JSON files (Graph's or the Entra portal's "Download
        /// JSON", one policy or a list), JSON text, or objects (ConvertFrom-Json, hashtables, Graph PowerShell's policies).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public object[]? WhatIfPolicy { get; set; }

        /// <summary>Evaluate as if every report-only policy were enabled.</summary>
        [Parameter]
        public SwitchParameter WhatIfEnableReportOnly { get; set; }

        /// <summary>Evaluate as if these policies (display names or ids; wildcards allowed) were removed.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? WhatIfRemovePolicy { get; set; }

        /// <summary>The scenario the what-if parameters describe, or null without any; a policy that cannot be read terminates the cmdlet.</summary>
        private protected MfaScenario? ReadScenario() => WhatIfInputs.Scenario(this, WhatIfPolicy, WhatIfEnableReportOnly, WhatIfRemovePolicy);
    }
}
