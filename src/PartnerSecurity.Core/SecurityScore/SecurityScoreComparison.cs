using System;
using System.Linq;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>
    /// One of Microsoft's MFA figures for a tenant beside what our verdicts (Get-PartnerMfaStatus) give for the same
    /// measure, with the users that explain a difference. Microsoft counts admins "using MFA" from sign-in data; the
    /// verdicts read the policies that require it. Neither source is hidden: a tenant whose verdicts could not be
    /// read keeps Microsoft's figure, with Ours empty and the reason in Note.
    /// </summary>
    public sealed class SecurityScoreComparison
    {
        /// <summary>The requirement the figure belongs to: mfaEnforcedForAdmins or mfaEnforcedForAdminsOfCustomers.</summary>
        public string Requirement { get; set; } = string.Empty;
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        /// <summary>What is counted, for example "Compliant admins".</summary>
        public string Measure { get; set; } = string.Empty;
        /// <summary>Microsoft's figure, as a number or a status (enabled, disabled).</summary>
        public string? Microsoft { get; set; }
        /// <summary>Our figure from the verdicts; null when they could not be read.</summary>
        public string? Ours { get; set; }
        /// <summary>True when both agree, false when they differ, null when one side is missing.</summary>
        public bool? Agrees { get; set; }
        /// <summary>The users behind the difference, each with the reason; empty when both agree.</summary>
        public JoinedList<ComparisonUser> Users { get; set; } = Array.Empty<ComparisonUser>();
        /// <summary>The users' names, for a table column.</summary>
        public string UserNames => string.Join(", ", Users.Select(u => u.UserPrincipalName));
        /// <summary>What explains the difference when no user does, or why one side is missing.</summary>
        public string? Note { get; set; }

        public override string ToString() => $"{TenantName} {Measure}: Microsoft {Microsoft ?? "-"}, ours {Ours ?? "-"}";
    }

    /// <summary>A user behind a difference between Microsoft's figure and ours.</summary>
    public sealed class ComparisonUser
    {
        public string UserPrincipalName { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        /// <summary>Our verdict's status (Compliant, NotCompliant, Partial, Exempt...).</summary>
        public string Status { get; set; } = string.Empty;
        /// <summary>Why this user makes the figures differ.</summary>
        public string Reason { get; set; } = string.Empty;

        public override string ToString() => $"{UserPrincipalName}: {Reason}";
    }
}
