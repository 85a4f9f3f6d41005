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
    }

    /// <summary>
    /// The MFA coverage rules (shared/mfa-coverage-rules.md) as a pure function: plain tenant data in,
    /// one verdict per user out. No I/O, no clock, no randomness.
    /// </summary>
    public static class MfaEvaluator
    {
        private static readonly string[] s_alternativeGrants = { "compliantDevice", "domainJoinedDevice", "approvedApplication", "compliantApplication" };
        private static readonly string[] s_legacyClients = { "exchangeActiveSync", "easSupported", "other" };

        /// <summary>The verdicts of every user (or of the users <paramref name="scope"/> keeps), sorted by UPN.</summary>
        public static IReadOnlyList<MfaVerdict> Evaluate(MfaTenantData data, Func<MfaUser, bool>? scope = null)
        {
            var context = new Context(data);
            return data.Users
                .Where(u => scope == null || scope(u))
                .OrderBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
                .Select(u => context.Verdict(u))
                .ToList();
        }

        /// <summary>The users whose per-user MFA state must be read, under the given need.</summary>
        public static IReadOnlyList<MfaUser> UsersNeedingPerUserState(MfaTenantData data, PerUserMfaNeed need, Func<MfaUser, bool>? scope = null)
        {
            var context = new Context(data);
            var result = new List<MfaUser>();
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
        public static PolicyShape Shape(CaPolicy policy)
        {
            var controls = policy.BuiltInControls;
            bool asksForMfa = Has(controls, "mfa") || policy.AuthenticationStrength != null || policy.CustomAuthenticationFactors.Count > 0;
            if (Has(controls, "block")) return PolicyShape.NotMfa("blocks access");
            if (!asksForMfa) return PolicyShape.NotMfa("does not require MFA");
            if (policy.IncludeUserActions.Count > 0 || policy.IncludeAuthenticationContextClassReferences.Count > 0)
                return PolicyShape.NotMfa("targets user actions or authentication contexts, not sign-in");
            if (policy.IncludeApplications.Count == 0 || Has(policy.IncludeApplications, "None"))
                return PolicyShape.NotMfa("applies to no application");
            var clients = policy.ClientAppTypes;
            bool allClients = Has(clients, "all") || (Has(clients, "browser") && Has(clients, "mobileAppsAndDesktopClients"));
            if (!allClients && clients.All(c => s_legacyClients.Contains(c, StringComparer.OrdinalIgnoreCase)))
                return PolicyShape.NotMfa("legacy authentication clients cannot be prompted for MFA");

            var narrowing = new List<string>();
            if (!Has(policy.IncludeApplications, "All")) narrowing.Add("specific applications");
            else if (policy.ExcludeApplications.Count > 0) narrowing.Add("excludes applications");
            if (!allClients)
                narrowing.Add("client apps: " + string.Join(", ", clients.Where(c => !s_legacyClients.Contains(c, StringComparer.OrdinalIgnoreCase))));
            if (policy.Locations != null)
            {
                if (!Has(policy.Locations.Include, "All")) narrowing.Add("specific locations");
                if (policy.Locations.Exclude.Count > 0) narrowing.Add("excludes locations");
            }
            if (policy.Platforms != null)
            {
                if (!Has(policy.Platforms.Include, "all")) narrowing.Add("specific platforms");
                if (policy.Platforms.Exclude.Count > 0) narrowing.Add("excludes platforms");
            }
            if (policy.SignInRiskLevels.Count > 0) narrowing.Add("risk-based (sign-in risk)");
            if (policy.UserRiskLevels.Count > 0) narrowing.Add("risk-based (user risk)");
            if (policy.ServicePrincipalRiskLevels.Count > 0) narrowing.Add("risk-based (service principal risk)");
            if (policy.InsiderRiskLevels != null) narrowing.Add("risk-based (insider risk)");
            if (policy.HasDeviceFilter) narrowing.Add("device filter");
            if (policy.HasAuthenticationFlows) narrowing.Add("authentication flows");
            if (!string.Equals(policy.GrantOperator, "AND", StringComparison.OrdinalIgnoreCase))
            {
                // Under OR, MFA must be the only way in: any other control (a compliant or joined device, an
                // approved or compliant app, terms of use...) lets a user in without it.
                var alternatives = controls.Where(c => !string.Equals(c, "mfa", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(c => Array.FindIndex(s_alternativeGrants, a => string.Equals(a, c, StringComparison.OrdinalIgnoreCase)) is var i && i >= 0 ? i : s_alternativeGrants.Length)
                    .ToList();
                if (policy.TermsOfUse.Count > 0) alternatives.Add("terms of use");
                if (alternatives.Count > 0) narrowing.Add("alternative grant: " + string.Join(", ", alternatives));
            }
            return PolicyShape.Mfa(narrowing);
        }

        private static bool Has(IReadOnlyList<string> values, string value) => values.Contains(value, StringComparer.OrdinalIgnoreCase);

        /// <summary>What a policy is for MFA, before looking at any user.</summary>
        public sealed class PolicyShape
        {
            private PolicyShape(bool isMfa, IReadOnlyList<string> narrowing, string? notMfaBecause)
            {
                IsSignInMfa = isMfa;
                Narrowing = narrowing;
                NotMfaBecause = notMfaBecause;
            }

            /// <summary>Whether the policy can require MFA at sign-in of anyone.</summary>
            public bool IsSignInMfa { get; }
            /// <summary>What narrows it; empty means every sign-in of the users it applies to.</summary>
            public IReadOnlyList<string> Narrowing { get; }
            public string? NotMfaBecause { get; }
            public bool Always => IsSignInMfa && Narrowing.Count == 0;

            internal static PolicyShape Mfa(IReadOnlyList<string> narrowing) => new PolicyShape(true, narrowing, null);
            internal static PolicyShape NotMfa(string why) => new PolicyShape(false, Array.Empty<string>(), why);
        }

        /// <summary>What covers one user, before the verdict is drawn.</summary>
        private sealed class Coverage
        {
            public bool IsDirectorySync;
            public bool SecurityDefaultsAlways;
            public bool PerUserAlways;
            public readonly List<string> CaAlways = new List<string>();
            public readonly List<(string Policy, string Why)> CaConditional = new List<(string, string)>();
            public readonly List<(string Policy, string Why)> Excluded = new List<(string, string)>();
            public readonly List<string> ReportOnly = new List<string>();
        }

        /// <summary>Indexes over one tenant's data: each user's groups and roles, each policy's shape.</summary>
        private sealed class Context
        {
            private readonly MfaTenantData _data;
            private readonly Dictionary<string, List<MfaGroup>> _groupsOfUser = new Dictionary<string, List<MfaGroup>>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, HashSet<string>> _activeRoles = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            private readonly Dictionary<string, HashSet<string>> _eligibleRoles = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            private readonly List<(CaPolicy Policy, PolicyShape Shape)> _policies;

            public Context(MfaTenantData data)
            {
                _data = data;
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
                    var target = grant.Eligible ? _eligibleRoles : _activeRoles;
                    foreach (var holder in holders)
                    {
                        if (!target.TryGetValue(holder, out var roles)) target[holder] = roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                        roles.Add(grant.RoleDefinitionId);
                    }
                }
                _policies = data.Policies
                    .Where(p => p.State == "enabled" || p.State == "enabledForReportingButNotEnforced")
                    .Select(p => (p, Shape(p)))
                    .ToList();
            }

            private IReadOnlyCollection<string> ActiveRoles(string userId) =>
                _activeRoles.TryGetValue(userId, out var roles) ? (IReadOnlyCollection<string>)roles : Array.Empty<string>();

            private bool InGroup(string userId, string groupId) =>
                _data.Groups.TryGetValue(groupId, out var group) && group.TransitiveUserIds.Contains(userId);

            private string GroupName(string groupId) => _data.Groups.TryGetValue(groupId, out var g) ? g.DisplayName : groupId;
            private string RoleName(string roleId) => _data.RoleNames.TryGetValue(roleId, out var name) ? name : roleId;

            public Coverage Cover(MfaUser user)
            {
                var coverage = new Coverage();
                var roles = ActiveRoles(user.Id);
                coverage.IsDirectorySync = roles.Contains(MfaConstants.DirectorySynchronizationAccountsRole, StringComparer.OrdinalIgnoreCase);
                coverage.SecurityDefaultsAlways = _data.SecurityDefaultsEnabled && !coverage.IsDirectorySync;
                if (_data.PerUserMfaStates.TryGetValue(user.Id, out var state))
                    coverage.PerUserAlways = state == "enabled" || state == "enforced";

                var externalType = ExternalUserType(user);
                foreach (var (policy, shape) in _policies)
                {
                    if (!shape.IsSignInMfa) continue;
                    if (!Included(policy, user, externalType, roles)) continue;
                    var exclusions = Exclusions(policy, user, externalType, roles);
                    bool enforced = policy.State == "enabled";
                    if (exclusions.Count > 0)
                    {
                        if (enforced) coverage.Excluded.Add((policy.DisplayName, string.Join("; ", exclusions)));
                        continue;
                    }
                    if (!enforced) coverage.ReportOnly.Add(policy.DisplayName);
                    else if (shape.Always) coverage.CaAlways.Add(policy.DisplayName);
                    else coverage.CaConditional.Add((policy.DisplayName, string.Join("; ", shape.Narrowing)));
                }
                return coverage;
            }

            private bool Included(CaPolicy policy, MfaUser user, string? externalType, IReadOnlyCollection<string> roles)
            {
                if (Has(policy.IncludeUsers, "All") || Has(policy.IncludeUsers, user.Id)) return true;
                if (externalType != null && Has(policy.IncludeUsers, "GuestsOrExternalUsers")) return true;
                if (externalType != null && policy.IncludeGuestOrExternalUserTypes != null && Has(policy.IncludeGuestOrExternalUserTypes, externalType)) return true;
                if (policy.IncludeGroups.Any(g => InGroup(user.Id, g))) return true;
                return policy.IncludeRoles.Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase));
            }

            private List<string> Exclusions(CaPolicy policy, MfaUser user, string? externalType, IReadOnlyCollection<string> roles)
            {
                var reasons = new List<string>();
                if (Has(policy.ExcludeUsers, user.Id)) reasons.Add("user");
                if (externalType != null && Has(policy.ExcludeUsers, "GuestsOrExternalUsers")) reasons.Add("guests or external users");
                if (externalType != null && policy.ExcludeGuestOrExternalUserTypes != null && Has(policy.ExcludeGuestOrExternalUserTypes, externalType))
                    reasons.Add("guest type " + externalType);
                foreach (var group in policy.ExcludeGroups.Where(g => InGroup(user.Id, g))) reasons.Add("group " + GroupName(group));
                foreach (var role in policy.ExcludeRoles.Where(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase))) reasons.Add("role " + RoleName(role));
                return reasons;
            }

            public MfaVerdict Verdict(MfaUser user)
            {
                // A disabled account is out of scope: nothing is said to cover it, so that no report counts it as covered.
                var coverage = user.AccountEnabled ? Cover(user) : new Coverage();
                _data.PerUserMfaStates.TryGetValue(user.Id, out var perUserState);
                bool perUserUnreadable = _data.PerUserMfaUnreadable.Contains(user.Id);

                var enforcedBy = new List<string>();
                if (coverage.SecurityDefaultsAlways) enforcedBy.Add(MfaConstants.SecurityDefaults);
                if (coverage.PerUserAlways) enforcedBy.Add(MfaConstants.PerUserMfa);
                if (coverage.CaAlways.Count > 0) enforcedBy.Add(MfaConstants.ConditionalAccess);

                MfaStatus status;
                if (!user.AccountEnabled) status = MfaStatus.NotApplicable;
                else if (enforcedBy.Count > 0) status = MfaStatus.Compliant;
                else if (_data.SecurityDefaultsEnabled && coverage.IsDirectorySync) status = MfaStatus.Exempt;
                else if (coverage.CaConditional.Count > 0) status = MfaStatus.Partial;
                else status = MfaStatus.NotCompliant;

                MfaRegistration? registration = null;
                _data.Registrations?.TryGetValue(user.Id, out registration);

                var active = ActiveRoles(user.Id);
                var eligible = _eligibleRoles.TryGetValue(user.Id, out var e) ? (IEnumerable<string>)e : Array.Empty<string>();
                var adminRoles = active.Select(RoleName)
                    .Concat(eligible.Where(r => !active.Contains(r, StringComparer.OrdinalIgnoreCase)).Select(r => RoleName(r) + " (eligible)"))
                    .Distinct(StringComparer.OrdinalIgnoreCase);

                var verdict = new MfaVerdict
                {
                    TenantId = _data.TenantId,
                    TenantName = _data.TenantName,
                    UserPrincipalName = user.UserPrincipalName,
                    DisplayName = user.DisplayName,
                    UserId = user.Id,
                    UserType = user.UserType,
                    AccountEnabled = user.AccountEnabled,
                    Status = status,
                    EnforcedBy = enforcedBy.ToArray(),
                    ConditionalAccessPolicies = MfaVerdict.Sorted(coverage.CaAlways),
                    ConditionalPolicies = MfaVerdict.Sorted(coverage.CaConditional.Select(c => $"{c.Policy} ({c.Why})")),
                    ExcludedFrom = MfaVerdict.Sorted(coverage.Excluded.Select(c => $"{c.Policy} ({c.Why})")),
                    ReportOnlyPolicies = MfaVerdict.Sorted(coverage.ReportOnly),
                    SecurityDefaultsEnabled = _data.SecurityDefaultsEnabled,
                    PerUserMfaState = perUserState,
                    IsMfaRegistered = registration?.IsMfaRegistered,
                    IsMfaCapable = registration?.IsMfaCapable,
                    MethodsRegistered = registration?.MethodsRegistered.ToArray(),
                    AdminRoles = MfaVerdict.Sorted(adminRoles),
                };
                verdict.IsAdmin = verdict.AdminRoles.Length > 0;
                verdict.Reason = Reason(verdict, coverage, perUserState, perUserUnreadable, registration);
                return verdict;
            }

            private string Reason(MfaVerdict verdict, Coverage coverage, string? perUserState, bool perUserUnreadable, MfaRegistration? registration)
            {
                switch (verdict.Status)
                {
                    case MfaStatus.NotApplicable:
                        return "Account disabled: out of scope of the MFA requirement.";
                    case MfaStatus.Compliant:
                    {
                        var by = new List<string>();
                        if (coverage.SecurityDefaultsAlways) by.Add("security defaults");
                        if (coverage.PerUserAlways) by.Add($"per-user MFA ({perUserState})");
                        // The first policy by name; ConditionalAccessPolicies lists them all.
                        if (coverage.CaAlways.Count > 0)
                            by.Add($"policy '{MfaVerdict.Sorted(coverage.CaAlways)[0]}'" + (coverage.CaAlways.Count > 1 ? $" (and {coverage.CaAlways.Count - 1} more)" : string.Empty));
                        var text = "MFA required at every sign-in by " + JoinAnd(by) + ".";
                        if (registration != null && !registration.IsMfaRegistered) text += " Not registered yet: will be asked to register at next sign-in.";
                        return text;
                    }
                    case MfaStatus.Exempt:
                        return "Directory synchronization account: security defaults exclude it by design, and nothing else requires MFA.";
                    case MfaStatus.Partial:
                        return "MFA required only under conditions: " + Quoted(coverage.CaConditional) + "." + Gaps(coverage, perUserState, perUserUnreadable, includeNothing: false);
                    default:
                        return "Nothing requires MFA at sign-in." + Gaps(coverage, perUserState, perUserUnreadable, includeNothing: true);
                }
            }

            private string Gaps(Coverage coverage, string? perUserState, bool perUserUnreadable, bool includeNothing)
            {
                var parts = new List<string>();
                if (coverage.Excluded.Count > 0) parts.Add("Excluded from " + Quoted(coverage.Excluded) + ".");
                if (coverage.ReportOnly.Count > 0) parts.Add(Quoted(coverage.ReportOnly, "Report-only policy", "Report-only policies") + " would require it but enforce nothing.");
                if (includeNothing)
                {
                    var off = new List<string>();
                    if (!_data.SecurityDefaultsEnabled) off.Add("security defaults are off");
                    else if (coverage.IsDirectorySync) off.Add("security defaults exclude directory synchronization accounts");
                    if (perUserUnreadable) off.Add("per-user MFA state could not be read");
                    else if (perUserState != null) off.Add("per-user MFA is " + perUserState);
                    if (coverage.Excluded.Count == 0) off.Add("no enabled conditional access policy requires MFA for this user");
                    parts.Add(Capitalize(string.Join(", ", off)) + ".");
                }
                else if (perUserUnreadable) parts.Add("Per-user MFA state could not be read.");
                return parts.Count == 0 ? string.Empty : " " + string.Join(" ", parts);
            }

            private static string Quoted(IEnumerable<(string Policy, string Why)> items) =>
                string.Join("; ", items.OrderBy(i => i.Policy, StringComparer.OrdinalIgnoreCase).Select(i => $"'{i.Policy}' ({i.Why})"));

            private static string Quoted(IReadOnlyList<string> names, string one, string many) =>
                (names.Count == 1 ? one : many) + " " + string.Join(", ", names.Select(n => "'" + n + "'"));

            private static string JoinAnd(IReadOnlyList<string> parts) =>
                parts.Count <= 1 ? string.Join(string.Empty, parts) : string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[parts.Count - 1];

            private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
        }
    }
}
