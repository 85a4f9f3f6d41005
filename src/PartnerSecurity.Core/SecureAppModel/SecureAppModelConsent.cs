using System;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>What New-SecureAppModelToken gathered: the app and its credential, the cloud, how to sign in or what to redeem.</summary>
    public sealed class ConsentRequest
    {
        public string ApplicationId { get; set; } = string.Empty;
        public SecureString? ClientSecret { get; set; }
        public X509Certificate2? Certificate { get; set; }
        /// <summary>For the consent: the partner tenant (organizations when null). For an exchange: the tenant to get tokens in.</summary>
        public string? TenantId { get; set; }
        /// <summary>Full scopes; null: Partner Center user_impersonation.</summary>
        public string[]? Scopes { get; set; }
        public bool UseDeviceCode { get; set; }
        public string? LoginHint { get; set; }
        /// <summary>Hand out a token whose sign-in carried no MFA claim.</summary>
        public bool Force { get; set; }
        /// <summary>Redeem this refresh token instead of signing in.</summary>
        public SecureString? RefreshToken { get; set; }

        /// <summary>Where to sign in: the environment, and for an emulated cloud its transport, browser and clock.</summary>
        public Cloud Cloud { get; set; } = Cloud.Global;
        public CloudEnvironment Environment { get => Cloud.Environment; set => Cloud = Cloud.With(environment: value); }
        public HttpMessageHandler? Transport { get => Cloud.Transport; set => Cloud = Cloud.With(transport: value); }
        /// <summary>The retry rules; they run on the cloud's clock unless given their own.</summary>
        public RetryPolicy? RetryPolicy { get; set; }
        public Func<Uri, CancellationToken, Task>? Browser { get => Cloud.Browser; set => Cloud = Cloud.With(browser: value); }
        public Action<string>? DeviceCodeMessage { get; set; }
        /// <summary>"Now": sets the cloud's clock (waiting in real time).</summary>
        public Func<DateTimeOffset>? Clock
        {
            get => ReferenceEquals(Cloud.Clock, RetryClock.Real) ? null : () => Cloud.Now;
            set => Cloud = Cloud.With(clock: Cloud.ClockReading(value));
        }

        /// <summary>The application and its credential, as one value.</summary>
        public AppCredential Credential
        {
            get => new AppCredential(ApplicationId, ClientSecret, Certificate);
            set
            {
                ApplicationId = value.ApplicationId ?? ApplicationId;
                ClientSecret = value.ClientSecret;
                Certificate = value.Certificate;
            }
        }
        public TimeSpan SignInTimeout { get; set; } = TimeSpan.FromMinutes(10);
    }

    /// <summary>
    /// The Secure Application Model's one-time consent and its refresh-token exchanges. The consent signs a
    /// partner admin in to the SAM application (authorization code with PKCE on a loopback redirect, redeemed
    /// by the confidential client with its certificate or secret; or the device code flow) and keeps the refresh
    /// token Entra ID issues. An exchange redeems a refresh token with MSAL's AcquireTokenByRefreshToken for any
    /// tenant and scope, and returns the rotated refresh token with the access token.
    /// </summary>
    public static class SecureAppModelConsent
    {
        public static string[] DefaultScopes(CloudEnvironment environment) => ApiResource.PartnerCenter.DelegatedScopes(environment);

        public static async Task<SecureAppModelToken> ConsentAsync(ConsentRequest request, CancellationToken cancellationToken)
        {
            using var pipeline = new HttpPipeline(request.Cloud.Transport, request.Cloud.Retries(request.RetryPolicy));
            var scopes = request.Scopes ?? DefaultScopes(request.Environment);
            var tenant = request.TenantId ?? "organizations";
            AuthenticationResult result;
            TokenCacheBinding binding;
            try
            {
                if (request.UseDeviceCode)
                {
                    var app = PublicClientApplicationBuilder.Create(request.ApplicationId)
                        .WithAuthority(request.Environment.AuthorityHost, tenant)
                        .WithHttpClientFactory(new MsalHttpClientFactory(pipeline))
                        .WithLogging(MsalLogging.Write, LogLevel.Warning, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                        .WithClientName("PartnerSecurity")
                        .Build();
                    binding = TokenCacheBinding.Attach(app.UserTokenCache, request.ApplicationId, blob: null);
                    result = await app.AcquireTokenWithDeviceCode(scopes, code =>
                    {
                        (request.DeviceCodeMessage ?? OperationLog.Warning)(code.Message);
                        return Task.CompletedTask;
                    }).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    (result, binding) = await AuthorizationCodeAsync(request, pipeline, scopes, tenant, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenant, "the Secure Application Model consent");
            }
            return Result(request, result, binding, scopes, request.Cloud.Now);
        }

        private static async Task<(AuthenticationResult, TokenCacheBinding)> AuthorizationCodeAsync(ConsentRequest request, HttpPipeline pipeline, string[] scopes, string tenant, CancellationToken cancellationToken)
        {
            using var listener = new LoopbackListener();
            var app = ConfidentialClients.Create(request.ApplicationId, tenant, request.Environment, pipeline, request.ClientSecret, request.Certificate, listener.RedirectUri);
            var binding = TokenCacheBinding.Attach(app.UserTokenCache, request.ApplicationId, blob: null);
            var urlBuilder = app.GetAuthorizationRequestUrl(scopes)
                .WithRedirectUri(listener.RedirectUri)
                .WithPkce(out var verifier)
                .WithPrompt(Prompt.SelectAccount);
            if (!string.IsNullOrEmpty(request.LoginHint)) urlBuilder = urlBuilder.WithLoginHint(request.LoginHint);
            var url = await urlBuilder.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            var state = Query(url, "state");
            if (state == null)
            {
                state = Guid.NewGuid().ToString("N");
                url = new Uri(url.AbsoluteUri + "&state=" + state);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(request.SignInTimeout);
            var waiting = listener.WaitForResponseAsync(timeout.Token);
            OperationLog.Verbose("Opening the browser for the Secure Application Model consent; sign in as a partner admin and complete MFA.");
            if (request.Cloud.Browser != null) await request.Cloud.Browser(url, timeout.Token).ConfigureAwait(false);
            else await SystemBrowser.OpenAsync(url).ConfigureAwait(false);
            System.Collections.Generic.IReadOnlyDictionary<string, string> response;
            try
            {
                response = await waiting.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new PartnerSecurityException("SignInTimedOut", ErrorKind.ResourceUnavailable,
                    $"The sign-in did not complete within {request.SignInTimeout.TotalMinutes:0} minutes.", "Run the consent again, or use -UseDeviceCode.");
            }
            if (response.TryGetValue("error", out var error))
            {
                response.TryGetValue("error_description", out var description);
                var first = (description ?? string.Empty).Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? error;
                throw new PartnerSecurityException("ConsentFailed", ErrorKind.AuthenticationError,
                    $"The sign-in to the Secure Application Model application was not completed: {error}: {first}",
                    "Check the application id, that the application allows the loopback redirect (http://localhost), and sign in as a partner admin.", null, request.ApplicationId);
            }
            if (!response.TryGetValue("state", out var returned) || !string.Equals(returned, state, StringComparison.Ordinal))
                throw new PartnerSecurityException("ConsentStateMismatch", ErrorKind.AuthenticationError,
                    "The sign-in response did not carry the state this sign-in sent, so it was refused.", "Run the consent again; close other sign-in windows first.");
            var result = await app.AcquireTokenByAuthorizationCode(scopes, response["code"])
                .WithPkceCodeVerifier(verifier)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            binding.HomeAccountId = result.Account?.HomeAccountId?.Identifier;
            return (result, binding);
        }

        /// <summary>Redeems a refresh token for the request's tenant and scopes (the customer-tenant exchange).</summary>
        public static async Task<SecureAppModelToken> RedeemAsync(ConsentRequest request, CancellationToken cancellationToken)
        {
            if (request.RefreshToken == null) throw new ArgumentException("A refresh token is required.");
            using var pipeline = new HttpPipeline(request.Cloud.Transport, request.Cloud.Retries(request.RetryPolicy));
            var scopes = request.Scopes ?? DefaultScopes(request.Environment);
            var tenant = request.TenantId ?? "organizations";
            var app = ConfidentialClients.Create(request.ApplicationId, tenant, request.Environment, pipeline, request.ClientSecret, request.Certificate);
            var binding = TokenCacheBinding.Attach(app.UserTokenCache, request.ApplicationId, blob: null);
            AuthenticationResult result;
            try
            {
                result = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(scopes, SecureStrings.Reveal(request.RefreshToken))
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenant, string.Join(" ", scopes));
            }
            return Result(request, result, binding, scopes, request.Cloud.Now, requireMfa: false);
        }

        private static SecureAppModelToken Result(ConsentRequest request, AuthenticationResult result, TokenCacheBinding binding, string[] scopes, DateTimeOffset now, bool requireMfa = true)
        {
            var claims = TokenClaims.Parse(result.AccessToken);
            if (requireMfa && !claims.HasMfaClaim && !request.Force)
                throw new PartnerSecurityException("MfaClaimMissing", ErrorKind.AuthenticationError,
                    $"The sign-in of {result.Account?.Username} carried no MFA claim, so its refresh token would not meet the partner security requirements; it was discarded.",
                    "Sign in with an account that completes multi-factor authentication (register a method, or enforce MFA with security defaults or conditional access), then run the consent again. -Force keeps a token without MFA.", null, result.Account?.Username);
            var refresh = binding.LatestRefreshToken
                ?? throw new PartnerSecurityException("NoRefreshToken", ErrorKind.AuthenticationError,
                    "Microsoft Entra ID returned no refresh token for this sign-in.", "Make sure the scopes allow offline access (they do by default) and run the consent again.");
            return new SecureAppModelToken(SecureStrings.Protect(refresh), SecureStrings.Protect(result.AccessToken), result.ExpiresOn, now,
                claims.HasMfaClaim, claims.TenantId ?? result.TenantId ?? string.Empty, request.ApplicationId,
                result.Account?.Username ?? claims.UserPrincipalName ?? string.Empty, scopes, name: null);
        }

        private static string? Query(Uri url, string name)
        {
            foreach (var pair in url.Query.TrimStart('?').Split('&'))
            {
                int eq = pair.IndexOf('=');
                if (eq > 0 && pair.Substring(0, eq) == name) return Uri.UnescapeDataString(pair.Substring(eq + 1));
            }
            return null;
        }

        /// <summary>The SecureAppModelToken with the name it is stored under.</summary>
        public static SecureAppModelToken Named(SecureAppModelToken token, string name) =>
            new SecureAppModelToken(token.RefreshToken, token.AccessToken, token.AccessTokenExpiresOn, token.RefreshTokenIssuedOn, token.HasMfaClaim,
                token.TenantId, token.ApplicationId, token.Account, token.Scopes, name);
    }
}
