using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Which users each pipeline record names in which tenant, for the cmdlets that take both (a verdict from
    /// Get-PartnerMfaStatus carries UserPrincipalName and TenantId): each record's users are looked for in that
    /// record's tenants, or in every tenant of the run when it names none with -AllCustomers.
    /// </summary>
    internal sealed class TenantUsers
    {
        private readonly List<(string[]? Tenants, string[]? Users)> _records = new List<(string[]?, string[]?)>();

        /// <param name="tenants">The record's tenants as typed; null: every tenant of the run.</param>
        /// <param name="users">The record's users; null: everyone.</param>
        public void Add(string[]? tenants, string[]? users)
        {
            lock (_records) _records.Add((tenants, users));
        }

        public bool Any => _records.Count > 0;

        /// <summary>The users asked for in this tenant: null for everyone, else each UPN once.</summary>
        public IReadOnlyList<string>? For(TenantTarget tenant)
        {
            var users = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            lock (_records)
            {
                foreach (var (tenants, names) in _records)
                {
                    if (tenants != null && !tenants.Any(t => Names(tenant, t))) continue;
                    if (names == null) return null;
                    foreach (var name in names)
                    {
                        if (seen.Add(name)) users.Add(name);
                    }
                }
            }
            return users;
        }

        /// <summary>Every user named by any record, each once.</summary>
        public IReadOnlyList<string> AllNamed()
        {
            lock (_records)
                return _records.Where(r => r.Users != null).SelectMany(r => r.Users!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static bool Names(TenantTarget tenant, string typed) =>
            string.Equals(typed, tenant.Requested, StringComparison.OrdinalIgnoreCase) || string.Equals(typed, tenant.Id, StringComparison.OrdinalIgnoreCase);
    }
}
