using System;
using System.Collections.Generic;
using System.Text.Json;

namespace PartnerSecurity.Mfa
{
    /// <summary>Include and exclude lists of a location, platform or device-state condition; the condition itself is null when not configured.</summary>
    public sealed class CaInclusion
    {
        public CaInclusion(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
        {
            Include = include;
            Exclude = exclude;
        }

        public IReadOnlyList<string> Include { get; }
        public IReadOnlyList<string> Exclude { get; }
    }

    /// <summary>A device or application filter: "include" or "exclude" the objects its rule matches.</summary>
    public sealed class CaFilter
    {
        public CaFilter(string mode, string rule)
        {
            Mode = mode;
            Rule = rule;
        }

        public string Mode { get; }
        public string Rule { get; }
        public bool Includes => string.Equals(Mode, "include", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The authentication strength a grant requires. Graph returns it inline; a portal export may carry only its id.
    /// Whether it satisfies MFA is decided from its allowed combinations (docs/mfa-coverage-rules.md, "Authentication strengths").
    /// </summary>
    public sealed class CaAuthenticationStrength
    {
        public CaAuthenticationStrength(string? id, string? displayName, IReadOnlyList<string>? allowedCombinations, string? requirementsSatisfied = null)
        {
            Id = id;
            DisplayName = displayName;
            AllowedCombinations = allowedCombinations;
            RequirementsSatisfied = requirementsSatisfied;
        }

        public string? Id { get; }
        public string? DisplayName { get; }
        /// <summary>Comma-separated method modes per combination ("password,sms", "fido2"); null when the policy does not carry them.</summary>
        public IReadOnlyList<string>? AllowedCombinations { get; }
        /// <summary>"mfa" or "none" when given.</summary>
        public string? RequirementsSatisfied { get; }
        public string Name => DisplayName ?? Id ?? "authentication strength";

        public override string ToString() => Name;
    }

    /// <summary>
    /// A conditional access policy reduced to what decides MFA coverage, with Graph's own strings
    /// (camelCase enum members, "All", GUIDs). <see cref="FromJson"/> reads a Graph v1.0 or beta
    /// conditionalAccessPolicy, as the API returns it, as snapshots store it and as the Entra portal's
    /// "Download JSON" writes it (docs/mfa-coverage-rules.md).
    /// </summary>
    public sealed class CaPolicy
    {
        private static readonly IReadOnlyList<string> s_none = Array.Empty<string>();

        public string Id { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        /// <summary>enabled, disabled or enabledForReportingButNotEnforced.</summary>
        public string State { get; set; } = "enabled";

        public IReadOnlyList<string> IncludeUsers { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeUsers { get; set; } = s_none;
        public IReadOnlyList<string> IncludeGroups { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeGroups { get; set; } = s_none;
        public IReadOnlyList<string> IncludeRoles { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeRoles { get; set; } = s_none;
        /// <summary>The guestOrExternalUserTypes of includeGuestsOrExternalUsers; null when that condition is not set.</summary>
        public IReadOnlyList<string>? IncludeGuestOrExternalUserTypes { get; set; }
        public IReadOnlyList<string>? ExcludeGuestOrExternalUserTypes { get; set; }
        /// <summary>True when includeGuestsOrExternalUsers names only some external tenants (we cannot tell a guest's home tenant).</summary>
        public bool IncludeSomeExternalTenants { get; set; }
        public bool ExcludeSomeExternalTenants { get; set; }

        public IReadOnlyList<string> IncludeApplications { get; set; } = new[] { "All" };
        public IReadOnlyList<string> ExcludeApplications { get; set; } = s_none;
        public IReadOnlyList<string> IncludeUserActions { get; set; } = s_none;
        public IReadOnlyList<string> IncludeAuthenticationContextClassReferences { get; set; } = s_none;
        /// <summary>applications.applicationFilter (custom security attributes of applications); null when not set.</summary>
        public CaFilter? ApplicationFilter { get; set; }

        public IReadOnlyList<string> ClientAppTypes { get; set; } = new[] { "all" };
        public CaInclusion? Locations { get; set; }
        public CaInclusion? Platforms { get; set; }
        public IReadOnlyList<string> SignInRiskLevels { get; set; } = s_none;
        public IReadOnlyList<string> UserRiskLevels { get; set; } = s_none;
        public IReadOnlyList<string> ServicePrincipalRiskLevels { get; set; } = s_none;
        public IReadOnlyList<string> AgentIdRiskLevels { get; set; } = s_none;
        /// <summary>insiderRiskLevels (a flags string such as "minor,moderate"); null when not set.</summary>
        public string? InsiderRiskLevels { get; set; }
        /// <summary>devices.deviceFilter; null when not set (a devices object without a filter is no device condition).</summary>
        public CaFilter? DeviceFilter { get; set; }
        /// <summary>The deprecated device-state condition (deviceStates, or devices.includeDevices/excludeDevices); null when not set.</summary>
        public CaInclusion? DeviceStates { get; set; }
        /// <summary>authenticationFlows.transferMethods ("deviceCodeFlow,authenticationTransfer"); null when not set.</summary>
        public string? AuthenticationFlows { get; set; }
        /// <summary>conditions.clientApplications names service principals: the policy is for workload identities, not users.</summary>
        public bool TargetsWorkloadIdentities { get; set; }
        /// <summary>Condition fields the evaluator does not know that carry a value, as JSON paths: each makes the policy conditional.</summary>
        public IReadOnlyList<string> UnknownConditions { get; set; } = s_none;

        public bool HasDeviceFilter => DeviceFilter != null;
        public bool HasAuthenticationFlows => AuthenticationFlows != null;

        /// <summary>"AND" or "OR".</summary>
        public string GrantOperator { get; set; } = "OR";
        public IReadOnlyList<string> BuiltInControls { get; set; } = s_none;
        public IReadOnlyList<string> CustomAuthenticationFactors { get; set; } = s_none;
        public IReadOnlyList<string> TermsOfUse { get; set; } = s_none;
        /// <summary>The authentication strength the grant requires; null otherwise.</summary>
        public CaAuthenticationStrength? AuthenticationStrength { get; set; }

        public bool IsEnabled => State == "enabled";
        public bool IsReportOnly => State == "enabledForReportingButNotEnforced";

        public override string ToString() => $"{DisplayName} ({State})";

        /// <summary>A copy with another state (what-if: a report-only policy as if enabled).</summary>
        public CaPolicy WithState(string state)
        {
            var copy = (CaPolicy)MemberwiseClone();
            copy.State = state;
            return copy;
        }

        /// <summary>
        /// Reads a conditionalAccessPolicy object. Property names match case-insensitively (Graph PowerShell's
        /// ConvertTo-Json writes them capitalised). A field of the wrong shape is a <see cref="CaPolicyFormatException"/>
        /// naming the policy and the field: nothing is dropped silently.
        /// </summary>
        public static CaPolicy FromJson(JsonElement policy) => CaPolicyReader.Read(policy);
    }

    /// <summary>A conditional access policy whose JSON has a field of the wrong shape.</summary>
    public sealed class CaPolicyFormatException : FormatException
    {
        public CaPolicyFormatException(string policy, string path, string problem)
            : base($"Conditional access policy '{policy}': {path} {problem}.")
        {
            Policy = policy;
            Path = path;
        }

        public string Policy { get; }
        /// <summary>The JSON path of the field at fault, for example "conditions.users.excludeUsers".</summary>
        public string Path { get; }
    }
}
