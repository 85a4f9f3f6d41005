using System;
using System.Linq;
using PartnerSecurity.Mfa;
using PartnerSecurity.Output;

namespace PartnerSecurity.Assessment
{
    /// <summary>A requirement's outcome in one tenant (docs/assessment.md).</summary>
    /// <remarks>Based on long so that ConvertTo-Json writes the name (docs/design.md, "Output objects").</remarks>
    public enum AssessmentStatus : long
    {
        Passed,
        Failed,
        /// <summary>The requirement does not concern this tenant, or was not asked for (the reason says which).</summary>
        NotApplicable,
        /// <summary>The data could not be read: the reason says what and why. Counts as not passed in the score.</summary>
        Unknown,
    }

    /// <summary>
    /// One tenant's assessment against every partner security requirement: the partner tenant (IsPartnerTenant) or a
    /// customer. Requirements are ordered gaps first (Failed, Unknown, Passed, NotApplicable), each kind by weight.
    /// </summary>
    public sealed class TenantAssessment
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public bool IsPartnerTenant { get; set; }
        /// <summary>When the tenant's data was read (the connected cloud's clock).</summary>
        public DateTimeOffset AssessedAt { get; set; }
        /// <summary>The weighted share of requirements passed, 0 to 100 (docs/assessment.md, "Score"); NotApplicable ones do not count.</summary>
        public double Score { get; set; }
        /// <summary>Microsoft's partner security score (partner tenant only; null when not read or a customer).</summary>
        public double? MicrosoftScore { get; set; }
        public double? MicrosoftMaxScore { get; set; }
        public int Passed { get; set; }
        public int Failed { get; set; }
        public int Unknown { get; set; }
        public int NotApplicable { get; set; }
        /// <summary>Enabled users (Exempt sync accounts aside) that MFA does not cover at every sign-in; null when the verdicts could not be read.</summary>
        public int? UsersExposed { get; set; }
        public JoinedList<RequirementResult> Requirements { get; set; } = Array.Empty<RequirementResult>();
        /// <summary>The three most urgent remedies, most urgent first.</summary>
        public TextList TopFixes { get; set; } = TextList.Empty;
        /// <summary>What could not be read without failing a requirement (the registration report, per-user MFA states...).</summary>
        public TextList Warnings { get; set; } = TextList.Empty;
        /// <summary>Every user's MFA verdict (enabled and disabled), sorted by user principal name: the report's user table and the CSV's rows.</summary>
        public JoinedList<AssessedUser> Users { get; set; } = Array.Empty<AssessedUser>();

        /// <summary>"Failed 3, Unknown 1, Passed 5" for a summary line.</summary>
        public string Summary => $"{Passed} of {Passed + Failed + Unknown} passed" + (Unknown > 0 ? $", {Unknown} unknown" : string.Empty);
        /// <summary>The requirements that failed or are unknown, for the summary view.</summary>
        public string Gaps => string.Join("; ", Requirements.Where(r => r.Status == AssessmentStatus.Failed || r.Status == AssessmentStatus.Unknown)
            .Select(r => r.Status == AssessmentStatus.Unknown ? r.Requirement + " (unknown)" : r.Requirement));

        public override string ToString() => $"{TenantName}: {Score:0}% ({Summary})";
    }

    /// <summary>One requirement in one tenant: status, what shows it, Microsoft's figure beside ours, and the remedy.</summary>
    public sealed class RequirementResult
    {
        /// <summary>A stable identifier (MfaAllUsers, MfaAdmins...): what two runs are compared on.</summary>
        public string Id { get; set; } = string.Empty;
        public string Requirement { get; set; } = string.Empty;
        public AssessmentStatus Status { get; set; }
        public int Weight { get; set; }
        /// <summary>What the status rests on, in one or two sentences.</summary>
        public string Evidence { get; set; } = string.Empty;
        /// <summary>Why the status is Unknown or NotApplicable; null otherwise.</summary>
        public string? Reason { get; set; }
        /// <summary>Microsoft's own figure for the same requirement (the partner security score), where it has one.</summary>
        public string? Microsoft { get; set; }
        /// <summary>Our figure for the measure Microsoft's figure counts, where there is one.</summary>
        public string? Ours { get; set; }
        /// <summary>What to do; null when passed or not applicable.</summary>
        public string? Remedy { get; set; }
        /// <summary>The users, integrations, tokens or scripts behind a failure, each with its detail.</summary>
        public TextList Items { get; set; } = TextList.Empty;

        public override string ToString() => $"{Requirement}: {Status}";
    }

    /// <summary>One user's MFA verdict as the report shows it (from <see cref="MfaVerdict"/>).</summary>
    public sealed class AssessedUser
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string? UserType { get; set; }
        public bool AccountEnabled { get; set; }
        public bool IsAdmin { get; set; }
        public string AdminRoles { get; set; } = string.Empty;
        public MfaStatus Status { get; set; }
        /// <summary>SecurityDefaults, PerUserMfa, ConditionalAccess, joined; empty when nothing requires MFA at every sign-in.</summary>
        public string EnforcedBy { get; set; } = string.Empty;
        public bool? IsMfaRegistered { get; set; }
        public string Reason { get; set; } = string.Empty;
        public string? Remedy { get; set; }

        public static AssessedUser From(MfaVerdict v) => new AssessedUser
        {
            TenantId = v.TenantId,
            TenantName = v.TenantName,
            UserPrincipalName = v.UserPrincipalName,
            DisplayName = v.DisplayName,
            UserType = v.UserType,
            AccountEnabled = v.AccountEnabled,
            IsAdmin = v.IsAdmin,
            AdminRoles = v.AdminRoles.ToString(),
            Status = v.Status,
            EnforcedBy = v.EnforcedBy.ToString(),
            IsMfaRegistered = v.IsMfaRegistered,
            Reason = v.Reason,
            Remedy = v.Remedy,
        };

        public override string ToString() => $"{UserPrincipalName}: {Status}";
    }
}
