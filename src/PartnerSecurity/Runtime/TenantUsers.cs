using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Which users each pipeline record names in which tenant, for the cmdlets that take both (a verdict from
    /// Get-PartnerMfaStatus carries UserPrincipalName, UserId and TenantId): each record's users are looked for in that
    /// record's tenants, or in every tenant of the run when it names none with -AllCustomers. A user is a user principal
    /// name, an object id, or both when a record carries one of each.
    /// </summary>
    internal sealed class TenantUsers
    {
        private readonly List<(string[]? Tenants, List<(string? Upn, string? Id)>? Users)> _records = new List<(string[]?, List<(string?, string?)>?)>();

        /// <param name="tenants">The record's tenants as typed; null: every tenant of the run.</param>
        /// <param name="users">The record's user principal names; null (and no ids): everyone.</param>
        /// <param name="ids">The record's user object ids; one per name when the record pairs them (a verdict).</param>
        public void Add(string[]? tenants, string[]? users, string[]? ids = null)
        {
            List<(string?, string?)>? named = null;
            if (users != null || ids != null)
            {
                named = new List<(string?, string?)>();
                if (users != null && ids != null && users.Length == ids.Length)
                {
                    for (int i = 0; i < users.Length; i++) named.Add((users[i], ids[i]));
                }
                else
                {
                    foreach (var upn in users ?? Array.Empty<string>()) named.Add((upn, null));
                    foreach (var id in ids ?? Array.Empty<string>()) named.Add((null, id));
                }
            }
            lock (_records) _records.Add((tenants, named));
        }

        public bool Any => _records.Count > 0;

        /// <summary>The user principal names asked for in this tenant: null for everyone, else each once.</summary>
        public IReadOnlyList<string>? For(TenantTarget tenant) =>
            Named(tenant)?.Where(u => u.Upn != null).Select(u => u.Upn!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>The users asked for in this tenant, names with their ids where the input carried them: null for everyone.</summary>
        public IReadOnlyList<(string? Upn, string? Id)>? Named(TenantTarget tenant)
        {
            var users = new List<(string?, string?)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            lock (_records)
            {
                foreach (var (tenants, named) in _records)
                {
                    if (tenants != null && !tenants.Any(t => Names(tenant, t))) continue;
                    if (named == null) return null;
                    foreach (var user in named)
                    {
                        if (seen.Add(user.Id ?? "upn:" + user.Upn)) users.Add(user);
                    }
                }
            }
            return users;
        }

        /// <summary>Every user named by any record, each once.</summary>
        public IReadOnlyList<string> AllNamed()
        {
            lock (_records)
                return _records.Where(r => r.Users != null).SelectMany(r => r.Users!).Select(u => u.Upn ?? u.Id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static bool Names(TenantTarget tenant, string typed) =>
            string.Equals(typed, tenant.Requested, StringComparison.OrdinalIgnoreCase) || string.Equals(typed, tenant.Id, StringComparison.OrdinalIgnoreCase);
    }
}
