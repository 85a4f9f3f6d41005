using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>POST /directoryObjects/getByIds: up to 1000 objects by id in one request, optionally of given types.</summary>
    internal static class DirectoryObjectEndpoints
    {
        public const int MaxIds = 1000;

        public static void Register(GraphService graph)
        {
            graph.Map("*", "POST", "/directoryObjects/getByIds", (r, call) =>
            {
                var body = r.JsonBody() ?? throw GraphException.BadRequest("Write requests require a JSON object body.");
                if (!(body["ids"] is JsonArray ids) || ids.Count == 0)
                    throw GraphException.BadRequest("The request body must contain 'ids', a non-empty array of object ids.", "Request_BadRequest");
                if (ids.Count > MaxIds)
                    throw GraphException.BadRequest($"Too many ids: at most {MaxIds} objects can be requested at once.", "Request_BadRequest");
                var types = (body["types"] as JsonArray)?.Select(t => ((string?)t ?? string.Empty).ToLowerInvariant()).ToList();
                var found = new List<JsonObject>();
                foreach (var node in ids)
                {
                    var id = (string?)node ?? string.Empty;
                    var item = call.Tenant.FindUser(id) ?? call.Tenant.FindGroup(id)
                        ?? call.Tenant.Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals((string?)sp["id"], id, StringComparison.OrdinalIgnoreCase));
                    if (item == null || !string.Equals((string?)item["id"], id, StringComparison.OrdinalIgnoreCase)) continue;
                    var shaped = GroupEndpoints.AsDirectoryObject(call, item);
                    var type = ((string)shaped["@odata.type"]!).Substring("#microsoft.graph.".Length).ToLowerInvariant();
                    if (types == null || types.Count == 0 || types.Contains(type)) found.Add(shaped);
                }
                var response = new JsonObject
                {
                    ["@odata.context"] = $"{call.ServiceRoot}/$metadata#directoryObjects",
                    ["value"] = new JsonArray(found.Select(f => (JsonNode)f).ToArray()),
                };
                return EmulatorResponseOf(response);
            });
        }

        private static System.Net.Http.HttpResponseMessage EmulatorResponseOf(JsonObject body) =>
            Http.EmulatorResponse.Json(System.Net.HttpStatusCode.OK, body, Http.EmulatorResponse.GraphJson);
    }
}
