using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator.Directory
{
    /// <summary>
    /// One tenant's live directory inside the emulator: the snapshot's objects, indexes over them, and the
    /// state that writes change. Requests against a tenant take <see cref="Sync"/> while they read or write
    /// mutable state.
    /// </summary>
    public sealed class EmulatedTenant
    {
        private readonly Dictionary<string, JsonObject> _usersById;
        private readonly Dictionary<string, JsonObject> _usersByUpn;
        private readonly Dictionary<string, JsonObject> _groupsById;
        private readonly HashSet<string> _mfaRegistered;

        public EmulatedTenant(TenantSnapshot snapshot, EmulatedTenant? partner = null, CustomerSnapshot? asCustomer = null)
        {
            Snapshot = snapshot;
            SignInRecords.Normalize(snapshot);
            Partner = partner;
            AsCustomer = asCustomer;
            _usersById = snapshot.Users.ToDictionary(u => (string)u["id"]!, StringComparer.OrdinalIgnoreCase);
            _usersByUpn = snapshot.Users.ToDictionary(u => (string)u["userPrincipalName"]!, StringComparer.OrdinalIgnoreCase);
            _groupsById = snapshot.Groups.ToDictionary(g => (string)g["id"]!, StringComparer.OrdinalIgnoreCase);
            _mfaRegistered = new HashSet<string>(
                snapshot.UserRegistrationDetails.Where(r => r["isMfaRegistered"]?.GetValue<bool>() == true).Select(r => (string)r["id"]!),
                StringComparer.OrdinalIgnoreCase);
            Customers = snapshot.Customers.Select(c => new EmulatedTenant(c.Snapshot, this, c)).ToList();
        }

        public object Sync { get; } = new object();
        public TenantSnapshot Snapshot { get; }
        public string Id => Snapshot.Tenant.Id;
        public string DisplayName => Snapshot.Tenant.DisplayName;
        public string DefaultDomain => string.IsNullOrEmpty(Snapshot.Tenant.DefaultDomain) ? Id : Snapshot.Tenant.DefaultDomain;
        public bool PremiumLicense => Snapshot.Tenant.PremiumLicense;

        /// <summary>The partner tenant that manages this one, when this is a customer.</summary>
        public EmulatedTenant? Partner { get; }
        /// <summary>This tenant's Partner Center record and GDAP relationships, when it is a customer.</summary>
        public CustomerSnapshot? AsCustomer { get; }
        public IReadOnlyList<EmulatedTenant> Customers { get; }

        /// <summary>Domains that name this tenant in an authority URL.</summary>
        public IEnumerable<string> Domains
        {
            get
            {
                if (!string.IsNullOrEmpty(Snapshot.Tenant.DefaultDomain)) yield return Snapshot.Tenant.DefaultDomain;
                foreach (var domain in Snapshot.Users.Select(u => UpnDomain((string)u["userPrincipalName"]!)).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (domain.Length > 0 && !domain.Contains("#")) yield return domain;
                }
            }
        }

        public JsonObject? FindUser(string idOrUpn) =>
            _usersById.TryGetValue(idOrUpn, out var user) ? user : _usersByUpn.TryGetValue(idOrUpn, out user) ? user : null;

        public JsonObject? FindGroup(string id) => _groupsById.TryGetValue(id, out var group) ? group : null;

        public bool IsMfaRegistered(string userId) => _mfaRegistered.Contains(userId);

        public string PerUserMfaState(string userId)
        {
            lock (Sync) return Snapshot.PerUserMfa.TryGetValue(userId, out var state) ? state : "disabled";
        }

        /// <summary>Every member of the group, users and groups, through nested groups, each once.</summary>
        public IReadOnlyList<JsonObject> TransitiveMembers(string groupId)
        {
            var result = new List<JsonObject>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { groupId };
            var pending = new Queue<string>();
            pending.Enqueue(groupId);
            while (pending.Count > 0)
            {
                var group = FindGroup(pending.Dequeue());
                if (group?["members"] is not JsonArray members) continue;
                foreach (var node in members)
                {
                    var id = (string)node!;
                    if (!seen.Add(id)) continue;
                    var member = FindUser(id) ?? FindGroup(id) ?? Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals((string?)sp["id"], id, StringComparison.OrdinalIgnoreCase));
                    if (member == null) continue;
                    result.Add(member);
                    if (FindGroup(id) != null) pending.Enqueue(id);
                }
            }
            return result;
        }

        /// <summary>Template ids of the roles the principal holds actively, directly or through a group.</summary>
        public IReadOnlyList<string> ActiveRoleTemplateIds(string principalId) =>
            Snapshot.RoleAssignments
                .Where(a => HoldsThrough((string?)a["principalId"] ?? string.Empty, principalId))
                .Select(a => (string?)a["roleDefinitionId"])
                .Where(r => r != null)
                .Select(r => r!)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();

        /// <summary>The first enabled Global Administrator in document order: whom -Snapshot signs in as by default.</summary>
        public JsonObject? FirstGlobalAdministrator()
        {
            // Start from the assignments, not the users: only the assignees (and members of assignee groups) can be admins.
            var admins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var assignment in Snapshot.RoleAssignments.Where(a => string.Equals((string?)a["roleDefinitionId"], BuiltInRoles.GlobalAdministrator, StringComparison.OrdinalIgnoreCase)))
            {
                var principal = (string?)assignment["principalId"] ?? string.Empty;
                admins.Add(principal);
                if (FindGroup(principal) != null)
                    foreach (var member in TransitiveMembers(principal)) admins.Add((string)member["id"]!);
            }
            return Snapshot.Users.FirstOrDefault(u => u["accountEnabled"]?.GetValue<bool>() != false && admins.Contains((string)u["id"]!));
        }

        /// <summary>Whether an assignment to <paramref name="assignee"/> reaches <paramref name="principalId"/>: itself, or a group it belongs to.</summary>
        private bool HoldsThrough(string assignee, string principalId) =>
            string.Equals(assignee, principalId, StringComparison.OrdinalIgnoreCase)
            || (FindGroup(assignee) != null && TransitiveMembers(assignee).Any(m => string.Equals((string?)m["id"], principalId, StringComparison.OrdinalIgnoreCase)));

        public static string UpnDomain(string upn)
        {
            int at = upn.LastIndexOf('@');
            return at < 0 ? string.Empty : upn.Substring(at + 1);
        }
    }
}
