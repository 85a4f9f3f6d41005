using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>What a policy's user conditions need to know of one user.</summary>
    public interface IPrincipalFacts
    {
        string UserId { get; }
        /// <summary>b2bCollaborationGuest, b2bCollaborationMember, internalGuest, or null for members.</summary>
        string? ExternalUserType { get; }
        /// <summary>Transitive membership.</summary>
        bool InGroup(string groupId);
        /// <summary>An active role assigned tenant-wide (directoryScopeId "/"), directly or through a role-assignable group.</summary>
        bool HoldsTenantWideRole(string roleTemplateId);
    }

    /// <summary>Why a policy excludes a user: the kind of exclusion and the value named (user id, group id, role id, guest type).</summary>
    public sealed class PolicyExclusion
    {
        public PolicyExclusion(ExclusionKind kind, string value)
        {
            Kind = kind;
            Value = value;
        }

        public ExclusionKind Kind { get; }
        public string Value { get; }
    }

    public enum ExclusionKind { User, GuestsOrExternalUsers, GuestType, Group, Role }

    /// <summary>Whether a policy's users condition includes a user, what excludes them, and what makes either uncertain.</summary>
    public sealed class TargetMatch
    {
        public bool Included { get; internal set; }
        public List<PolicyExclusion> Exclusions { get; } = new List<PolicyExclusion>();
        /// <summary>Guests of only some external tenants: we cannot tell a guest's home tenant, so the policy is conditional.</summary>
        public List<string> Narrowing { get; } = new List<string>();
        public bool Applies => Included && Exclusions.Count == 0;
    }

    /// <summary>
    /// The users condition of a policy (docs/mfa-coverage-rules.md, "Who a policy applies to"), shared by the evaluator
    /// and the emulator's sign-in check: included by All, id, guest type, transitive group membership or a tenant-wide
    /// active role; excluded by the same tests, and exclusion always wins.
    /// </summary>
    public static class PolicyTargeting
    {
        public static TargetMatch Match(CaPolicy policy, IPrincipalFacts user)
        {
            var match = new TargetMatch();
            var external = user.ExternalUserType;
            bool byType = external != null && policy.IncludeGuestOrExternalUserTypes != null && Has(policy.IncludeGuestOrExternalUserTypes, external);
            bool otherwise = Has(policy.IncludeUsers, "All") || Has(policy.IncludeUsers, user.UserId)
                || (external != null && Has(policy.IncludeUsers, "GuestsOrExternalUsers"))
                || policy.IncludeGroups.Any(user.InGroup)
                || policy.IncludeRoles.Any(user.HoldsTenantWideRole);
            match.Included = otherwise || byType;
            if (!otherwise && byType && policy.IncludeSomeExternalTenants) match.Narrowing.Add("only guests of some external tenants");

            if (Has(policy.ExcludeUsers, user.UserId)) match.Exclusions.Add(new PolicyExclusion(ExclusionKind.User, user.UserId));
            if (external != null && Has(policy.ExcludeUsers, "GuestsOrExternalUsers")) match.Exclusions.Add(new PolicyExclusion(ExclusionKind.GuestsOrExternalUsers, external));
            if (external != null && policy.ExcludeGuestOrExternalUserTypes != null && Has(policy.ExcludeGuestOrExternalUserTypes, external))
            {
                if (policy.ExcludeSomeExternalTenants) match.Narrowing.Add("excludes guests of some external tenants");
                else match.Exclusions.Add(new PolicyExclusion(ExclusionKind.GuestType, external));
            }
            foreach (var group in policy.ExcludeGroups.Where(user.InGroup)) match.Exclusions.Add(new PolicyExclusion(ExclusionKind.Group, group));
            foreach (var role in policy.ExcludeRoles.Where(user.HoldsTenantWideRole)) match.Exclusions.Add(new PolicyExclusion(ExclusionKind.Role, role));
            return match;
        }

        private static bool Has(IReadOnlyList<string> values, string value) => values.Contains(value, StringComparer.OrdinalIgnoreCase);
    }
}
