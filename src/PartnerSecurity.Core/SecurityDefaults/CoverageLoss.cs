using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Mfa;

namespace PartnerSecurity.SecurityDefaults
{
    /// <summary>
    /// Who would no longer be required to use MFA after a change: the enabled users the evaluator finds Compliant before
    /// and not Compliant after, worked out by <see cref="MfaWhatIf"/> (the machinery of Get-PartnerMfaStatus -WhatIfPolicy).
    /// Pure: computed from one tenant's plain data.
    /// </summary>
    public sealed class CoverageLoss
    {
        /// <summary>Up to this many users are named in <see cref="Details"/>; all are in <see cref="Users"/>.</summary>
        private const int Named = 10;

        private readonly string _change;
        private readonly string _nothingElse;

        private CoverageLoss(string tenantLabel, string change, string nothingElse, IReadOnlyList<MfaVerdict> users, int perUserUnreadable)
        {
            TenantLabel = tenantLabel;
            _change = change;
            _nothingElse = nothingElse;
            Users = users;
            PerUserMfaUnreadable = perUserUnreadable;
        }

        public string TenantLabel { get; }
        /// <summary>The users who would lose coverage, admins first, each as they would be after the change.</summary>
        public IReadOnlyList<MfaVerdict> Users { get; }
        public int UserCount => Users.Count;
        public int AdminCount => Users.Count(u => u.IsAdmin);
        /// <summary>Users counted as losing coverage only because their per-user MFA state could not be read.</summary>
        public int PerUserMfaUnreadable { get; }

        /// <summary>Who loses coverage if security defaults are turned off (the data as read, with them on).</summary>
        public static CoverageLoss Compute(MfaTenantData data, string tenantLabel) =>
            From(data.WithSecurityDefaults(true), new MfaScenario { SecurityDefaults = false }, tenantLabel,
                "Disabling security defaults", "Nothing else (conditional access or per-user MFA) requires MFA of them.");

        /// <summary>Who loses coverage if per-user MFA is set to disabled for these users (by id).</summary>
        public static CoverageLoss PerUserMfaDisabled(MfaTenantData data, IEnumerable<string> userIds, string tenantLabel) =>
            From(data, new MfaScenario { PerUserMfaStates = userIds.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(id => id, _ => "disabled", StringComparer.OrdinalIgnoreCase) },
                tenantLabel, "Disabling per-user MFA", "Per-user MFA is the only thing that requires MFA of them (neither security defaults nor conditional access do).");

        private static CoverageLoss From(MfaTenantData data, MfaScenario scenario, string tenantLabel, string change, string nothingElse)
        {
            var warnings = new List<string>();
            var losing = MfaWhatIf.Compare(data, scenario, tenantLabel, warnings)
                .Where(MfaWhatIf.LosesCoverage)
                .OrderByDescending(v => v.IsAdmin)
                .ThenBy(v => v.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            int unreadable = losing.Count(v => data.PerUserMfaUnreadable.Contains(v.UserId));
            return new CoverageLoss(tenantLabel, change, nothingElse, losing, unreadable);
        }

        /// <summary>Whether this user (by id) would lose coverage.</summary>
        public bool Loses(string userId) => Users.Any(u => string.Equals(u.UserId, userId, StringComparison.OrdinalIgnoreCase));

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
                    return $"{_change} in {TenantLabel}: no enabled user would lose MFA coverage (something else requires MFA of everyone it covers).";
                var names = string.Join(", ", Users.Take(Named).Select(u => u.UserPrincipalName + (u.IsAdmin ? " (admin)" : string.Empty)));
                var more = UserCount > Named ? $" and {UserCount - Named:N0} more" : string.Empty;
                var unreadable = PerUserMfaUnreadable > 0
                    ? $" The per-user MFA state of {PerUserMfaUnreadable:N0} of them could not be read, so they are counted as not covered by it."
                    : string.Empty;
                return $"{_change} in {TenantLabel}: {Summary} by MFA: {names}{more}. {_nothingElse}{unreadable}";
            }
        }
    }
}
