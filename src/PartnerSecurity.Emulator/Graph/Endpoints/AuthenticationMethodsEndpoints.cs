using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /users/{id | userPrincipalName}/authentication/methods (v1.0 and beta): the methods a user registered, one
    /// per registered kind, from the registration report's methodsRegistered row (always a password). What per-user
    /// scripts read, one request per user; the module reads the report instead. Not paged (Graph documents no paging).
    /// </summary>
    internal static class AuthenticationMethodsEndpoints
    {
        /// <summary>The report's methodsRegistered values and the authenticationMethod types they stand for.</summary>
        private static readonly Dictionary<string, string> s_types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["microsoftAuthenticatorPush"] = "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
            ["microsoftAuthenticatorPasswordless"] = "#microsoft.graph.microsoftAuthenticatorAuthenticationMethod",
            ["softwareOneTimePasscode"] = "#microsoft.graph.softwareOathAuthenticationMethod",
            ["hardwareOneTimePasscode"] = "#microsoft.graph.hardwareOathAuthenticationMethod",
            ["mobilePhone"] = "#microsoft.graph.phoneAuthenticationMethod",
            ["alternateMobilePhone"] = "#microsoft.graph.phoneAuthenticationMethod",
            ["officePhone"] = "#microsoft.graph.phoneAuthenticationMethod",
            ["email"] = "#microsoft.graph.emailAuthenticationMethod",
            ["fido2SecurityKey"] = "#microsoft.graph.fido2AuthenticationMethod",
            ["passKeyDeviceBound"] = "#microsoft.graph.fido2AuthenticationMethod",
            ["windowsHelloForBusiness"] = "#microsoft.graph.windowsHelloForBusinessAuthenticationMethod",
            ["temporaryAccessPass"] = "#microsoft.graph.temporaryAccessPassAuthenticationMethod",
        };

        /// <summary>Each tenant's report rows by user id, built once (per-user reads of a large tenant must not scan it).</summary>
        private static readonly ConditionalWeakTable<List<JsonObject>, Dictionary<string, JsonObject>> s_rows =
            new ConditionalWeakTable<List<JsonObject>, Dictionary<string, JsonObject>>();

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", "/users/(?<id>[^/]+)/authentication/methods", (r, call) =>
            {
                var user = UserEndpoints.Find(call, r.Route("id"));
                var id = (string)user["id"]!;
                var rows = s_rows.GetValue(call.Tenant.Snapshot.UserRegistrationDetails, list =>
                    list.Where(d => d["id"] != null).GroupBy(d => (string)d["id"]!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));
                var methods = new JsonArray
                {
                    new JsonObject { ["@odata.type"] = "#microsoft.graph.passwordAuthenticationMethod", ["id"] = "28c10230-6103-485e-b985-444c60001490" },
                };
                if (rows.TryGetValue(id, out var row) && row["methodsRegistered"] is JsonArray registered)
                {
                    foreach (var type in registered.Select(m => (string?)m).Where(m => m != null && s_types.ContainsKey(m)).Select(m => s_types[m!]).Distinct())
                        methods.Add(new JsonObject { ["@odata.type"] = type, ["id"] = StableId(id, type) });
                }
                return Http.EmulatorResponse.Json(System.Net.HttpStatusCode.OK, new JsonObject
                {
                    ["@odata.context"] = $"{call.ServiceRoot}/$metadata#users('{id}')/authentication/methods",
                    ["value"] = methods,
                }, Http.EmulatorResponse.GraphJson);
            });
        }

        private static string StableId(string userId, string type)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(userId + "|" + type));
            Array.Resize(ref hash, 16);
            return new Guid(hash).ToString();
        }
    }
}
