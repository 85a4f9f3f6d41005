using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /groups, /groups/{id}, /groups/{id}/members and /groups/{id}/transitiveMembers. Members are served
    /// as directoryObjects with their @odata.type; transitive members are computed from the snapshot's
    /// direct "members" extension, through nested groups.
    /// </summary>
    internal static class GroupEndpoints
    {
        public static readonly CollectionPolicy Groups = new CollectionPolicy("groups", "microsoft.graph.group")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            DefaultSelect = new[] { "id", "displayName", "description", "groupTypes", "mail", "mailEnabled", "securityEnabled", "isAssignableToRole", "createdDateTime" },
            AdvancedQueries = true,
        }
        .Supports("$count", "$orderby", "$search")
        .WithProperties(GraphProperties.Group)
        .OrderedBy("displayName")
        .Searchable("displayName", "description", "mail")
        .Filter("id", "eq")
        .Filter("displayName", "eq", "ne", "startswith")
        .Filter("isAssignableToRole", "eq")
        .Filter("securityEnabled", "eq")
        .Filter("mailEnabled", "eq");

        private static readonly CollectionPolicy s_members = new CollectionPolicy("directoryObjects", "microsoft.graph.directoryObject")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
        }
        .Supports("$count")
        .Filter("id", "eq");

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/groups", (r, call) => call.Collection(call.Tenant.Snapshot.Groups.Select(Public), Groups));
            graph.Map("*", "GET", "/groups/(?<id>[^/]+)", (r, call) =>
                call.Entity(CollectionResponder.Project(Public(Find(call, r.Route("id"))), CollectionResponder.SelectOf(r, GraphProperties.Group, "microsoft.graph.group") ?? Groups.DefaultSelect), "groups/$entity"));
            graph.Map("*", "GET", "/groups/(?<id>[^/]+)/members", (r, call) =>
                call.Collection(DirectMembers(call, Find(call, r.Route("id"))), s_members));
            graph.Map("*", "GET", "/groups/(?<id>[^/]+)/transitiveMembers", (r, call) =>
            {
                var group = Find(call, r.Route("id"));
                return call.Collection(call.Tenant.TransitiveMembers((string)group["id"]!), s_members, m => AsDirectoryObject(call, m));
            });
        }

        public static JsonObject Find(GraphCall call, string id) =>
            call.Tenant.FindGroup(id) ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

        /// <summary>The group as Graph returns it: the snapshot's "members" extension is not a Graph property.</summary>
        private static JsonObject Public(JsonObject group)
        {
            var copy = (JsonObject)group.DeepClone();
            copy.Remove("members");
            return copy;
        }

        private static IEnumerable<JsonObject> DirectMembers(GraphCall call, JsonObject group)
        {
            if (group["members"] is not JsonArray members) yield break;
            foreach (var node in members)
            {
                var id = (string)node!;
                var member = call.Tenant.FindUser(id) ?? call.Tenant.FindGroup(id)
                    ?? call.Tenant.Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals((string?)sp["id"], id, StringComparison.OrdinalIgnoreCase));
                if (member != null) yield return AsDirectoryObject(call, member);
            }
        }

        /// <summary>A member with its @odata.type, the way Graph serves a directoryObject collection.</summary>
        public static JsonObject AsDirectoryObject(GraphCall call, JsonObject member)
        {
            var id = (string)member["id"]!;
            string type = call.Tenant.FindUser(id) != null ? "#microsoft.graph.user"
                : call.Tenant.FindGroup(id) != null ? "#microsoft.graph.group"
                : "#microsoft.graph.servicePrincipal";
            var result = new JsonObject { ["@odata.type"] = type };
            foreach (var property in type == "#microsoft.graph.group" ? Public(member) : member)
                result[property.Key] = property.Value?.DeepClone();
            return result;
        }
    }
}
