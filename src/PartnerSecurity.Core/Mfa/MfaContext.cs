using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>One policy as it stands for one user: its shape, whether it targets them, and its state.</summary>
    internal sealed class PolicyAssessment
    {
        public PolicyAssessment(CaPolicy policy, MfaEvaluator.PolicyShape shape, TargetMatch match)
        {
            Policy = policy;
            Shape = shape;
            Match = match;
        }

        public CaPolicy Policy { get; }
        public MfaEvaluator.PolicyShape Shape { get; }
        public TargetMatch Match { get; }
        /// <summary>What narrows the policy for this user: the policy's own conditions and the user-specific ones (external tenants).</summary>
        public IReadOnlyList<string> Narrowing => Match.Narrowing.Count == 0 ? Shape.Narrowing : Shape.Narrowing.Concat(Match.Narrowing).ToList();
    }

    /// <summary>What covers one user, before the verdict is drawn.</summary>
    internal sealed class Coverage
    {
        public bool IsDirectorySync;
        public bool SecurityDefaultsAlways;
        public bool PerUserAlways;
        public readonly List<CaPolicy> CaAlways = new List<CaPolicy>();
        public readonly List<(string Policy, string Why)> CaConditional = new List<(string, string)>();
        public readonly List<(string Policy, string Why)> Excluded = new List<(string, string)>();
        public readonly List<string> ReportOnly = new List<string>();
        /// <summary>Enabled policies that name the user and ask for MFA but can never require it, with why.</summary>
        public readonly List<(string Policy, string Why, bool Quiet)> Ineffective = new List<(string, string, bool)>();
        /// <summary>Enabled MFA policies that include a role the user holds only scoped to an administrative unit or object.</summary>
        public readonly List<(string Policy, string Role)> ScopedRoleOnly = new List<(string, string)>();
        /// <summary>Every MFA-asking policy in any state, as it stands for the user (for the remedy).</summary>
        public readonly List<PolicyAssessment> Assessments = new List<PolicyAssessment>();
    }

    /// <summary>Indexes over one tenant's data (each user's groups and roles, each policy's shape) and who covers a user.</summary>
    internal sealed class MfaContext
    {
        private readonly Dictionary<string, List<MfaGroup>> _groupsOfUser = new Dictionary<string, List<MfaGroup>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<MfaRoleGrant>> _grants = new Dictionary<string, List<MfaRoleGrant>>(StringComparer.OrdinalIgnoreCase);
        private readonly List<(CaPolicy Policy, MfaEvaluator.PolicyShape Shape)> _policies;

        public MfaContext(MfaTenantData data)
        {
            Data = data;
            Names = new ApplicationNames(data.ServicePrincipalNames);
            foreach (var group in data.Groups.Values)
            {
                foreach (var userId in group.TransitiveUserIds)
                {
                    if (!_groupsOfUser.TryGetValue(userId, out var list)) _groupsOfUser[userId] = list = new List<MfaGroup>();
                    list.Add(group);
                }
            }
            foreach (var grant in data.RoleGrants)
            {
                var holders = data.Groups.TryGetValue(grant.PrincipalId, out var group)
                    ? group.TransitiveUserIds.Append(grant.PrincipalId)
                    : new[] { grant.PrincipalId };
                foreach (var holder in holders)
                {
                    if (!_grants.TryGetValue(holder, out var list)) _grants[holder] = list = new List<MfaRoleGrant>();
                    list.Add(grant);
                }
            }
            _policies = data.Policies.Select(p => (p, MfaEvaluator.Shape(p, Names))).ToList();
        }

        public MfaTenantData Data { get; }
        public ApplicationNames Names { get; }

        public IReadOnlyList<MfaRoleGrant> Grants(string userId) =>
            _grants.TryGetValue(userId, out var grants) ? (IReadOnlyList<MfaRoleGrant>)grants : Array.Empty<MfaRoleGrant>();

        public bool InGroup(string userId, string groupId) =>
            Data.Groups.TryGetValue(groupId, out var group) && group.TransitiveUserIds.Contains(userId);

        public string GroupName(string groupId) => Data.Groups.TryGetValue(groupId, out var g) ? g.DisplayName : groupId;
        public string RoleName(string roleId) => Data.RoleNames.TryGetValue(roleId, out var name) ? name : roleId;

        /// <summary>Whether a tenant has any conditional access policy in use (security defaults cannot be on beside it).</summary>
        public bool HasPoliciesInUse => Data.Policies.Any(p => p.IsEnabled || p.IsReportOnly);

        public Coverage Cover(MfaUser user)
        {
            var coverage = new Coverage();
            var grants = Grants(user.Id);
            var facts = new Facts(this, user, grants);
            // Security defaults exclude the sync role wherever it is assigned.
            coverage.IsDirectorySync = grants.Any(g => !g.Eligible && string.Equals(g.RoleDefinitionId, MfaConstants.DirectorySynchronizationAccountsRole, StringComparison.OrdinalIgnoreCase));
            coverage.SecurityDefaultsAlways = Data.SecurityDefaultsEnabled && !coverage.IsDirectorySync;
            if (Data.PerUserMfaStates.TryGetValue(user.Id, out var state))
                coverage.PerUserAlways = state == "enabled" || state == "enforced";

            foreach (var (policy, shape) in _policies)
            {
                if (!shape.IsSignInMfa && !shape.NeverRequiresMfa) continue;
                var match = PolicyTargeting.Match(policy, facts);
                var assessment = new PolicyAssessment(policy, shape, match);
                if (shape.IsSignInMfa) coverage.Assessments.Add(assessment);
                if (!policy.IsEnabled && !policy.IsReportOnly) continue;
                if (!match.Included)
                {
                    if (policy.IsEnabled && shape.IsSignInMfa)
                        foreach (var role in policy.IncludeRoles.Where(facts.HoldsScopedRoleOnly)) coverage.ScopedRoleOnly.Add((policy.DisplayName, RoleName(role)));
                    continue;
                }
                if (match.Exclusions.Count > 0)
                {
                    if (policy.IsEnabled && shape.IsSignInMfa) coverage.Excluded.Add((policy.DisplayName, string.Join("; ", match.Exclusions.Select(Describe))));
                    continue;
                }
                if (shape.NeverRequiresMfa)
                {
                    if (policy.IsEnabled) coverage.Ineffective.Add((policy.DisplayName, shape.NotMfaBecause!, shape.Quiet));
                    continue;
                }
                if (!policy.IsEnabled) coverage.ReportOnly.Add(policy.DisplayName);
                else if (assessment.Narrowing.Count == 0) coverage.CaAlways.Add(policy);
                else coverage.CaConditional.Add((policy.DisplayName, string.Join("; ", assessment.Narrowing)));
            }
            return coverage;
        }

        public string Describe(PolicyExclusion exclusion) => exclusion.Kind switch
        {
            ExclusionKind.User => "user",
            ExclusionKind.GuestsOrExternalUsers => "guests or external users",
            ExclusionKind.GuestType => "guest type " + exclusion.Value,
            ExclusionKind.Group => "group " + GroupName(exclusion.Value),
            _ => "role " + RoleName(exclusion.Value),
        };

        /// <summary>One user as the users condition sees them: transitive groups, tenant-wide active roles.</summary>
        private sealed class Facts : IPrincipalFacts
        {
            private readonly MfaContext _context;
            private readonly IReadOnlyList<MfaRoleGrant> _grants;

            public Facts(MfaContext context, MfaUser user, IReadOnlyList<MfaRoleGrant> grants)
            {
                _context = context;
                _grants = grants;
                UserId = user.Id;
                ExternalUserType = MfaEvaluator.ExternalUserType(user);
            }

            public string UserId { get; }
            public string? ExternalUserType { get; }
            public bool InGroup(string groupId) => _context.InGroup(UserId, groupId);

            public bool HoldsTenantWideRole(string roleTemplateId) =>
                _grants.Any(g => !g.Eligible && g.IsTenantWide && string.Equals(g.RoleDefinitionId, roleTemplateId, StringComparison.OrdinalIgnoreCase));

            public bool HoldsScopedRoleOnly(string roleTemplateId) =>
                !HoldsTenantWideRole(roleTemplateId)
                && _grants.Any(g => !g.Eligible && !g.IsTenantWide && string.Equals(g.RoleDefinitionId, roleTemplateId, StringComparison.OrdinalIgnoreCase));
        }
    }
}
