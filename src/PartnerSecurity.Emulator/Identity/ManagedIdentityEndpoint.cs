using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// The managed identity endpoints, answered in-process (nothing reaches the network):
    /// <list type="bullet">
    /// <item>the Azure Instance Metadata Service, GET http://169.254.169.254/metadata/identity/oauth2/token?api-version=..&amp;resource=..
    /// with the header Metadata: true (virtual machines);</item>
    /// <item>the local endpoint Azure App Service, Azure Functions and Azure Automation give a process in IDENTITY_ENDPOINT,
    /// GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&amp;resource=.. with the header X-IDENTITY-HEADER: {IDENTITY_HEADER}
    /// (any loopback http address: the platform chooses the port and path).</item>
    /// </list>
    /// The identities are the home tenant's service principals of type ManagedIdentity: the first one is the
    /// system-assigned identity, and a user-assigned one is chosen by client_id, object_id (principal_id) or its
    /// resource id (msi_res_id, mi_res_id).
    /// </summary>
    public static class ManagedIdentityEndpoint
    {
        public const string Host = "169.254.169.254";
        public const string TokenPath = "/metadata/identity/oauth2/token";
        /// <summary>The header App Service, Functions and Automation check against IDENTITY_HEADER.</summary>
        public const string IdentityHeader = "X-IDENTITY-HEADER";

        /// <summary>Whether the request is for the App Service-style endpoint (IDENTITY_ENDPOINT) on this machine.</summary>
        public static bool IsLocalEndpoint(EmulatorRequest request) =>
            request.Uri.IsLoopback && request.Header(IdentityHeader) != null;

        public static HttpResponseMessage Handle(EmulatorRequest request, IdentityService identity)
        {
            if (!string.Equals(request.Path, TokenPath, StringComparison.OrdinalIgnoreCase))
                return Error(HttpStatusCode.NotFound, "invalid_request", "Not found.");
            if (!string.Equals(request.Header("Metadata"), "true", StringComparison.OrdinalIgnoreCase))
                return Error(HttpStatusCode.BadRequest, "invalid_request", "Required metadata header not specified");
            return Issue(request, identity);
        }

        /// <summary>
        /// The App Service-style endpoint: the secret header must match the IDENTITY_HEADER the platform gave the
        /// process (any value when the emulator's process has none), and the token comes back with expires_on.
        /// </summary>
        public static HttpResponseMessage HandleLocal(EmulatorRequest request, IdentityService identity)
        {
            var expected = Environment.GetEnvironmentVariable("IDENTITY_HEADER");
            var given = request.Header(IdentityHeader);
            if (string.IsNullOrEmpty(given) || (!string.IsNullOrEmpty(expected) && !string.Equals(given, expected, StringComparison.Ordinal)))
                return Error(HttpStatusCode.Unauthorized, "invalid_request", "The X-IDENTITY-HEADER header is missing or does not match.");
            return Issue(request, identity);
        }

        private static HttpResponseMessage Issue(EmulatorRequest request, IdentityService identity)
        {
            var context = identity.Context;
            var q = request.Query;
            if (!q.TryGetValue("api-version", out var version) || version.Length == 0)
                return Error(HttpStatusCode.BadRequest, "invalid_request", "Required query variable 'api-version' is missing");
            if (!q.TryGetValue("resource", out var resource) || resource.Length == 0)
                return Error(HttpStatusCode.BadRequest, "invalid_request", "Required query variable 'resource' is missing");

            var home = context.Cloud.Home;
            JsonObject? identityPrincipal;
            lock (home.Sync)
            {
                var candidates = home.Snapshot.ServicePrincipals.Where(sp => string.Equals((string?)sp["servicePrincipalType"], "ManagedIdentity", StringComparison.OrdinalIgnoreCase)).ToList();
                if (q.TryGetValue("client_id", out var clientId) && clientId.Length > 0)
                    identityPrincipal = candidates.FirstOrDefault(sp => string.Equals((string?)sp["appId"], clientId, StringComparison.OrdinalIgnoreCase));
                else if ((q.TryGetValue("object_id", out var objectId) || q.TryGetValue("principal_id", out objectId)) && objectId.Length > 0)
                    identityPrincipal = candidates.FirstOrDefault(sp => string.Equals((string?)sp["id"], objectId, StringComparison.OrdinalIgnoreCase));
                else if ((q.TryGetValue("msi_res_id", out var resourceId) || q.TryGetValue("mi_res_id", out resourceId)) && resourceId.Length > 0)
                    identityPrincipal = candidates.FirstOrDefault(sp => (sp["alternativeNames"] as JsonArray)?.Any(n => string.Equals((string?)n, resourceId, StringComparison.OrdinalIgnoreCase)) == true);
                else
                    identityPrincipal = candidates.FirstOrDefault();
            }
            if (identityPrincipal == null)
                return Error(HttpStatusCode.BadRequest, "invalid_request", "Identity not found");

            var scopes = ScopeRequest.Parse(resource.TrimEnd('/') + "/.default", out var scopeError);
            if (scopes == null) return Error(HttpStatusCode.BadRequest, "invalid_resource", scopeError);
            var appId = (string)identityPrincipal["appId"]!;
            var client = new ClientApp(appId, (string?)identityPrincipal["displayName"] ?? appId, isPublic: false, home, application: null);
            var token = identity.Issuer.AppAccessToken(home, client, scopes, clientAuthentication: 2);
            var lifetime = context.Options.AccessTokenLifetimeSeconds;
            // IMDS sends an absolute expiry; the client reads it against its own clock, so it is given in the client's time.
            var expiresOn = DateTimeOffset.UtcNow.AddSeconds(lifetime).ToUnixTimeSeconds();
            var body = new JsonObject
            {
                ["access_token"] = token,
                ["client_id"] = appId,
                ["expires_in"] = lifetime.ToString(CultureInfo.InvariantCulture),
                ["expires_on"] = expiresOn.ToString(CultureInfo.InvariantCulture),
                ["ext_expires_in"] = lifetime.ToString(CultureInfo.InvariantCulture),
                ["not_before"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                ["resource"] = resource,
                ["token_type"] = "Bearer",
            };
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        private static HttpResponseMessage Error(HttpStatusCode status, string error, string description) =>
            EmulatorResponse.Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });
    }
}
