using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>Which users' per-user MFA state a read fetches (it has no bulk endpoint: one batched request per user).</summary>
    public enum PerUserMfaNeed
    {
        /// <summary>Only enabled users whose verdict it can still change: not already covered at every sign-in by security defaults or conditional access.</summary>
        WhereVerdictDepends,
        /// <summary>As <see cref="WhereVerdictDepends"/>, but as if security defaults were off (for "who would lose coverage").</summary>
        WhereVerdictDependsWithoutSecurityDefaults,
        /// <summary>Every enabled user, so that EnforcedBy lists per-user MFA even beside other mechanisms.</summary>
        AllEnabledUsers,
        /// <summary>Nobody: the caller has the states it needs.</summary>
        None,
    }

    /// <summary>
    /// The MFA coverage rules (docs/mfa-coverage-rules.md) as a pure function: plain tenant data in, one verdict per
    /// user out. No I/O, no clock, no randomness.
    /// </summary>
    public static class MfaEvaluator
    {
        /// <summary>The verdicts of every user (or of the users <paramref name="scope"/> keeps), sorted by UPN.</summary>
        public static IReadOnlyList<MfaVerdict> Evaluate(MfaTenantData data, Func<MfaUser, bool>? scope = null)
        {
            var context = new MfaContext(data);
            return data.Users
                .Where(u => scope == null || scope(u))
                .OrderBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
                .Select(u => MfaExplanation.Verdict(context, u))
                .ToList();
        }

        /// <summary>The users whose per-user MFA state must be read, under the given need.</summary>
        public static IReadOnlyList<MfaUser> UsersNeedingPerUserState(MfaTenantData data, PerUserMfaNeed need, Func<MfaUser, bool>? scope = null)
        {
            var context = new MfaContext(data);
            var result = new List<MfaUser>();
            if (need == PerUserMfaNeed.None) return result;
            foreach (var user in data.Users)
            {
                if (!user.AccountEnabled || (scope != null && !scope(user))) continue;
                if (need == PerUserMfaNeed.AllEnabledUsers) { result.Add(user); continue; }
                var coverage = context.Cover(user);
                bool securityDefaults = need == PerUserMfaNeed.WhereVerdictDepends && coverage.SecurityDefaultsAlways;
                if (!securityDefaults && coverage.CaAlways.Count == 0) result.Add(user);
            }
            return result;
        }

        /// <summary>How a user would guess their type of external user (the contract's three types), or null for members.</summary>
        public static string? ExternalUserType(MfaUser user)
        {
            bool external = user.UserPrincipalName.IndexOf("#EXT#", StringComparison.OrdinalIgnoreCase) >= 0;
            bool guest = string.Equals(user.UserType, "Guest", StringComparison.OrdinalIgnoreCase);
            if (external) return guest ? MfaConstants.B2bCollaborationGuest : MfaConstants.B2bCollaborationMember;
            return guest ? MfaConstants.InternalGuest : null;
        }

        /// <summary>
        /// What a policy is, independent of any user: whether it is a sign-in MFA policy at all, and what
        /// narrows it (empty: it requires MFA at every sign-in of the users it applies to).
        /// </summary>
        public static PolicyShape Shape(CaPolicy policy) => Shape(policy, ApplicationNames.Default);

        /// <summary>As <see cref="Shape(CaPolicy)"/>, naming applications with the tenant's service principals.</summary>
        public static PolicyShape Shape(CaPolicy policy, ApplicationNames names)
        {
            var controls = policy.BuiltInControls;
            if (PolicyConditions.Has(controls, "block")) return PolicyShape.NotMfa("blocks access");
            var strength = policy.AuthenticationStrength == null ? null : AuthenticationStrengths.Evaluate(policy.AuthenticationStrength);
            var options = PolicyConditions.GrantOptions(policy, strength);
            bool asksForMfa = options.Any(o => o.IsMfa);
            if (!asksForMfa)
            {
                if (strength != null && strength.NoneMultifactor)
                    return PolicyShape.NeverMfa($"requires authentication strength '{AuthenticationStrengths.Name(strength.Strength)}', which allows only single-factor sign-in ({string.Join("; ", strength.SingleFactorCombinations)})", strength);
                if (strength == null) return PolicyShape.NotMfa("does not require MFA");
            }
            if (policy.IncludeUserActions.Count > 0 || policy.IncludeAuthenticationContextClassReferences.Count > 0)
                return PolicyShape.NotMfa("targets user actions or authentication contexts, not sign-in");
            if (policy.TargetsWorkloadIdentities)
                return PolicyShape.NeverMfa("applies to workload identities (conditions.clientApplications), not users", strength);
            if (policy.IncludeApplications.Count == 0 || PolicyConditions.Has(policy.IncludeApplications, ApplicationNames.None))
                return PolicyShape.NeverMfa("applies to no application (includeApplications: None)", strength);
            var clients = policy.ClientAppTypes;
            if (!PolicyConditions.AllClients(clients) && clients.All(PolicyConditions.IsLegacyClient))
                return PolicyShape.NeverMfa("applies only to legacy authentication clients, which cannot be prompted for MFA", strength, quiet: true);

            var narrowing = PolicyConditions.Conditions(policy, names).Where(c => c.Narrowing != null).Select(c => c.Narrowing!).ToList();
            foreach (var uncertain in options.Where(o => o.Uncertain)) narrowing.Add(uncertain.Name + ": allowed combinations unknown");
            var alternatives = options.Where(o => !o.IsMfa).Select(o => o.Name).ToList();
            if (alternatives.Count > 0)
            {
                // Under OR, MFA must be the only way in: any other control (a compliant or joined device, an approved
                // or compliant app, terms of use, a strength with a single-factor combination) lets a user in without it.
                // Under AND the only case left is a strength with single-factor combinations and no other MFA control.
                if (!asksForMfa) narrowing.Add(options.First(o => !o.IsMfa && o.Name.StartsWith("authentication strength", StringComparison.Ordinal)).Name);
                else if (!string.Equals(policy.GrantOperator, "AND", StringComparison.OrdinalIgnoreCase)) narrowing.Add("alternative grant: " + string.Join(", ", alternatives));
            }
            return PolicyShape.Mfa(narrowing, strength);
        }

        /// <summary>What a policy is for MFA, before looking at any user.</summary>
        public sealed class PolicyShape
        {
            private PolicyShape(bool isMfa, IReadOnlyList<string> narrowing, string? notMfaBecause, bool neverMfa, StrengthVerdict? strength, bool quiet = false)
            {
                Quiet = quiet;
                IsSignInMfa = isMfa;
                Narrowing = narrowing;
                NotMfaBecause = notMfaBecause;
                NeverRequiresMfa = neverMfa;
                Strength = strength;
            }

            /// <summary>Whether the policy can require MFA at sign-in of anyone.</summary>
            public bool IsSignInMfa { get; }
            /// <summary>What narrows it; empty means every sign-in of the users it applies to.</summary>
            public IReadOnlyList<string> Narrowing { get; }
            public string? NotMfaBecause { get; }
            /// <summary>It asks for MFA, yet can never require it at sign-in (no application, legacy clients only, a single-factor strength...): named in verdicts.</summary>
            public bool NeverRequiresMfa { get; }
            /// <summary>The authentication strength the grant requires, judged; null when there is none.</summary>
            public StrengthVerdict? Strength { get; }
            public bool Always => IsSignInMfa && Narrowing.Count == 0;
            /// <summary>Listed in IneffectivePolicies but left out of the one-line Reason: a legacy-clients-only policy usually names everyone.</summary>
            internal bool Quiet { get; }

            internal static PolicyShape Mfa(IReadOnlyList<string> narrowing, StrengthVerdict? strength) => new PolicyShape(true, narrowing, null, false, strength);
            internal static PolicyShape NotMfa(string why) => new PolicyShape(false, Array.Empty<string>(), why, false, null);
            internal static PolicyShape NeverMfa(string why, StrengthVerdict? strength, bool quiet = false) => new PolicyShape(false, Array.Empty<string>(), why, true, strength, quiet);
        }
    }
}
