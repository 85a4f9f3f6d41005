using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>
    /// Plain structural facts about one tenant of a snapshot document, computed independently of the
    /// generator: who is in which group (transitively, with depth), who holds which role actively or as
    /// PIM-eligible, what external type a user has. No verdict logic lives here.
    /// </summary>
    internal sealed class SnapshotFacts
    {
        public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
        public const string DirectorySynchronizationAccounts = "d29b2b05-8046-44ba-8758-1e26182fcf32";

        private readonly Dictionary<string, List<string>> _members;

        public SnapshotFacts(JsonObject tenantDocument)
        {
            Document = tenantDocument;
            Users = Items("users");
            Groups = Items("groups");
            _members = Groups.ToDictionary(g => Id(g), g => (g["members"] as JsonArray ?? new JsonArray()).Select(m => (string)m!).ToList(), StringComparer.OrdinalIgnoreCase);
            Policies = Items("conditionalAccessPolicies");
        }

        public JsonObject Document { get; }
        public List<JsonObject> Users { get; }
        public List<JsonObject> Groups { get; }
        public List<JsonObject> Policies { get; }
        public string TenantId => (string)Document["tenant"]!["id"]!;
        public bool SecurityDefaultsOn => Document["securityDefaults"]?["isEnabled"]?.GetValue<bool>() == true;

        public List<JsonObject> Items(string key) => (Document[key] as JsonArray ?? new JsonArray()).Select(n => (JsonObject)n!).ToList();

        public static string Id(JsonNode node) => (string)node["id"]!;

        public JsonObject User(string upn) =>
            Users.SingleOrDefault(u => string.Equals((string?)u["userPrincipalName"], upn, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No user {upn} in tenant {TenantId}.");

        public static bool Enabled(JsonObject user) => user["accountEnabled"]?.GetValue<bool>() != false;

        /// <summary>b2bCollaborationGuest, b2bCollaborationMember, internalGuest, or null for a member.</summary>
        public static string? ExternalType(JsonObject user)
        {
            bool ext = ((string?)user["userPrincipalName"] ?? string.Empty).Contains("#EXT#", StringComparison.OrdinalIgnoreCase);
            bool guest = string.Equals((string?)user["userType"], "Guest", StringComparison.Ordinal);
            return ext && guest ? "b2bCollaborationGuest" : ext ? "b2bCollaborationMember" : guest ? "internalGuest" : null;
        }

        /// <summary>Shortest depth at which the principal is inside the group (1 = direct member), or null.</summary>
        public int? Depth(string groupId, string principalId)
        {
            var frontier = new List<string> { groupId };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { groupId };
            for (int depth = 1; frontier.Count > 0 && depth < 50; depth++)
            {
                var next = new List<string>();
                foreach (var g in frontier)
                {
                    if (!_members.TryGetValue(g, out var direct)) continue;
                    if (direct.Contains(principalId, StringComparer.OrdinalIgnoreCase)) return depth;
                    next.AddRange(direct.Where(m => _members.ContainsKey(m) && seen.Add(m)));
                }
                frontier = next;
            }
            return null;
        }

        /// <summary>The longest chain of nested groups in the tenant (a group with only users is 1).</summary>
        public int MaxGroupNesting()
        {
            int Longest(string id, HashSet<string> path)
            {
                if (!path.Add(id)) return 0;
                int best = 1 + _members[id].Where(_members.ContainsKey).Select(g => Longest(g, path)).DefaultIfEmpty(0).Max();
                path.Remove(id);
                return best;
            }
            return _members.Keys.Select(g => Longest(g, new HashSet<string>(StringComparer.OrdinalIgnoreCase))).DefaultIfEmpty(0).Max();
        }

        private IEnumerable<string> RolesOf(string collection, string userId) =>
            Items(collection)
                .Where(a => string.Equals((string?)a["principalId"], userId, StringComparison.OrdinalIgnoreCase) || Depth((string)a["principalId"]!, userId) != null)
                .Select(a => (string)a["roleDefinitionId"]!);

        public List<string> ActiveRoles(string userId) => RolesOf("roleAssignments", userId).Distinct().ToList();

        public List<string> EligibleRoles(string userId) => RolesOf("roleEligibilitySchedules", userId).Distinct().ToList();

        public string? PerUserMfa(string userId) =>
            Items("perUserMfa").Where(e => string.Equals((string?)e["userId"], userId, StringComparison.OrdinalIgnoreCase)).Select(e => (string?)e["perUserMfaState"]).FirstOrDefault();

        public bool? IsMfaRegistered(string userId) =>
            Items("userRegistrationDetails").Where(r => string.Equals(Id(r), userId, StringComparison.OrdinalIgnoreCase)).Select(r => r["isMfaRegistered"]?.GetValue<bool>()).FirstOrDefault();

        public static List<string> Strings(JsonNode? node) => (node as JsonArray ?? new JsonArray()).Select(n => (string)n!).ToList();

        /// <summary>Enabled policies whose grant asks for MFA (mfa or an authentication strength).</summary>
        public IEnumerable<JsonObject> EnabledMfaPolicies() => Policies.Where(p =>
            (string?)p["state"] == "enabled"
            && (Strings(p["grantControls"]?["builtInControls"]).Contains("mfa") || p["grantControls"]?["authenticationStrength"] is JsonObject));

        /// <summary>Whether the policy names the user, directly, through groups (any depth) or through an active role.</summary>
        public bool Targets(JsonObject policy, string userId, string side)
        {
            var users = policy["conditions"]!["users"]!;
            if (Strings(users[side + "Users"]).Contains(userId, StringComparer.OrdinalIgnoreCase)) return true;
            if (Strings(users[side + "Groups"]).Any(g => Depth(g, userId) != null)) return true;
            return Strings(users[side + "Roles"]).Intersect(ActiveRoles(userId), StringComparer.OrdinalIgnoreCase).Any();
        }
    }
}
