using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Mfa;

namespace PartnerSecurity.SecurityDefaults
{
    /// <summary>
    /// Who would no longer be required to use MFA if security defaults were turned off: the enabled users the
    /// evaluator finds Compliant with security defaults as they are, and not Compliant without them (nothing else,
    /// neither conditional access nor per-user MFA, covers them). Pure: computed from one tenant's plain data.
    /// </summary>
    public sealed class CoverageLoss
    {
        /// <summary>Up to this many users are named in <see cref="Details"/>; all are in <see cref="Users"/>.</summary>
        private const int Named = 10;

        private CoverageLoss(string tenantLabel, IReadOnlyList<MfaVerdict> users, int perUserUnreadable)
        {
            TenantLabel = tenantLabel;
            Users = users;
            PerUserMfaUnreadable = perUserUnreadable;
        }

        public string TenantLabel { get; }
        /// <summary>The users who would lose coverage, admins first, each as they would be without security defaults.</summary>
        public IReadOnlyList<MfaVerdict> Users { get; }
        public int UserCount => Users.Count;
        public int AdminCount => Users.Count(u => u.IsAdmin);
        /// <summary>Users counted as losing coverage only because their per-user MFA state could not be read.</summary>
        public int PerUserMfaUnreadable { get; }

        /// <summary>Compares the evaluator's verdicts as the data is (security defaults on) and as if security defaults were off.</summary>
        public static CoverageLoss Compute(MfaTenantData data, string tenantLabel)
        {
            var before = MfaEvaluator.Evaluate(data.WithSecurityDefaults(true)).ToDictionary(v => v.UserId, StringComparer.OrdinalIgnoreCase);
            var after = MfaEvaluator.Evaluate(data.WithSecurityDefaults(false));
            var losing = after
                .Where(v => v.AccountEnabled && v.Status != MfaStatus.Compliant
                    && before.TryGetValue(v.UserId, out var was) && was.Status == MfaStatus.Compliant)
                .OrderByDescending(v => v.IsAdmin)
                .ThenBy(v => v.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            int unreadable = losing.Count(v => data.PerUserMfaUnreadable.Contains(v.UserId));
            return new CoverageLoss(tenantLabel, losing, unreadable);
        }

        /// <summary>"9 enabled users, 2 of them admins, would no longer be covered".</summary>
        public string Summary
        {
            get
            {
                if (UserCount == 0) return "no enabled user would lose MFA coverage";
                var users = UserCount == 1 ? "1 enabled user" : UserCount.ToString("N0", CultureInfo.InvariantCulture) + " enabled users";
                var admins = UserCount == 1
                    ? (AdminCount == 1 ? "an admin" : "not an admin")
                    : AdminCount.ToString("N0", CultureInfo.InvariantCulture) + " of them " + (AdminCount == 1 ? "an admin" : "admins");
                return $"{users}, {admins}, would no longer be covered";
            }
        }

        /// <summary>The summary with the users named (admins first), for the warning and the confirmation prompt.</summary>
        public string Details
        {
            get
            {
                if (UserCount == 0)
                    return $"Disabling security defaults in {TenantLabel}: no enabled user would lose MFA coverage (conditional access or per-user MFA covers everyone security defaults cover).";
                var names = string.Join(", ", Users.Take(Named).Select(u => u.UserPrincipalName + (u.IsAdmin ? " (admin)" : string.Empty)));
                var more = UserCount > Named ? $" and {UserCount - Named:N0} more" : string.Empty;
                var unreadable = PerUserMfaUnreadable > 0
                    ? $" The per-user MFA state of {PerUserMfaUnreadable:N0} of them could not be read, so they are counted as not covered by it."
                    : string.Empty;
                return $"Disabling security defaults in {TenantLabel}: {Summary} by MFA: {names}{more}. " +
                       "Nothing else (conditional access or per-user MFA) requires MFA of them." + unreadable;
            }
        }
    }
}
