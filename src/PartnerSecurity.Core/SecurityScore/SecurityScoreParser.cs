using System;
using System.Collections.Generic;
using System.Globalization;
using PartnerSecurity.Json;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>
    /// Graph's partner security score objects as the module's types (pure). A known requirement type without its
    /// figures, a count that is not a number, a missing id: each is an error, never a zero. A compliance status or
    /// requirement type Microsoft adds later is reported as Unknown with what was sent, not guessed.
    /// </summary>
    public static class SecurityScoreParser
    {
        public const string AdminsMfa = "mfaEnforcedForAdmins";
        public const string CustomersMfa = "mfaEnforcedForAdminsOfCustomers";
        public const string AlertResponse = "securityAlertsPromptlyResolved";
        public const string SecurityContact = "securityContactProvided";
        public const string SpendingBudget = "spendingBudgetSetForCustomerAzureSubscriptions";

        private static readonly Dictionary<string, string> s_names = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AdminsMfa] = "MFA for partner admins",
            [CustomersMfa] = "MFA for customer admins",
            [AlertResponse] = "Alerts resolved promptly",
            [SecurityContact] = "Security contact",
            [SpendingBudget] = "Customer spending budgets",
        };

        public static PartnerSecurityScore Score(StrictJson score, IReadOnlyList<SecurityRequirementStatus> requirements)
        {
            int compliant = 0;
            foreach (var r in requirements) if (r.Status == RequirementCompliance.Compliant) compliant++;
            var result = new PartnerSecurityScore
            {
                Id = score.String("id"),
                CurrentScore = score.Double("currentScore"),
                MaxScore = score.Double("maxScore"),
                LastRefreshDateTime = score.OptionalDate("lastRefreshDateTime"),
                UpdatedDateTime = score.OptionalDate("updatedDateTime"),
                Requirements = new List<SecurityRequirementStatus>(requirements).ToArray(),
                CompliantRequirements = compliant,
            };
            if (result.MaxScore <= 0 || result.CurrentScore < 0 || result.CurrentScore > result.MaxScore)
                throw StrictJson.Unreadable(score.Source, $"the score {result.CurrentScore.ToString(CultureInfo.InvariantCulture)} is not between 0 and its maximum {result.MaxScore.ToString(CultureInfo.InvariantCulture)}");
            return result;
        }

        public static SecurityRequirementStatus Requirement(StrictJson item)
        {
            var type = item.String("requirementType");
            var status = item.String("complianceStatus");
            var r = new SecurityRequirementStatus
            {
                Id = item.String("id"),
                RequirementType = type,
                Requirement = s_names.TryGetValue(type, out var name) ? name : type,
                ComplianceStatus = status,
                Status = Compliance(status),
                State = item.OptionalString("state"),
                Score = item.Long("score"),
                MaxScore = item.Long("maxScore"),
                ActionUrl = item.OptionalString("actionUrl"),
                HelpUrl = item.OptionalString("helpUrl"),
                UpdatedDateTime = item.OptionalDate("updatedDateTime"),
            };
            switch (type)
            {
                case AdminsMfa:
                    r.TotalAdminsCount = item.Long("totalAdminsCount");
                    r.AdminsRequiredNotUsingMfaCount = item.Long("adminsRequiredNotUsingMfaCount");
                    r.MfaEnabledAdminsCount = item.Long("mfaEnabledAdminsCount");
                    r.TotalUsersCount = item.OptionalLong("totalUsersCount");
                    r.UsersRequiredNotUsingMfaCount = item.OptionalLong("usersRequiredNotUsingMfaCount");
                    r.MfaEnabledUsersCount = item.OptionalLong("mfaEnabledUsersCount");
                    r.SecurityDefaultsStatus = item.OptionalString("securityDefaultsStatus");
                    r.MfaConditionalAccessPolicyStatus = item.OptionalString("mfaConditionalAccessPolicyStatus");
                    r.LegacyPerUserMfaStatus = item.OptionalString("legacyPerUserMfaStatus");
                    r.Figure = $"{r.AdminsRequiredNotUsingMfaCount} of {r.TotalAdminsCount} admins not using MFA";
                    break;
                case CustomersMfa:
                    r.TotalTenantCount = item.Long("totalTenantCount");
                    r.CompliantTenantCount = item.Long("compliantTenantCount");
                    r.Figure = $"{r.CompliantTenantCount} of {r.TotalTenantCount} customers compliant";
                    break;
                case AlertResponse:
                    r.AverageResponseTimeInHours = item.Double("averageResponseTimeInHours");
                    r.Figure = string.Format(CultureInfo.InvariantCulture, "Average response {0:0.#} h", r.AverageResponseTimeInHours);
                    break;
                case SpendingBudget:
                    r.TotalCustomersCount = item.Long("totalCustomersCount");
                    r.CustomersWithSpendBudgetCount = item.Long("customersWithSpendBudgetCount");
                    r.Figure = $"{r.CustomersWithSpendBudgetCount} of {r.TotalCustomersCount} customers with a budget";
                    break;
                case SecurityContact:
                    r.Figure = r.Status == RequirementCompliance.Compliant ? "Provided" : r.Status == RequirementCompliance.NotCompliant ? "Not provided" : "Unknown";
                    break;
                default:
                    r.Figure = "A requirement new to this module";
                    break;
            }
            if (r.Score < 0 || r.MaxScore < 0 || r.Score > r.MaxScore)
                throw StrictJson.Unreadable(item.Source, $"{item.Item} scores {r.Score} of {r.MaxScore}");
            return r;
        }

        /// <summary>compliant; "noncomplaint" as Graph's metadata spells it, and "nonCompliant" as one of its examples does; anything else is Unknown.</summary>
        public static RequirementCompliance Compliance(string status) => status switch
        {
            "compliant" => RequirementCompliance.Compliant,
            "noncomplaint" => RequirementCompliance.NotCompliant,
            "nonCompliant" => RequirementCompliance.NotCompliant,
            _ => RequirementCompliance.Unknown,
        };

        public static SecurityScoreHistoryEntry History(StrictJson item) => new SecurityScoreHistoryEntry
        {
            Id = item.String("id"),
            CreatedDateTime = item.Date("createdDateTime"),
            Score = item.Double("score"),
            CompliantRequirementsCount = item.Long("compliantRequirementsCount"),
            TotalRequirementsCount = item.Long("totalRequirementsCount"),
        };

        public static CustomerMfaInsight Insight(StrictJson item)
        {
            var tenantId = item.String("tenantId");
            if (!Guid.TryParse(tenantId, out _)) throw item.Invalid("tenantId", "a tenant id (a GUID)");
            var mfa = item.Object("mfa", item.Item + "'s MFA figures");
            return new CustomerMfaInsight
            {
                TenantId = tenantId,
                CompliantAdminsCount = mfa.Long("compliantAdminsCount"),
                CompliantNonAdminsCount = mfa.Long("compliantNonAdminsCount"),
                TotalUsersCount = mfa.Long("totalUsersCount"),
                SecurityDefaultsStatus = mfa.String("securityDefaultsStatus"),
                MfaConditionalAccessPolicyStatus = mfa.String("mfaConditionalAccessPolicyStatus"),
                LegacyPerUserMfaStatus = mfa.String("legacyPerUserMfaStatus"),
            };
        }
    }
}
