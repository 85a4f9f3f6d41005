using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// Mints the emulator's tokens in Entra ID's shapes: v1.0 access tokens (Graph and Partner Center accept
    /// v1.0, so they carry upn and amr), v2.0 id tokens, and client_info for MSAL's account cache.
    /// </summary>
    public sealed class TokenIssuer
    {
        private readonly EmulatorContext _context;

        public TokenIssuer(EmulatorContext context) => _context = context;

        private long Now => _context.Clock.UtcNow.ToUnixTimeSeconds();

        /// <param name="granted">The delegated permissions consented (<see cref="Consent.Delegated"/>): the token's scp.</param>
        public string UserAccessToken(EmulatedTenant target, EmulatedTenant home, JsonObject user, ClientApp client, ScopeRequest scopes, IReadOnlyList<string> granted,
            IReadOnlyList<string> amr, int clientAuthentication)
        {
            var userId = (string)user["id"]!;
            var payload = CommonAccessClaims(target, client, scopes.Resource, clientAuthentication);
            payload["idtyp"] = "user";
            payload["oid"] = userId;
            payload["sub"] = Pairwise(userId, client.AppId);
            payload["upn"] = (string?)user["userPrincipalName"];
            payload["unique_name"] = (string?)user["userPrincipalName"];
            payload["name"] = (string?)user["displayName"];
            payload["amr"] = new JsonArray(amr.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray());
            payload["acr"] = "1";
            payload["scp"] = string.Join(" ", granted);
            if (target == home)
                payload["wids"] = new JsonArray(home.ActiveRoleTemplateIds(userId).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            else
                payload["idp"] = $"https://sts.windows.net/{home.Id}/";
            return Sign(payload);
        }

        public string AppAccessToken(EmulatedTenant target, ClientApp client, ScopeRequest scopes, int clientAuthentication)
        {
            var payload = CommonAccessClaims(target, client, scopes.Resource, clientAuthentication);
            var servicePrincipalId = ServicePrincipalId(target, client.AppId);
            payload["idtyp"] = "app";
            payload["oid"] = servicePrincipalId;
            payload["sub"] = servicePrincipalId;
            // Only what was consented to the application's service principal in the tenant, whatever .default asked.
            payload["roles"] = new JsonArray(Consent.Application(target, client.AppId, scopes.Resource).Select(r => (JsonNode)JsonValue.Create(r)!).ToArray());
            return Sign(payload);
        }

        public string IdToken(EmulatedTenant target, JsonObject user, string clientId, string? nonce)
        {
            var userId = (string)user["id"]!;
            var now = Now;
            var payload = new JsonObject
            {
                ["aud"] = clientId,
                ["iss"] = $"https://login.microsoftonline.com/{target.Id}/v2.0",
                ["iat"] = now,
                ["nbf"] = now,
                ["exp"] = now + 3600,
                ["name"] = (string?)user["displayName"],
                ["oid"] = userId,
                ["preferred_username"] = (string?)user["userPrincipalName"],
                ["sub"] = Pairwise(userId, clientId),
                ["tid"] = target.Id,
                ["ver"] = "2.0",
            };
            if (nonce != null) payload["nonce"] = nonce;
            return Sign(payload);
        }

        public static string ClientInfo(string userId, string homeTenantId) =>
            Base64Url.Encode(new JsonObject { ["uid"] = userId, ["utid"] = homeTenantId }.ToJsonString());

        /// <summary>Fully qualified scopes for the token response's "scope" field.</summary>
        public static string ResponseScope(ScopeRequest scopes, IReadOnlyList<string> granted)
        {
            var qualified = granted.Select(p => scopes.ResourcePrefix.TrimEnd('/') + "/" + p);
            return string.Join(" ", qualified.Concat(scopes.Oidc.Where(s => s != "offline_access")));
        }

        private JsonObject CommonAccessClaims(EmulatedTenant target, ClientApp client, ResourceApi resource, int clientAuthentication)
        {
            var now = Now;
            return new JsonObject
            {
                ["aud"] = resource.Audience,
                ["iss"] = $"https://sts.windows.net/{target.Id}/",
                ["iat"] = now,
                ["nbf"] = now,
                ["exp"] = now + _context.Options.AccessTokenLifetimeSeconds,
                ["app_displayname"] = client.DisplayName,
                ["appid"] = client.AppId,
                ["appidacr"] = clientAuthentication.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["tid"] = target.Id,
                ["uti"] = GrantStore.RandomToken(16),
                ["ver"] = "1.0",
            };
        }

        private string Sign(JsonObject payload)
        {
            var token = _context.Signer.Sign(payload);
            _context.Grants.RecordIssued(token);
            return token;
        }

        private static string ServicePrincipalId(EmulatedTenant tenant, string appId)
        {
            lock (tenant.Sync)
            {
                var sp = tenant.Snapshot.ServicePrincipals.FirstOrDefault(s => string.Equals((string?)s["appId"], appId, StringComparison.OrdinalIgnoreCase));
                return (string?)sp?["id"] ?? DeterministicGuid(tenant.Id + "/" + appId);
            }
        }

        private static string Pairwise(string objectId, string clientId) => Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(objectId + ":" + clientId)).Substring(0, 43);

        internal static string DeterministicGuid(string seed)
        {
            using var md5 = System.Security.Cryptography.MD5.Create();
            return new Guid(md5.ComputeHash(System.Text.Encoding.UTF8.GetBytes(seed))).ToString();
        }
    }
}
