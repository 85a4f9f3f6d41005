using System;
using System.Collections.Generic;

namespace PartnerSecurity.Mfa
{
    /// <summary>Whether MFA is enforced at a user's sign-in (docs/mfa-coverage-rules.md, "Verdict").</summary>
    public enum MfaStatus
    {
        /// <summary>At least one mechanism requires MFA at every sign-in.</summary>
        Compliant,
        /// <summary>Only conditional access policies that are narrowed (locations, risk, applications...) require MFA.</summary>
        Partial,
        /// <summary>Nothing requires MFA at sign-in.</summary>
        NotCompliant,
        /// <summary>A directory synchronization account: security defaults exclude it by design.</summary>
        Exempt,
        /// <summary>The account is disabled: out of scope of the requirement.</summary>
        NotApplicable,
    }

    /// <summary>
    /// One user's MFA verdict: whether MFA is really enforced at sign-in, by what, and if not, why not.
    /// Flat for Export-Csv: every list is also offered as a "; "-joined string (the *Text properties).
    /// </summary>
    public sealed class MfaVerdict
    {
        private const string Separator = "; ";

        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;
        public string? UserType { get; set; }
        public bool AccountEnabled { get; set; }
        public MfaStatus Status { get; set; }

        /// <summary>The mechanisms that require MFA at every sign-in: SecurityDefaults, PerUserMfa, ConditionalAccess.</summary>
        public string[] EnforcedBy { get; set; } = Array.Empty<string>();
        public string EnforcedByText => string.Join(Separator, EnforcedBy);
        /// <summary>Names of the enabled policies that require MFA at every sign-in.</summary>
        public string[] ConditionalAccessPolicies { get; set; } = Array.Empty<string>();
        public string ConditionalAccessPoliciesText => string.Join(Separator, ConditionalAccessPolicies);
        /// <summary>Enabled MFA policies that apply only under conditions, each with what narrows it.</summary>
        public string[] ConditionalPolicies { get; set; } = Array.Empty<string>();
        public string ConditionalPoliciesText => string.Join(Separator, ConditionalPolicies);
        /// <summary>Enabled MFA policies that would apply but exclude the user, each with the reason.</summary>
        public string[] ExcludedFrom { get; set; } = Array.Empty<string>();
        public string ExcludedFromText => string.Join(Separator, ExcludedFrom);
        /// <summary>Report-only MFA policies that would apply: they never enforce anything.</summary>
        public string[] ReportOnlyPolicies { get; set; } = Array.Empty<string>();
        public string ReportOnlyPoliciesText => string.Join(Separator, ReportOnlyPolicies);
        /// <summary>Enabled policies that name the user and ask for MFA but can never require it at sign-in, each with why (no application, legacy clients only...).</summary>
        public string[] IneffectivePolicies { get; set; } = Array.Empty<string>();
        public string IneffectivePoliciesText => string.Join(Separator, IneffectivePolicies);

        public bool SecurityDefaultsEnabled { get; set; }
        /// <summary>disabled, enabled or enforced; null when it was not read (no verdict depends on it) or could not be read.</summary>
        public string? PerUserMfaState { get; set; }

        /// <summary>From the registration report; null when the report could not be read.</summary>
        public bool? IsMfaRegistered { get; set; }
        public bool? IsMfaCapable { get; set; }
        public string[]? MethodsRegistered { get; set; }
        public string? MethodsRegisteredText => MethodsRegistered == null ? null : string.Join(Separator, MethodsRegistered);

        /// <summary>Holds a directory role, active or PIM-eligible, directly or through a group, in any scope.</summary>
        public bool IsAdmin { get; set; }
        /// <summary>Role names; eligible ones end with " (eligible)", scoped ones name the scope: " (administrative unit {id})".</summary>
        public string[] AdminRoles { get; set; } = Array.Empty<string>();
        public string AdminRolesText => string.Join(Separator, AdminRoles);

        /// <summary>One line, for people.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>
        /// For a Partial or NotCompliant verdict, the smallest change that would cover the user at every sign-in, worked
        /// out by the evaluator (docs/mfa-coverage-rules.md, "Remedy"); null otherwise.
        /// </summary>
        public string? Remedy { get; set; }

        /// <summary>With -WhatIfPolicy and the like: the status as the tenant is now; null without a what-if.</summary>
        public MfaStatus? Before { get; set; }
        /// <summary>With a what-if: the status as if the change were made (the verdict's other properties describe that state); null without one.</summary>
        public MfaStatus? After { get; set; }

        public override string ToString() => $"{UserPrincipalName}: {Status}";

        internal static string[] Sorted(IEnumerable<string> values)
        {
            var list = new List<string>(values);
            list.Sort(StringComparer.OrdinalIgnoreCase);
            return list.ToArray();
        }
    }
}
