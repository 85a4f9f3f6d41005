using System;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>Whether Microsoft counts a requirement as met.</summary>
    public enum RequirementCompliance : long
    {
        Compliant,
        NotCompliant,
        /// <summary>Microsoft sent a status this module does not know (its metadata reserves unknownFutureValue).</summary>
        Unknown,
    }

    /// <summary>Microsoft's partner security score: the figure, when it was checked and changed, and its requirements.</summary>
    public sealed class PartnerSecurityScore
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;
        public double CurrentScore { get; set; }
        public double MaxScore { get; set; }
        /// <summary>When Microsoft last checked the data behind the score.</summary>
        public DateTimeOffset? LastRefreshDateTime { get; set; }
        /// <summary>When the score or its requirements last changed.</summary>
        public DateTimeOffset? UpdatedDateTime { get; set; }
        public JoinedList<SecurityRequirementStatus> Requirements { get; set; } = Array.Empty<SecurityRequirementStatus>();
        public int CompliantRequirements { get; set; }
        public int TotalRequirements => Requirements.Count;

        public override string ToString() => $"{CurrentScore:0.##} of {MaxScore:0.##}";
    }

    /// <summary>
    /// One requirement of the score with its type's figures. The figures of other types are null; every figure is
    /// also a property of its own, for Export-Csv.
    /// </summary>
    public sealed class SecurityRequirementStatus
    {
        public string Id { get; set; } = string.Empty;
        /// <summary>Microsoft's requirementType, for example mfaEnforcedForAdmins.</summary>
        public string RequirementType { get; set; } = string.Empty;
        /// <summary>The requirement in a few words, for example "MFA for partner admins".</summary>
        public string Requirement { get; set; } = string.Empty;
        public RequirementCompliance Status { get; set; }
        /// <summary>Microsoft's complianceStatus as sent (its metadata spells the negative "noncomplaint").</summary>
        public string ComplianceStatus { get; set; } = string.Empty;
        /// <summary>active (released) or preview.</summary>
        public string? State { get; set; }
        public long Score { get; set; }
        public long MaxScore { get; set; }
        public string ScoreText => $"{Score}/{MaxScore}";
        /// <summary>The requirement's figure in one line, for example "0 of 16 admins not using MFA".</summary>
        public string Figure { get; set; } = string.Empty;

        // mfaEnforcedForAdmins (the partner's own tenant)
        public long? TotalAdminsCount { get; set; }
        public long? AdminsRequiredNotUsingMfaCount { get; set; }
        public long? MfaEnabledAdminsCount { get; set; }
        public long? TotalUsersCount { get; set; }
        public long? UsersRequiredNotUsingMfaCount { get; set; }
        public long? MfaEnabledUsersCount { get; set; }
        public string? SecurityDefaultsStatus { get; set; }
        public string? MfaConditionalAccessPolicyStatus { get; set; }
        public string? LegacyPerUserMfaStatus { get; set; }
        // mfaEnforcedForAdminsOfCustomers
        public long? TotalTenantCount { get; set; }
        public long? CompliantTenantCount { get; set; }
        // securityAlertsPromptlyResolved
        public double? AverageResponseTimeInHours { get; set; }
        // spendingBudgetSetForCustomerAzureSubscriptions
        public long? TotalCustomersCount { get; set; }
        public long? CustomersWithSpendBudgetCount { get; set; }

        /// <summary>Where in Partner Center to act on it.</summary>
        public string? ActionUrl { get; set; }
        public string? HelpUrl { get; set; }
        public DateTimeOffset? UpdatedDateTime { get; set; }

        public override string ToString() => $"{Requirement}: {Status} {ScoreText}";
    }

    /// <summary>One change of the score, as Microsoft's history lists it.</summary>
    public sealed class SecurityScoreHistoryEntry
    {
        public string Id { get; set; } = string.Empty;
        public DateTimeOffset CreatedDateTime { get; set; }
        public double Score { get; set; }
        public long CompliantRequirementsCount { get; set; }
        public long TotalRequirementsCount { get; set; }

        public override string ToString() => $"{CreatedDateTime:u}: {Score:0.##}";
    }

    /// <summary>
    /// Microsoft's MFA figures for one customer tenant (its customer insight), counted from usage. Pipes into
    /// Get-PartnerMfaStatus by TenantId for our verdicts from configuration.
    /// </summary>
    public sealed class CustomerMfaInsight
    {
        public string TenantId { get; set; } = string.Empty;
        /// <summary>The customer's name from Partner Center; empty when Partner Center does not list it.</summary>
        public string CustomerName { get; set; } = string.Empty;
        public long CompliantAdminsCount { get; set; }
        public long CompliantNonAdminsCount { get; set; }
        public long TotalUsersCount { get; set; }
        /// <summary>enabled or disabled, as Microsoft sends it.</summary>
        public string SecurityDefaultsStatus { get; set; } = string.Empty;
        public string MfaConditionalAccessPolicyStatus { get; set; } = string.Empty;
        public string LegacyPerUserMfaStatus { get; set; } = string.Empty;

        public override string ToString() => $"{(CustomerName.Length > 0 ? CustomerName : TenantId)}: {CompliantAdminsCount} compliant admins";
    }
}
