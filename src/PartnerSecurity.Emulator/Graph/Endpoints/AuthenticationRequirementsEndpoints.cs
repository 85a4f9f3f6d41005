using System;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// Beta GET/PATCH /users/{id | userPrincipalName}/authentication/requirements: the per-user MFA state
    /// (disabled, enabled, enforced), which has no bulk endpoint. Served from the snapshot's perUserMfa
    /// extension; a user not listed there is disabled.
    /// </summary>
    internal static class AuthenticationRequirementsEndpoints
    {
        private const string Path = "/users/(?<id>[^/]+)/authentication/requirements";
        private static readonly string[] s_states = { "disabled", "enabled", "enforced" };

        public static void Register(GraphService graph)
        {
            graph.Map("beta", "GET", Path, (r, call) =>
            {
                var user = UserEndpoints.Find(call, r.Route("id"));
                var id = (string)user["id"]!;
                return call.Entity(new JsonObject { ["perUserMfaState"] = call.Tenant.PerUserMfaState(id) }, $"users('{id}')/authentication/requirements/$entity");
            });
            graph.Map("beta", "PATCH", Path, (r, call) =>
            {
                var user = UserEndpoints.Find(call, r.Route("id"));
                var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
                foreach (var property in body)
                {
                    if (property.Key != "perUserMfaState")
                        throw GraphException.BadRequest($"Property '{property.Key}' does not exist on type 'microsoft.graph.strongAuthenticationRequirements'.");
                }
                var state = body["perUserMfaState"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                if (state == null || Array.IndexOf(s_states, state) < 0)
                    throw GraphException.BadRequest($"Requested value '{state}' was not found: perUserMfaState must be disabled, enabled or enforced.");
                var userId = (string)user["id"]!;
                var before = call.Tenant.PerUserMfaState(userId);
                call.Tenant.Snapshot.PerUserMfa[userId] = state;
                if (before != state) call.Context.Changes.Add(call.Tenant.Id, $"users/{userId}/perUserMfaState", $"{before} -> {state}");
                return GraphCall.NoContent();
            });
        }
    }
}
