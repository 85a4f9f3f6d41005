using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>Draws one user's verdict from what covers them (docs/mfa-coverage-rules.md, "Verdict"), and says why in one line.</summary>
    internal static class MfaExplanation
    {
        public static MfaVerdict Verdict(MfaContext context, MfaUser user)
        {
            var data = context.Data;
            // A disabled account is out of scope: nothing is said to cover it, so that no report counts it as covered.
            var coverage = user.AccountEnabled ? context.Cover(user) : new Coverage();
            data.PerUserMfaStates.TryGetValue(user.Id, out var perUserState);
            bool perUserUnreadable = data.PerUserMfaUnreadable.Contains(user.Id);

            var enforcedBy = new List<string>();
            if (coverage.SecurityDefaultsAlways) enforcedBy.Add(MfaConstants.SecurityDefaults);
            if (coverage.PerUserAlways) enforcedBy.Add(MfaConstants.PerUserMfa);
            if (coverage.CaAlways.Count > 0) enforcedBy.Add(MfaConstants.ConditionalAccess);

            MfaStatus status;
            if (!user.AccountEnabled) status = MfaStatus.NotApplicable;
            else if (enforcedBy.Count > 0) status = MfaStatus.Compliant;
            else if (data.SecurityDefaultsEnabled && coverage.IsDirectorySync) status = MfaStatus.Exempt;
            else if (coverage.CaConditional.Count > 0) status = MfaStatus.Partial;
            else status = MfaStatus.NotCompliant;

            MfaRegistration? registration = null;
            data.Registrations?.TryGetValue(user.Id, out registration);

            var verdict = new MfaVerdict
            {
                TenantId = data.TenantId,
                TenantName = data.TenantName,
                UserPrincipalName = user.UserPrincipalName,
                DisplayName = user.DisplayName,
                UserId = user.Id,
                UserType = user.UserType,
                AccountEnabled = user.AccountEnabled,
                Status = status,
                EnforcedBy = enforcedBy.ToArray(),
                ConditionalAccessPolicies = MfaVerdict.Sorted(coverage.CaAlways.Select(p => p.DisplayName)),
                ConditionalPolicies = MfaVerdict.Sorted(coverage.CaConditional.Select(c => $"{c.Policy} ({c.Why})")),
                ExcludedFrom = MfaVerdict.Sorted(coverage.Excluded.Select(c => $"{c.Policy} ({c.Why})")),
                ReportOnlyPolicies = MfaVerdict.Sorted(coverage.ReportOnly),
                IneffectivePolicies = MfaVerdict.Sorted(coverage.Ineffective.Select(c => $"{c.Policy} ({c.Why})")),
                SecurityDefaultsEnabled = data.SecurityDefaultsEnabled,
                PerUserMfaState = perUserState,
                IsMfaRegistered = registration?.IsMfaRegistered,
                IsMfaCapable = registration?.IsMfaCapable,
                MethodsRegistered = registration?.MethodsRegistered.ToArray(),
                AdminRoles = MfaVerdict.Sorted(AdminRoles(context, user.Id)),
            };
            verdict.IsAdmin = verdict.AdminRoles.Length > 0;
            verdict.Reason = Reason(data, verdict, coverage, perUserState, perUserUnreadable, registration);
            if (status == MfaStatus.Partial || status == MfaStatus.NotCompliant)
                verdict.Remedy = MfaRemedy.For(context, user, coverage, registration);
            return verdict;
        }

        /// <summary>Role names, each once: "(eligible)" for PIM-eligible only, the scope for roles held only in an administrative unit or on one object.</summary>
        private static IEnumerable<string> AdminRoles(MfaContext context, string userId)
        {
            var grants = context.Grants(userId);
            foreach (var role in grants.GroupBy(g => g.RoleDefinitionId, StringComparer.OrdinalIgnoreCase))
            {
                var name = context.RoleName(role.Key);
                var active = role.Where(g => !g.Eligible).ToList();
                var held = active.Count > 0 ? active : role.ToList();
                var notes = new List<string>();
                if (active.Count == 0) notes.Add("eligible");
                if (!held.Any(g => g.IsTenantWide))
                    notes.AddRange(held.Select(g => g.ScopeDescription!).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(s => s, StringComparer.OrdinalIgnoreCase));
                yield return notes.Count == 0 ? name : $"{name} ({string.Join(", ", notes)})";
            }
        }

        private static string Reason(MfaTenantData data, MfaVerdict verdict, Coverage coverage, string? perUserState, bool perUserUnreadable, MfaRegistration? registration)
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
                    {
                        var first = coverage.CaAlways.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).First();
                        var strength = first.AuthenticationStrength == null ? string.Empty : $" with authentication strength '{AuthenticationStrengths.Name(first.AuthenticationStrength)}'";
                        by.Add($"policy '{first.DisplayName}'{strength}" + (coverage.CaAlways.Count > 1 ? $" (and {coverage.CaAlways.Count - 1} more)" : string.Empty));
                    }
                    var text = "MFA required at every sign-in by " + JoinAnd(by) + ".";
                    if (registration != null && !registration.IsMfaRegistered) text += " Not registered yet: will be asked to register at next sign-in.";
                    return text;
                }
                case MfaStatus.Exempt:
                    return "Directory synchronization account: security defaults exclude it by design, and nothing else requires MFA.";
                case MfaStatus.Partial:
                    return "MFA required only under conditions: " + Quoted(coverage.CaConditional) + "." + Gaps(data, coverage, perUserState, perUserUnreadable, includeNothing: false);
                default:
                    return "Nothing requires MFA at sign-in." + Gaps(data, coverage, perUserState, perUserUnreadable, includeNothing: true);
            }
        }

        private static string Gaps(MfaTenantData data, Coverage coverage, string? perUserState, bool perUserUnreadable, bool includeNothing)
        {
            var parts = new List<string>();
            if (coverage.Excluded.Count > 0) parts.Add("Excluded from " + Quoted(coverage.Excluded) + ".");
            if (coverage.ReportOnly.Count > 0) parts.Add(Quoted(coverage.ReportOnly, "Report-only policy", "Report-only policies") + " would require it but enforce nothing.");
            foreach (var (policy, why, _) in coverage.Ineffective.Where(i => !i.Quiet).OrderBy(i => i.Policy, StringComparer.OrdinalIgnoreCase))
                parts.Add($"'{policy}' names the user but can never require MFA: it {why}.");
            foreach (var (policy, role) in coverage.ScopedRoleOnly.OrderBy(i => i.Policy, StringComparer.OrdinalIgnoreCase))
                parts.Add($"'{policy}' includes {role}, which the user holds only in a limited scope: conditional access does not target scoped role assignments.");
            if (includeNothing)
            {
                var off = new List<string>();
                if (!data.SecurityDefaultsEnabled) off.Add("security defaults are off");
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

        internal static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
