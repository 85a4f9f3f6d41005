using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Directory
{
    /// <summary>
    /// What a partner user may do in a customer tenant under GDAP: the directory roles of the active relationships'
    /// access assignments (delegatedAdminAccessAssignment) whose security group, in the partner tenant, holds the user,
    /// limited to the roles the relationship itself grants. A relationship captured without its accessAssignments
    /// (older snapshots) grants its roles to every partner user: lenient on input, documented in docs/emulator.md.
    /// </summary>
    public static class GdapAccess
    {
        /// <summary>The customer's relationships that are active now (status active, not past their end date).</summary>
        public static IEnumerable<JsonObject> ActiveRelationships(EmulatedTenant customer, DateTimeOffset now) =>
            customer.AsCustomer?.GdapRelationships.Where(r =>
                string.Equals(Text(r["status"]), "active", StringComparison.OrdinalIgnoreCase)
                && (!(Text(r["endDateTime"]) is string end) || !DateTimeOffset.TryParse(end, out var until) || until > now))
            ?? Enumerable.Empty<JsonObject>();

        /// <summary>Role template ids the partner user holds in the customer tenant now.</summary>
        public static ISet<string> Roles(EmulatedTenant customer, string partnerUserId, DateTimeOffset now)
        {
            var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var partner = customer.Partner;
            if (partner == null) return roles;
            foreach (var relationship in ActiveRelationships(customer, now))
            {
                var granted = RoleIds(relationship["accessDetails"]);
                if (!(relationship["accessAssignments"] is JsonArray assignments))
                {
                    roles.UnionWith(granted);
                    continue;
                }
                foreach (var assignment in assignments.OfType<JsonObject>())
                {
                    var status = Text(assignment["status"]);
                    if (status != null && !string.Equals(status, "active", StringComparison.OrdinalIgnoreCase)) continue;
                    var group = Text(assignment["accessContainer"]?["accessContainerId"]);
                    if (group == null || !partner.TransitiveMembers(group).Any(m => string.Equals(Text(m["id"]), partnerUserId, StringComparison.OrdinalIgnoreCase))) continue;
                    roles.UnionWith(RoleIds(assignment["accessDetails"]).Where(granted.Contains));
                }
            }
            return roles;
        }

        private static HashSet<string> RoleIds(JsonNode? accessDetails) =>
            new HashSet<string>((accessDetails?["unifiedRoles"] as JsonArray)?.OfType<JsonObject>().Select(r => Text(r["roleDefinitionId"])).Where(r => r != null).Select(r => r!)
                ?? Enumerable.Empty<string>(), StringComparer.OrdinalIgnoreCase);

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }
}
