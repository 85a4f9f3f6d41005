using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// The smallest change that would cover a Partial or NotCompliant user at every sign-in (docs/mfa-coverage-rules.md,
    /// "Remedy"). Each policy that asks for MFA, in any state, is a candidate: the changes it needs (turn it on, include
    /// the user, lift each exclusion, drop what narrows it) make it cover the user Always by the same rules that drew the
    /// verdict. The fewest changes win; between equals, changes that touch only this user (a group membership, an
    /// exclusion naming them) beat changes to a policy that affect everyone it targets.
    /// </summary>
    internal static class MfaRemedy
    {
        private const int UserLevel = 0;
        private const int PolicyLevel = 1;

        private sealed class Candidate
        {
            public readonly List<(string Text, int Level)> Changes = new List<(string, int)>();
            public string Policy = string.Empty;
            public int Cost => Changes.Count;
            public int Level => Changes.Count == 0 ? UserLevel : Changes.Max(c => c.Level);
        }

        public static string For(MfaContext context, MfaUser user, Coverage coverage, MfaRegistration? registration)
        {
            if (coverage.IsDirectorySync)
                return "None advised: a directory synchronization account cannot complete MFA. Keep it excluded and allow its sign-ins only from the sync server's location.";
            var best = coverage.Assessments
                .Select(a => Changes(context, a))
                .Where(c => c != null && c.Cost > 0)
                .Select(c => c!)
                .OrderBy(c => c.Cost).ThenBy(c => c.Level).ThenBy(c => c.Policy, StringComparer.OrdinalIgnoreCase)
                .FirstOrDefault();
            string text;
            if (best != null) text = MfaExplanation.Capitalize(string.Join(" and ", best.Changes.Select(c => c.Text))) + ".";
            else if (!context.HasPoliciesInUse)
                text = "Turn on security defaults (Enable-PartnerSecurityDefaults), or enforce per-user MFA for the user (Set-PartnerUserMfaState -State Enforced).";
            else
                text = "Add the user to a conditional access policy that requires MFA for all resources, or enforce per-user MFA for them (Set-PartnerUserMfaState -State Enforced).";
            if (registration != null && !registration.IsMfaRegistered) text += " The user must then register an MFA method (they are asked at next sign-in).";
            return text;
        }

        /// <summary>What it takes for this policy to cover the user Always; null when no sensible change gets there.</summary>
        private static Candidate? Changes(MfaContext context, PolicyAssessment assessment)
        {
            var policy = assessment.Policy;
            var name = "'" + policy.DisplayName + "'";
            var candidate = new Candidate { Policy = policy.DisplayName };
            if (policy.IsReportOnly) candidate.Changes.Add(($"enable report-only policy {name}", PolicyLevel));
            else if (!policy.IsEnabled) candidate.Changes.Add(($"turn on policy {name} (now {policy.State})", PolicyLevel));

            if (!assessment.Match.Included)
            {
                // Joining a group the policy includes is the usual way in; naming the user works where it names users.
                // Roles and guest types are not granted to cover someone.
                var group = policy.IncludeGroups.Where(g => context.Data.Groups.ContainsKey(g))
                    .OrderBy(context.GroupName, StringComparer.OrdinalIgnoreCase).FirstOrDefault();
                if (group != null) candidate.Changes.Add(($"add the user to group '{context.GroupName(group)}' ({name} includes it)", UserLevel));
                else if (policy.IncludeUsers.Any(u => Guid.TryParse(u, out _))) candidate.Changes.Add(($"add the user to the users {name} includes", UserLevel));
                else return null;
            }
            foreach (var exclusion in assessment.Match.Exclusions)
            {
                candidate.Changes.Add(exclusion.Kind switch
                {
                    ExclusionKind.User => ($"remove the user from the users {name} excludes", UserLevel),
                    ExclusionKind.Group => ($"take the user out of group '{context.GroupName(exclusion.Value)}' ({name} excludes it)", UserLevel),
                    ExclusionKind.Role => ($"remove role '{context.RoleName(exclusion.Value)}' from the roles {name} excludes", PolicyLevel),
                    ExclusionKind.GuestsOrExternalUsers => ($"remove guests and external users from the users {name} excludes", PolicyLevel),
                    _ => ($"remove guest type {exclusion.Value} from the guest types {name} excludes", PolicyLevel),
                });
            }
            if (assessment.Narrowing.Count > 0)
                candidate.Changes.Add(($"make {name} apply without conditions (now: {string.Join("; ", assessment.Narrowing)})", PolicyLevel));
            return candidate;
        }
    }
}
