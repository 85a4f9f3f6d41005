using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// The device authorization grant (RFC 8628) as Entra ID serves it: POST /{tenant}/oauth2/v2.0/devicecode
    /// hands out a device code and a user code; the client polls the token endpoint with
    /// grant_type=urn:ietf:params:oauth:grant-type:device_code. The simulated person (the browser user) enters
    /// the code after the client's first poll, so the client always sees authorization_pending once.
    /// </summary>
    public static class DeviceCodeFlow
    {
        public const string GrantType = "urn:ietf:params:oauth:grant-type:device_code";
        public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

        private sealed class Pending
        {
            public Pending(ClientApp client, string tenantSegment, string scope, string? loginHint, DateTimeOffset issuedAt)
            {
                Client = client;
                TenantSegment = tenantSegment;
                Scope = scope;
                LoginHint = loginHint;
                IssuedAt = issuedAt;
            }

            public ClientApp Client { get; }
            public string TenantSegment { get; }
            public string Scope { get; }
            public string? LoginHint { get; }
            public DateTimeOffset IssuedAt { get; }
            public int Polls;
            public bool Redeemed;
        }

        public static void Register(IdentityService identity)
        {
            var pending = new ConcurrentDictionary<string, Pending>(StringComparer.Ordinal);
            identity.Map("POST", "/(?<tenant>[^/]+)/oauth2/v2.0/devicecode", (r, s) => Start(r, s, pending));
            // Entra ID's v2.0 endpoint takes the RFC 8628 URN and the short form MSAL sends.
            identity.ExtensionGrants[GrantType] = (request, form, client, authorityTenant) => Poll(identity, request, form, client, pending);
            identity.ExtensionGrants["device_code"] = identity.ExtensionGrants[GrantType];
        }

        private static HttpResponseMessage Start(EmulatorRequest request, IdentityService identity, ConcurrentDictionary<string, Pending> pending)
        {
            var context = identity.Context;
            var now = context.Clock.UtcNow;
            var form = request.Form();
            var segment = request.Route("tenant");
            if (context.Cloud.FindTenant(segment) == null && !IdentityService.IsMultiTenantAlias(segment))
                return OAuthError.Response("invalid_request", 90002, $"Tenant '{segment}' not found.", now);
            if (!form.TryGetValue("client_id", out var clientId) || clientId.Length == 0)
                return OAuthError.Response("invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.", now);
            var client = ClientRegistry.Find(context.Cloud, clientId);
            if (client == null)
                return OAuthError.Response("unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory.", now);
            if (!client.IsPublic)
                return OAuthError.Response("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'. The device code flow needs an application that allows public client flows.", now, null, HttpStatusCode.Unauthorized);
            var scope = form.TryGetValue("scope", out var s) ? s : string.Empty;
            if (ScopeRequest.Parse(scope, out var scopeError) == null)
                return OAuthError.Response("invalid_scope", 70011, scopeError, now);

            var deviceCode = "DAQABAAEAAA" + GrantStore.RandomToken(48);
            var userCode = UserCode();
            context.Grants.RecordIssued(deviceCode);
            pending[deviceCode] = new Pending(client, segment, scope, form.TryGetValue("login_hint", out var hint) ? hint : null, now);
            var verification = "https://microsoft.com/devicelogin";
            var body = new JsonObject
            {
                ["user_code"] = userCode,
                ["device_code"] = deviceCode,
                ["verification_uri"] = verification,
                ["expires_in"] = (int)Lifetime.TotalSeconds,
                ["interval"] = context.Options.DeviceCodePollingIntervalSeconds,
                ["message"] = $"To sign in, use a web browser to open the page {verification} and enter the code {userCode} to authenticate.",
            };
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        private static HttpResponseMessage Poll(IdentityService identity, EmulatorRequest request, IReadOnlyDictionary<string, string> form, ClientApp client, ConcurrentDictionary<string, Pending> pending)
        {
            var context = identity.Context;
            var now = context.Clock.UtcNow;
            HttpResponseMessage Error(string error, int code, string description, HttpStatusCode status = HttpStatusCode.BadRequest, string? suberror = null) =>
                OAuthError.Response(error, code, description, now, request.Header("client-request-id"), status, suberror);

            var code = form.TryGetValue("device_code", out var d) ? d : form.TryGetValue("code", out var c) ? c : null;
            if (string.IsNullOrEmpty(code) || !pending.TryGetValue(code!, out var record))
                return Error("bad_verification_code", 70018, "The device_code sent to the token endpoint wasn't recognized.");
            if (!string.Equals(record.Client.AppId, client.AppId, StringComparison.OrdinalIgnoreCase))
                return Error("invalid_grant", 70000, "The provided grant is invalid: the device code was issued to a different client.");
            if (now - record.IssuedAt > Lifetime)
                return Error("expired_token", 70020, "The device code has expired. Start a new sign-in.");
            lock (record)
            {
                if (record.Redeemed)
                    return Error("invalid_grant", 54005, "The device code was already redeemed.");
                if (record.Polls++ == 0)
                    return Error("authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
                record.Redeemed = true;
            }

            // The person has entered the code and signed in (with MFA when they registered a strong method).
            var signedIn = identity.ResolveBrowserUser(record.LoginHint);
            if (signedIn == null)
                return Error("authorization_declined", 50034, "The user account does not exist in the directory.");
            var (home, user) = signedIn.Value;
            if (user["accountEnabled"]?.GetValue<bool>() == false)
                return Error("invalid_grant", 50057, "The user account is disabled.");
            EmulatedTenant? target = identity.ResolveTarget(record.TenantSegment, home);
            if (target == null)
                return Error("invalid_request", 90002, $"Tenant '{record.TenantSegment}' not found.");
            var scopes = ScopeRequest.Parse(record.Scope, out var scopeError);
            if (scopes == null) return Error("invalid_scope", 70011, scopeError);
            var grant = new UserGrant(client.AppId, (string)user["id"]!, home.Id, IdentityService.AuthenticationMethods(home, user), now, "deviceCodeFlow");
            return identity.IssueUserTokens(target, grant, client, 0, scopes, nonce: null, (e, n, text, status, sub) => Error(e, n, text, status, sub));
        }

        private static string UserCode()
        {
            const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            var bytes = new byte[9];
            using (var rng = System.Security.Cryptography.RandomNumberGenerator.Create()) rng.GetBytes(bytes);
            var chars = new char[9];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] % alphabet.Length];
            return new string(chars);
        }
    }
}
