using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// The Microsoft identity platform (login.microsoftonline.com and the sovereign hosts): discovery,
    /// JWKS, the authorize endpoint (the simulated user completes the sign-in), and the v2.0 token endpoint.
    /// </summary>
    public sealed class IdentityService
    {
        public static readonly string[] Hosts = { "login.microsoftonline.com", "login.microsoftonline.us", "login.chinacloudapi.cn", "login.windows.net", "login.microsoft.com" };

        private readonly EmulatorContext _context;
        private readonly TokenIssuer _issuer;
        private readonly Router<IdentityService> _router = new Router<IdentityService>();

        public IdentityService(EmulatorContext context)
        {
            _context = context;
            _issuer = new TokenIssuer(context);
            _router
                .Map("GET", "/(?<tenant>[^/]+)/discovery/instance", (r, s) => s.InstanceDiscovery(r))
                .Map("GET", "/(?<tenant>[^/]+)/v2.0/.well-known/openid-configuration", (r, s) => s.OpenIdConfiguration(r))
                .Map("GET", "/(?<tenant>[^/]+)/discovery/v2.0/keys", (r, s) => EmulatorResponse.Json(HttpStatusCode.OK, s._context.Signer.Jwks()))
                .Map("GET", "/(?<tenant>[^/]+)/oauth2/v2.0/authorize", (r, s) => s.Authorize(r))
                .Map("POST", "/(?<tenant>[^/]+)/oauth2/v2.0/token", (r, s) => s.Token(r));
        }

        /// <summary>Adds a route; later features register their own identity endpoints here.</summary>
        public IdentityService Map(string method, string pattern, Func<EmulatorRequest, IdentityService, HttpResponseMessage> handler)
        {
            _router.Map(method, pattern, handler);
            return this;
        }

        public EmulatorContext Context => _context;
        public TokenIssuer Issuer => _issuer;

        public Task<HttpResponseMessage> HandleAsync(EmulatorRequest request)
        {
            var handler = _router.Find(request, request.Path, out var pathKnown);
            if (handler != null) return handler(request, this);
            return Task.FromResult(pathKnown
                ? EmulatorResponse.Text(HttpStatusCode.MethodNotAllowed, "Method not allowed.")
                : EmulatorResponse.Text(HttpStatusCode.NotFound, "Not found."));
        }

        private HttpResponseMessage InstanceDiscovery(EmulatorRequest request)
        {
            var host = request.Uri.Host;
            var body = new JsonObject
            {
                ["tenant_discovery_endpoint"] = $"https://{host}/{{tenant}}/v2.0/.well-known/openid-configuration",
                ["api-version"] = "1.1",
                ["metadata"] = new JsonArray(new JsonObject
                {
                    ["preferred_network"] = host,
                    ["preferred_cache"] = host == "login.microsoftonline.com" ? "login.windows.net" : host,
                    ["aliases"] = host == "login.microsoftonline.com"
                        ? new JsonArray("login.microsoftonline.com", "login.windows.net", "login.microsoft.com", "sts.windows.net")
                        : new JsonArray(host),
                }),
            };
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        private HttpResponseMessage OpenIdConfiguration(EmulatorRequest request)
        {
            var segment = request.Route("tenant");
            var tenant = _context.Cloud.FindTenant(segment);
            if (tenant == null && !IsMultiTenantAlias(segment))
                return OAuthError.Response("invalid_tenant", 90002, $"Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.", _context.Clock.UtcNow);
            var id = tenant?.Id ?? "{tenantid}";
            var host = request.Uri.Host;
            var body = new JsonObject
            {
                ["token_endpoint"] = $"https://{host}/{id}/oauth2/v2.0/token",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
                ["jwks_uri"] = $"https://{host}/{id}/discovery/v2.0/keys",
                ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
                ["subject_types_supported"] = new JsonArray("pairwise"),
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
                ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
                ["issuer"] = $"https://{host}/{id}/v2.0",
                ["request_uri_parameter_supported"] = false,
                ["userinfo_endpoint"] = "https://graph.microsoft.com/oidc/userinfo",
                ["authorization_endpoint"] = $"https://{host}/{id}/oauth2/v2.0/authorize",
                ["device_authorization_endpoint"] = $"https://{host}/{id}/oauth2/v2.0/devicecode",
                ["http_logout_supported"] = true,
                ["frontchannel_logout_supported"] = true,
                ["end_session_endpoint"] = $"https://{host}/{id}/oauth2/v2.0/logout",
                ["claims_supported"] = new JsonArray("sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"),
                ["kerberos_endpoint"] = $"https://{host}/{id}/kerberos",
                ["tenant_region_scope"] = "WW",
                ["cloud_instance_name"] = "microsoftonline.com",
                ["cloud_graph_host_name"] = "graph.windows.net",
                ["msgraph_host"] = "graph.microsoft.com",
                ["rbac_url"] = "https://pas.windows.net",
            };
            return EmulatorResponse.Json(HttpStatusCode.OK, body).WithHeaders(new[] { new KeyValuePair<string, string>("Cache-Control", "max-age=86400, private") });
        }

        public static bool IsMultiTenantAlias(string segment) =>
            segment.Equals("common", StringComparison.OrdinalIgnoreCase) || segment.Equals("organizations", StringComparison.OrdinalIgnoreCase);

        // ---------------------------------------------------------------- authorize

        private HttpResponseMessage Authorize(EmulatorRequest request)
        {
            var q = request.Query;
            var now = _context.Clock.UtcNow;
            q.TryGetValue("redirect_uri", out var redirectUri);
            q.TryGetValue("state", out var state);
            if (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect))
                return EmulatorResponse.Text(HttpStatusCode.BadRequest, "AADSTS900144: The request body must contain the following parameter: 'redirect_uri'.");

            var formPost = q.TryGetValue("response_mode", out var mode) && mode == "form_post";
            HttpResponseMessage Error(string error, int code, string description) =>
                ReturnToClient(redirect, formPost, new Dictionary<string, string?>
                {
                    ["error"] = error,
                    ["error_description"] = $"AADSTS{code}: {description}",
                    ["state"] = state,
                });

            var client = q.TryGetValue("client_id", out var clientId) ? ClientRegistry.Find(_context.Cloud, clientId) : null;
            if (client == null)
                return Error("unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory.");
            if (!IsAllowedRedirect(client, redirect))
                return EmulatorResponse.Text(HttpStatusCode.BadRequest, $"AADSTS50011: The redirect URI '{redirectUri}' specified in the request does not match the redirect URIs configured for the application '{client.AppId}'.");
            if (!q.TryGetValue("response_type", out var responseType) || responseType != "code")
                return Error("unsupported_response_type", 700054, "response_type 'code' is the only response type this tenant emulator supports.");
            var scopes = ScopeRequest.Parse(q.TryGetValue("scope", out var s) ? s : null, out var scopeError);
            if (scopes == null) return Error("invalid_scope", 70011, scopeError);

            var signedIn = ResolveBrowserUser(q.TryGetValue("login_hint", out var hint) ? hint : null);
            if (signedIn == null)
                return Error("access_denied", 50034, "The user account does not exist in the directory.");
            var (home, user) = signedIn.Value;
            if (user["accountEnabled"]?.GetValue<bool>() == false)
                return Error("access_denied", 50057, "The user account is disabled.");

            var target = ResolveTarget(request.Route("tenant"), home);
            if (target == null)
                return Error("invalid_request", 90002, $"Tenant '{request.Route("tenant")}' not found.");
            var access = CheckTenantAccess(target, home, user);
            if (access != null) return Error("invalid_grant", access.Value.Code, access.Value.Description);

            q.TryGetValue("code_challenge", out var challenge);
            q.TryGetValue("code_challenge_method", out var challengeMethod);
            q.TryGetValue("nonce", out var nonce);
            var grant = new UserGrant(client.AppId, (string)user["id"]!, home.Id, AuthenticationMethods(home, user), now);
            var code = _context.Grants.AddCode(new AuthorizationCode(grant, target.Id, redirectUri, s ?? string.Empty, challenge, challengeMethod ?? (challenge == null ? null : "plain"), nonce, now));
            return ReturnToClient(redirect, formPost, new Dictionary<string, string?>
            {
                ["code"] = code,
                ["state"] = state,
                ["session_state"] = Guid.NewGuid().ToString(),
            });
        }

        /// <summary>
        /// Sends the result back to the client's redirect URI: a 302 with a query string, or, for
        /// response_mode=form_post, the self-submitting HTML form Entra ID serves.
        /// </summary>
        private static HttpResponseMessage ReturnToClient(Uri redirect, bool formPost, IDictionary<string, string?> parameters)
        {
            if (!formPost) return EmulatorResponse.Redirect(AppendQuery(redirect, parameters));
            var inputs = new StringBuilder();
            foreach (var p in parameters)
            {
                if (p.Value == null) continue;
                inputs.Append("<input type=\"hidden\" name=\"").Append(WebUtility.HtmlEncode(p.Key))
                      .Append("\" value=\"").Append(WebUtility.HtmlEncode(p.Value)).Append("\" />");
            }
            var html = "<html><head><title>Working...</title></head><body><form method=\"POST\" name=\"hiddenform\" action=\""
                + WebUtility.HtmlEncode(redirect.AbsoluteUri) + "\">" + inputs + "<noscript><p>Script is disabled. Click Submit to continue.</p><input type=\"submit\" value=\"Submit\" /></noscript></form>"
                + "<script language=\"javascript\">document.forms[0].submit();</script></body></html>";
            return EmulatorResponse.Text(HttpStatusCode.OK, html, "text/html; charset=utf-8");
        }

        /// <summary>Who the simulated browser (or the simulated person entering a device code) signs in as.</summary>
        public (EmulatedTenant Tenant, JsonObject User)? ResolveBrowserUser(string? loginHint)
        {
            var configured = _context.Options.BrowserUser;
            if (!string.IsNullOrEmpty(configured)) return _context.Cloud.FindUser(configured!);
            if (!string.IsNullOrEmpty(loginHint) && _context.Cloud.FindUser(loginHint!) is { } hinted) return hinted;
            var admin = _context.Cloud.Home.FirstGlobalAdministrator();
            return admin == null ? ((EmulatedTenant, JsonObject)?)null : (_context.Cloud.Home, admin);
        }

        private static bool IsAllowedRedirect(ClientApp client, Uri redirect)
        {
            // Entra ID lets public clients use any port on a loopback redirect URI.
            if (redirect.IsLoopback && redirect.Scheme == Uri.UriSchemeHttp) return true;
            if (client.Application == null) return redirect.AbsoluteUri.StartsWith("https://login.microsoftonline.com/common/oauth2/nativeclient", StringComparison.OrdinalIgnoreCase);
            var registered = new[] { "web", "publicClient", "spa" }
                .SelectMany(k => (client.Application[k]?["redirectUris"] as JsonArray)?.Select(n => (string?)n) ?? Enumerable.Empty<string?>());
            return registered.Any(r => string.Equals(r, redirect.AbsoluteUri, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>pwd, plus mfa when the user has registered a strong method (the simulated user completes MFA).</summary>
        public static IReadOnlyList<string> AuthenticationMethods(EmulatedTenant home, JsonObject user) =>
            home.IsMfaRegistered((string)user["id"]!) ? new[] { "pwd", "mfa" } : new[] { "pwd" };

        public EmulatedTenant? ResolveTarget(string segment, EmulatedTenant home) =>
            IsMultiTenantAlias(segment) ? home : _context.Cloud.FindTenant(segment);

        /// <summary>
        /// A user may get tokens in their home tenant, and a partner user in a customer tenant where the
        /// partner has an active GDAP relationship. Null when allowed, else the AADSTS error.
        /// </summary>
        public (int Code, string Description)? CheckTenantAccess(EmulatedTenant target, EmulatedTenant home, JsonObject user)
        {
            if (target == home) return null;
            var upn = (string?)user["userPrincipalName"];
            if (target.Partner == home && target.AsCustomer != null && HasActiveGdap(target))
                return null;
            return (50020, $"User account '{upn}' from identity provider 'https://sts.windows.net/{home.Id}/' does not exist in tenant '{target.DisplayName}' and cannot access the application in that tenant. The account needs to be added as an external user in the tenant first, or the partner needs an active GDAP relationship with this customer.");
        }

        private bool HasActiveGdap(EmulatedTenant customer) => GdapAccess.ActiveRelationships(customer, _context.Clock.UtcNow).Any();

        private static Uri AppendQuery(Uri uri, IDictionary<string, string?> parameters)
        {
            var builder = new StringBuilder(uri.GetLeftPart(UriPartial.Path));
            var existing = uri.Query.TrimStart('?');
            builder.Append('?').Append(existing);
            bool first = existing.Length == 0;
            foreach (var p in parameters)
            {
                if (p.Value == null) continue;
                if (!first) builder.Append('&');
                builder.Append(Uri.EscapeDataString(p.Key)).Append('=').Append(Uri.EscapeDataString(p.Value));
                first = false;
            }
            return new Uri(builder.ToString());
        }

        // ---------------------------------------------------------------- token

        private HttpResponseMessage Token(EmulatorRequest request)
        {
            var form = request.Form();
            var now = _context.Clock.UtcNow;
            HttpResponseMessage Error(string error, int code, string description, HttpStatusCode status = HttpStatusCode.BadRequest, string? suberror = null) =>
                OAuthError.Response(error, code, description, now, request.Header("client-request-id"), status, suberror);

            var segment = request.Route("tenant");
            var authorityTenant = _context.Cloud.FindTenant(segment);
            if (authorityTenant == null && !IsMultiTenantAlias(segment))
                return Error("invalid_request", 90002, $"Tenant '{segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.");

            if (!form.TryGetValue("grant_type", out var grantType) || grantType.Length == 0)
                return Error("invalid_request", 900144, "The request body must contain the following parameter: 'grant_type'.");
            var clientId = ClientIdOf(request, form);
            if (string.IsNullOrEmpty(clientId))
                return Error("invalid_request", 900144, "The request body must contain the following parameter: 'client_id'.");
            var client = ClientRegistry.Find(_context.Cloud, clientId!);
            if (client == null)
                return Error("unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{authorityTenant?.DisplayName ?? segment}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.");

            var clientAuth = AuthenticateClient(request, form, client, now, out var clientError);
            if (clientError != null) return clientError;

            switch (grantType)
            {
                case "authorization_code": return RedeemCode(form, client, clientAuth, now, Error);
                case "refresh_token": return RedeemRefreshToken(form, client, clientAuth, authorityTenant, now, Error);
                case "client_credentials": return ClientCredentials(form, client, clientAuth, authorityTenant, segment, Error);
                default:
                    var extension = ExtensionGrants.TryGetValue(grantType, out var handler) ? handler : null;
                    if (extension != null) return extension(request, form, client, authorityTenant);
                    return Error("unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'.");
            }
        }

        /// <summary>Further grant types (device code, ...) registered by the features that need them.</summary>
        public Dictionary<string, Func<EmulatorRequest, IReadOnlyDictionary<string, string>, ClientApp, EmulatedTenant?, HttpResponseMessage>> ExtensionGrants { get; } =
            new Dictionary<string, Func<EmulatorRequest, IReadOnlyDictionary<string, string>, ClientApp, EmulatedTenant?, HttpResponseMessage>>(StringComparer.Ordinal);

        private static string? ClientIdOf(EmulatorRequest request, IReadOnlyDictionary<string, string> form)
        {
            if (form.TryGetValue("client_id", out var id) && id.Length > 0) return id;
            var basic = BasicCredentials(request);
            return basic?.Id;
        }

        private static (string Id, string Secret)? BasicCredentials(EmulatorRequest request)
        {
            var header = request.Header("Authorization");
            if (header == null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Substring(6).Trim()));
                int colon = decoded.IndexOf(':');
                return colon < 0 ? null : (Uri.UnescapeDataString(decoded.Substring(0, colon)), Uri.UnescapeDataString(decoded.Substring(colon + 1)));
            }
            catch (FormatException) { return null; }
        }

        /// <summary>
        /// The appidacr value the client earned: 0 public, 1 secret, 2 certificate. Sets <paramref name="error"/>
        /// when a confidential client does not authenticate or a credential is wrong.
        /// </summary>
        private int AuthenticateClient(EmulatorRequest request, IReadOnlyDictionary<string, string> form, ClientApp client, DateTimeOffset now, out HttpResponseMessage? error)
        {
            error = null;
            var secret = form.TryGetValue("client_secret", out var s) ? s : BasicCredentials(request)?.Secret;
            form.TryGetValue("client_assertion", out var assertion);
            if (!string.IsNullOrEmpty(secret))
            {
                var problem = ClientRegistry.CheckSecret(client, secret!, now);
                if (problem != null) error = OAuthError.Response("invalid_client", problem.Value.Code, problem.Value.Description, now, request.Header("client-request-id"), HttpStatusCode.Unauthorized);
                return 1;
            }
            if (!string.IsNullOrEmpty(assertion))
            {
                var problem = ClientAssertionValidator?.Invoke(client, assertion!, request.Uri);
                if (problem != null) error = OAuthError.Response("invalid_client", problem.Value.Code, problem.Value.Description, now, request.Header("client-request-id"), HttpStatusCode.Unauthorized);
                else if (ClientAssertionValidator == null) error = OAuthError.Response("invalid_client", 700027, "Client assertion failed signature validation: certificate credentials are not supported by this emulator build.", now, null, HttpStatusCode.Unauthorized);
                return 2;
            }
            if (!client.IsPublic)
                error = OAuthError.Response("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", now, request.Header("client-request-id"), HttpStatusCode.Unauthorized);
            return 0;
        }

        /// <summary>Validates a client_assertion JWT for a client; null when valid. Set by the certificate feature.</summary>
        public Func<ClientApp, string, Uri, (int Code, string Description)?>? ClientAssertionValidator { get; set; }

        private HttpResponseMessage RedeemCode(IReadOnlyDictionary<string, string> form, ClientApp client, int clientAuth, DateTimeOffset now,
            Func<string, int, string, HttpStatusCode, string?, HttpResponseMessage> error)
        {
            if (!form.TryGetValue("code", out var codeValue) || codeValue.Length == 0)
                return error("invalid_request", 900144, "The request body must contain the following parameter: 'code'.", HttpStatusCode.BadRequest, null);
            var code = _context.Grants.FindCode(codeValue);
            if (code == null || now - code.IssuedAt > GrantStore.AuthorizationCodeLifetime)
                return error("invalid_grant", 70008, "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.", HttpStatusCode.BadRequest, null);
            lock (code)
            {
                if (code.Redeemed)
                    return error("invalid_grant", 54005, "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.", HttpStatusCode.BadRequest, null);
                code.Redeemed = true;
            }
            if (!string.Equals(code.Grant.ClientId, client.AppId, StringComparison.OrdinalIgnoreCase))
                return error("invalid_grant", 70002, "The client application does not match the application the authorization code was issued to.", HttpStatusCode.BadRequest, null);
            if (!form.TryGetValue("redirect_uri", out var redirect) || !string.Equals(redirect, code.RedirectUri, StringComparison.Ordinal))
                return error("invalid_grant", 500112, "The reply address does not match the reply address provided when requesting the authorization code.", HttpStatusCode.BadRequest, null);
            if (code.CodeChallenge != null)
            {
                form.TryGetValue("code_verifier", out var verifier);
                if (string.IsNullOrEmpty(verifier) || !PkceMatches(code.CodeChallenge, code.CodeChallengeMethod, verifier!))
                    return error("invalid_grant", 501481, "The Code_Verifier does not match the code_challenge supplied in the authorization request.", HttpStatusCode.BadRequest, null);
            }
            var scopes = ScopeRequest.Parse(form.TryGetValue("scope", out var scope) ? scope : code.Scope, out var scopeError);
            if (scopes == null) return error("invalid_scope", 70011, scopeError, HttpStatusCode.BadRequest, null);
            var target = _context.Cloud.FindTenant(code.TenantId)!;
            return IssueUserTokens(target, code.Grant, client, clientAuth, scopes, code.Nonce, error);
        }

        private HttpResponseMessage RedeemRefreshToken(IReadOnlyDictionary<string, string> form, ClientApp client, int clientAuth, EmulatedTenant? authorityTenant, DateTimeOffset now,
            Func<string, int, string, HttpStatusCode, string?, HttpResponseMessage> error)
        {
            if (!form.TryGetValue("refresh_token", out var token) || token.Length == 0)
                return error("invalid_request", 900144, "The request body must contain the following parameter: 'refresh_token'.", HttpStatusCode.BadRequest, null);
            var record = _context.Grants.FindRefreshToken(token);
            if (record == null)
                return error("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.", HttpStatusCode.BadRequest, null);
            if (record.Revoked)
                return error("invalid_grant", 50173, "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.", HttpStatusCode.BadRequest, null);
            var inactive = now - record.IssuedAt;
            if (inactive > GrantStore.RefreshTokenMaxInactiveTime)
                return error("invalid_grant", 700082, $"The refresh token has expired due to inactivity. The token was issued on {record.IssuedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} and was inactive for {GrantStore.RefreshTokenMaxInactiveTime.TotalDays:0}.00:00:00.", HttpStatusCode.BadRequest, null);
            if (!string.Equals(record.Grant.ClientId, client.AppId, StringComparison.OrdinalIgnoreCase))
                return error("invalid_grant", 70000, "The provided grant is invalid or malformed: the refresh token was issued to a different client.", HttpStatusCode.BadRequest, null);
            var scopes = ScopeRequest.Parse(form.TryGetValue("scope", out var scope) ? scope : "openid profile offline_access", out var scopeError);
            if (scopes == null) return error("invalid_scope", 70011, scopeError, HttpStatusCode.BadRequest, null);
            var home = _context.Cloud.FindTenant(record.Grant.HomeTenantId)!;
            var target = authorityTenant ?? home;
            return IssueUserTokens(target, record.Grant, client, clientAuth, scopes, nonce: null, error);
        }

        /// <summary>Checks the user still may sign in to the target, then issues access, refresh and id tokens.</summary>
        public HttpResponseMessage IssueUserTokens(EmulatedTenant target, UserGrant grant, ClientApp client, int clientAuth, ScopeRequest scopes, string? nonce,
            Func<string, int, string, HttpStatusCode, string?, HttpResponseMessage> error)
        {
            var now = _context.Clock.UtcNow;
            var home = _context.Cloud.FindTenant(grant.HomeTenantId)!;
            var user = home.FindUser(grant.UserId);
            if (user == null)
                return error("invalid_grant", 50034, "The user account does not exist in the directory.", HttpStatusCode.BadRequest, null);
            if (user["accountEnabled"]?.GetValue<bool>() == false)
                return error("invalid_grant", 50057, "The user account is disabled.", HttpStatusCode.BadRequest, null);
            var access = CheckTenantAccess(target, home, user);
            if (access != null) return error("invalid_grant", access.Value.Code, access.Value.Description, HttpStatusCode.BadRequest, null);
            var mfaCheck = MfaRequirement?.Invoke(target, home, user, grant, client, scopes);
            if (mfaCheck != null)
                return error("invalid_grant", mfaCheck.Value.Code, mfaCheck.Value.Description, HttpStatusCode.BadRequest, "basic_action");
            var granted = Consent.Delegated(client, target, scopes, out var consentError);
            if (granted == null)
                return error("invalid_grant", Consent.ConsentMissing, consentError, HttpStatusCode.BadRequest, "consent_required");

            var body = new JsonObject
            {
                ["token_type"] = "Bearer",
                ["scope"] = TokenIssuer.ResponseScope(scopes, granted),
                ["expires_in"] = _context.Options.AccessTokenLifetimeSeconds,
                ["ext_expires_in"] = _context.Options.AccessTokenLifetimeSeconds,
                ["access_token"] = _issuer.UserAccessToken(target, home, user, client, scopes, granted, grant.Amr, clientAuth),
            };
            if (scopes.WantsRefreshToken)
                body["refresh_token"] = _context.Grants.AddRefreshToken(new RefreshTokenRecord(grant, now));
            if (scopes.WantsIdToken)
                body["id_token"] = _issuer.IdToken(target, user, client.AppId, nonce);
            body["client_info"] = TokenIssuer.ClientInfo(grant.UserId, grant.HomeTenantId);
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        /// <summary>Returns an MFA-required error when policy demands MFA the grant lacks. Set by the features that model it.</summary>
        public Func<EmulatedTenant, EmulatedTenant, JsonObject, UserGrant, ClientApp, ScopeRequest, (int Code, string Description)?>? MfaRequirement { get; set; }

        private HttpResponseMessage ClientCredentials(IReadOnlyDictionary<string, string> form, ClientApp client, int clientAuth, EmulatedTenant? target, string segment,
            Func<string, int, string, HttpStatusCode, string?, HttpResponseMessage> error)
        {
            if (target == null)
                return error("invalid_request", 90107, $"The client credentials grant is not supported on '/{segment}'. Use a tenant id or domain in the authority.", HttpStatusCode.BadRequest, null);
            if (clientAuth == 0)
                return error("invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.", HttpStatusCode.Unauthorized, null);
            var scopes = ScopeRequest.Parse(form.TryGetValue("scope", out var scope) ? scope : null, out var scopeError);
            if (scopes == null) return error("invalid_scope", 70011, scopeError, HttpStatusCode.BadRequest, null);
            if (!scopes.IsDefault)
                return error("invalid_scope", 1002012, $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).", HttpStatusCode.BadRequest, null);
            if (client.Home != target && !HasServicePrincipal(target, client.AppId))
                return error("unauthorized_client", 700016, $"Application with identifier '{client.AppId}' was not found in the directory '{target.DisplayName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.", HttpStatusCode.BadRequest, null);
            var body = new JsonObject
            {
                ["token_type"] = "Bearer",
                ["expires_in"] = _context.Options.AccessTokenLifetimeSeconds,
                ["ext_expires_in"] = _context.Options.AccessTokenLifetimeSeconds,
                ["access_token"] = _issuer.AppAccessToken(target, client, scopes, clientAuth),
            };
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        private static bool HasServicePrincipal(EmulatedTenant tenant, string appId)
        {
            lock (tenant.Sync)
                return tenant.Snapshot.ServicePrincipals.Any(sp => string.Equals((string?)sp["appId"], appId, StringComparison.OrdinalIgnoreCase));
        }

        private static bool PkceMatches(string challenge, string? method, string verifier)
        {
            if (string.Equals(method, "S256", StringComparison.Ordinal))
            {
                using var sha = SHA256.Create();
                return string.Equals(Base64Url.Encode(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier))), challenge, StringComparison.Ordinal);
            }
            return string.Equals(challenge, verifier, StringComparison.Ordinal);
        }
    }
}
