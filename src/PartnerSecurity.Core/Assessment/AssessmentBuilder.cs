using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityScore;

namespace PartnerSecurity.Assessment
{
    /// <summary>
    /// Builds one tenant's assessment from the readers' outputs (pure): each requirement of docs/assessment.md with its
    /// status, evidence, Microsoft's figure beside ours, and the remedy; Unknown with the reason wherever a read failed.
    /// </summary>
    public static class AssessmentBuilder
    {
        /// <summary>An alert answered later than this (or not at all) fails the requirement (Microsoft asks for 24 hours).</summary>
        public const double AlertResponseHours = 24;

        public static TenantAssessment Build(AssessmentInputs inputs)
        {
            var partner = inputs.Tenant.IsHome;
            var mfa = inputs.Mfa.Value;
            var score = inputs.Score?.Value;
            var list = new List<RequirementResult>
            {
                AssessmentRequirements.MfaAllUsers(inputs, Requirement(score, SecurityScoreParser.AdminsMfa)),
                AssessmentRequirements.MfaAdmins(inputs, Requirement(score, SecurityScoreParser.AdminsMfa)),
                AssessmentRequirements.MfaMechanism(inputs, Requirement(score, SecurityScoreParser.AdminsMfa)),
                AssessmentRequirements.Alerts(inputs, Requirement(score, SecurityScoreParser.AlertResponse)),
                AssessmentRequirements.SecurityContact(inputs, Requirement(score, SecurityScoreParser.SecurityContact)),
                AssessmentRequirements.SpendingBudget(inputs, Requirement(score, SecurityScoreParser.SpendingBudget)),
                AssessmentRequirements.AppUserMfa(inputs),
                AssessmentRequirements.SamToken(inputs),
                AssessmentRequirements.ConnectedAccount(inputs),
                AssessmentRequirements.LegacyAuth(inputs),
                AssessmentRequirements.SingleFactor(inputs),
                AssessmentRequirements.Scripts(inputs),
            };
            if (inputs.UnreadableRemedy != null)
                foreach (var r in list.Where(r => r.Status == AssessmentStatus.Unknown && r.Reason == inputs.Mfa.Failure)) r.Remedy = inputs.UnreadableRemedy;
            var ordered = list.Select((r, i) => (r, i)).OrderBy(x => Rank(x.r.Status)).ThenByDescending(x => x.r.Weight).ThenBy(x => x.i).Select(x => x.r).ToArray();
            var counted = ordered.Where(r => r.Status != AssessmentStatus.NotApplicable).ToList();
            int total = counted.Sum(r => r.Weight);
            var result = new TenantAssessment
            {
                TenantId = mfa?.Tenant.Id ?? inputs.Tenant.Id,
                TenantName = mfa?.Tenant.Name ?? mfa?.Data.TenantName ?? inputs.Tenant.Name ?? inputs.Tenant.Id,
                IsPartnerTenant = partner,
                AssessedAt = inputs.Now,
                Requirements = ordered,
                Passed = ordered.Count(r => r.Status == AssessmentStatus.Passed),
                Failed = ordered.Count(r => r.Status == AssessmentStatus.Failed),
                Unknown = ordered.Count(r => r.Status == AssessmentStatus.Unknown),
                NotApplicable = ordered.Count(r => r.Status == AssessmentStatus.NotApplicable),
                Score = total == 0 ? 0 : Math.Round(100.0 * counted.Where(r => r.Status == AssessmentStatus.Passed).Sum(r => r.Weight) / total, 1),
                MicrosoftScore = partner ? score?.CurrentScore : null,
                MicrosoftMaxScore = partner ? score?.MaxScore : null,
                UsersExposed = mfa == null ? (int?)null : AssessmentRequirements.Exposed(mfa).Count,
                Warnings = (mfa?.Warnings ?? Array.Empty<string>()).ToArray(),
                Users = (mfa?.Verdicts ?? Array.Empty<MfaVerdict>()).Select(AssessedUser.From).ToArray(),
            };
            result.TopFixes = ordered
                .Where(r => (r.Status == AssessmentStatus.Failed || r.Status == AssessmentStatus.Unknown) && r.Remedy != null)
                .GroupBy(r => r.Remedy, StringComparer.Ordinal).Select(g => g.First())
                .Take(3).Select(r => r.Requirement + ": " + r.Remedy).ToArray();
            return result;
        }

        /// <summary>Gaps first: Failed, Unknown, Passed, NotApplicable.</summary>
        private static int Rank(AssessmentStatus status) => status switch
        {
            AssessmentStatus.Failed => 0,
            AssessmentStatus.Unknown => 1,
            AssessmentStatus.Passed => 2,
            _ => 3,
        };

        private static SecurityRequirementStatus? Requirement(PartnerSecurityScore? score, string type) =>
            score?.Requirements.FirstOrDefault(r => r.RequirementType == type);

        internal static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
