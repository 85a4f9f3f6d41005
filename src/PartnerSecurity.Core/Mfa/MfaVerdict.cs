using System;
using System.Collections.Generic;
using PartnerSecurity.Output;

namespace PartnerSecurity.Mfa
{
    /// <summary>Whether MFA is enforced at a user's sign-in (docs/mfa-coverage-rules.md, "Verdict").</summary>
    /// <remarks>Based on long so that ConvertTo-Json writes the name, not a number (docs/design.md, "Output objects").</remarks>
    public enum MfaStatus : long
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
    /// Every list is a <see cref="TextList"/>: a list in the pipeline and JSON, one joined cell in Export-Csv.
    /// </summary>
    public sealed class MfaVerdict
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;
        public string? UserType { get; set; }
        public bool AccountEnabled { get; set; }
        public MfaStatus Status { get; set; }

        /// <summary>The mechanisms that require MFA at every sign-in: SecurityDefaults, PerUserMfa, ConditionalAccess.</summary>
        public TextList EnforcedBy { get; set; } = TextList.Empty;
        /// <summary>Names of the enabled policies that require MFA at every sign-in.</summary>
        public TextList ConditionalAccessPolicies { get; set; } = TextList.Empty;
        /// <summary>Enabled MFA policies that apply only under conditions, each with what narrows it.</summary>
        public TextList ConditionalPolicies { get; set; } = TextList.Empty;
        /// <summary>Enabled MFA policies that would apply but exclude the user, each with the reason.</summary>
        public TextList ExcludedFrom { get; set; } = TextList.Empty;
        /// <summary>Report-only MFA policies that would apply: they never enforce anything.</summary>
        public TextList ReportOnlyPolicies { get; set; } = TextList.Empty;
        /// <summary>Enabled policies that name the user and ask for MFA but can never require it at sign-in, each with why (no application, legacy clients only...).</summary>
        public TextList IneffectivePolicies { get; set; } = TextList.Empty;

        public bool SecurityDefaultsEnabled { get; set; }
        /// <summary>disabled, enabled or enforced; null when it was not read (no verdict depends on it) or could not be read.</summary>
        public string? PerUserMfaState { get; set; }

        /// <summary>From the registration report; null when the report could not be read.</summary>
        public bool? IsMfaRegistered { get; set; }
        public bool? IsMfaCapable { get; set; }
        public TextList? MethodsRegistered { get; set; }

        /// <summary>Holds a directory role, active or PIM-eligible, directly or through a group, in any scope.</summary>
        public bool IsAdmin { get; set; }
        /// <summary>Role names; eligible ones end with " (eligible)", scoped ones name the scope: " (administrative unit {id})".</summary>
        public TextList AdminRoles { get; set; } = TextList.Empty;

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
