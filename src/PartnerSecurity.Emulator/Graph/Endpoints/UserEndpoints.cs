using System;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>GET /users, /users/{id | userPrincipalName}, /me.</summary>
    internal static class UserEndpoints
    {
        public static readonly CollectionPolicy Policy = new CollectionPolicy("users", "microsoft.graph.user")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            DefaultSelect = new[] { "businessPhones", "displayName", "givenName", "id", "jobTitle", "mail", "mobilePhone", "officeLocation", "preferredLanguage", "surname", "userPrincipalName" },
            AdvancedQueries = true,
        }
        .Supports("$count", "$orderby", "$search")
        .WithProperties(GraphProperties.User)
        .OrderedBy("displayName", "userPrincipalName")
        .Searchable("displayName", "givenName", "surname", "mail", "userPrincipalName")
        .Filter("id", "eq", "in")
        .Filter("accountEnabled", "eq", "ne")
        .Filter("userType", "eq", "ne")
        .Filter("userPrincipalName", "eq", "ne", "startswith", "endswith", "in")
        .Filter("displayName", "eq", "ne", "startswith")
        .Filter("mail", "eq", "startswith")
        .Filter("onPremisesSyncEnabled", "eq", "ne")
        .Filter("createdDateTime", "eq", "ge", "le", "gt", "lt");

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/users", (r, call) => call.Collection(call.Tenant.Snapshot.Users, Policy));
            graph.Map("*", "GET", "/users/(?<id>[^/]+)", (r, call) => call.Entity(Select(r, Find(call, r.Route("id"))), "users/$entity"));
            graph.Map("*", "GET", "/me", (r, call) =>
            {
                var id = call.UserId ?? throw GraphException.BadRequest("/me request is only valid with delegated authentication flow.");
                return call.Entity(Select(r, Find(call, id)), "users/$entity");
            });
        }

        /// <summary>A user of the calling tenant by object id or UPN, or Graph's 404.</summary>
        public static JsonObject Find(GraphCall call, string idOrUpn) =>
            call.Tenant.FindUser(idOrUpn) ?? throw GraphException.NotFound($"Resource '{idOrUpn}' does not exist or one of its queried reference-property objects are not present.");

        private static JsonObject Select(Http.EmulatorRequest r, JsonObject user) =>
            CollectionResponder.Project(user, CollectionResponder.SelectOf(r, GraphProperties.User, "microsoft.graph.user") ?? Policy.DefaultSelect);
    }
}
