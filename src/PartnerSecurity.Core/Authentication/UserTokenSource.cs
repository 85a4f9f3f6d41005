using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// A user signed in through MSAL's public client: authorization code with PKCE in the browser (on a
    /// loopback redirect), or the device code flow. After the one sign-in, tokens for other resources and
    /// other (customer) tenants come silently from MSAL's cache and refresh token.
    /// </summary>
    public sealed class UserTokenSource : TokenSource
    {
        private readonly IPublicClientApplication _app;
        private readonly CloudEnvironment _environment;
        private readonly string _mode;
        private IAccount? _account;

        private UserTokenSource(IPublicClientApplication app, CloudEnvironment environment, string mode)
        {
            _app = app;
            _environment = environment;
            _mode = mode;
        }

        public override string AuthMode => _mode;
        public override string Account => _account?.Username ?? string.Empty;

        public static async Task<UserTokenSource> SignInAsync(ConnectionRequest request, HttpPipeline pipeline, CancellationToken cancellationToken)
        {
            var environment = request.Environment;
            var app = PublicClientApplicationBuilder.Create(request.ApplicationId ?? WellKnownClients.ModuleClientId)
                .WithAuthority(environment.AuthorityHost, request.TenantId ?? "organizations")
                .WithRedirectUri("http://localhost")
                .WithHttpClientFactory(new MsalHttpClientFactory(pipeline))
                .WithLogging(MsalLogging.Write, LogLevel.Warning, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("PartnerSecurity")
                .WithClientVersion(typeof(UserTokenSource).Assembly.GetName().Version?.ToString() ?? "0.0")
                .Build();

            var scopes = ApiResource.Graph.DelegatedScopes(environment);
            var source = new UserTokenSource(app, environment, request.Mode == ConnectionMode.DeviceCode ? "DeviceCode" : request.Mode == ConnectionMode.Interactive ? "Interactive" : request.Mode.ToString());
            source.Clock = () => request.Cloud.Now;
            var blob = request.ContextScope == ContextScope.CurrentUser ? TokenCaches.Open(CacheBlobName(request), request.Storage) : null;
            source._cache = TokenCacheBinding.Attach(app.UserTokenCache, request.ApplicationId ?? WellKnownClients.ModuleClientId, blob, tracksRefreshToken: false);
            if (blob != null && await source.TrySilentAsync(request, scopes, cancellationToken).ConfigureAwait(false)) return source;
            AuthenticationResult result;
            try
            {
                if (request.Mode == ConnectionMode.DeviceCode)
                {
                    result = await app.AcquireTokenWithDeviceCode(scopes.Concat(ExtraScopes(request, environment)).Distinct(StringComparer.OrdinalIgnoreCase), code =>
                    {
                        (request.DeviceCodeMessage ?? OperationLog.Warning)(code.Message);
                        return Task.CompletedTask;
                    }).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var builder = app.AcquireTokenInteractive(scopes)
                        .WithExtraScopesToConsent(ExtraScopes(request, environment))
                        .WithPrompt(Prompt.SelectAccount)
                        .WithUseEmbeddedWebView(false);
                    if (request.Browser != null)
                    {
                        var browser = request.Browser;
                        builder = builder.WithSystemWebViewOptions(new SystemWebViewOptions { OpenBrowserAsync = uri => browser(uri, cancellationToken) });
                    }
                    if (!string.IsNullOrEmpty(request.LoginHint)) builder = builder.WithLoginHint(request.LoginHint);
                    result = await builder.ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, request.TenantId ?? "organizations", ApiResource.Graph.Name);
            }
            source._account = result.Account;
            source._homeTenantId = result.TenantId;
            return source;
        }

        private string _homeTenantId = string.Empty;

        /// <summary>The tenant the user signed in to.</summary>
        public override string? HomeTenantId => _homeTenantId;

        public override Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            SilentAsync(resource, tenantId, forceRefresh: false, cancellationToken);

        public override async Task<AccessToken?> RenewAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            await SilentAsync(resource, tenantId, forceRefresh: true, cancellationToken).ConfigureAwait(false);

        private async Task<AccessToken> SilentAsync(ApiResource resource, string tenantId, bool forceRefresh, CancellationToken cancellationToken)
        {
            if (_account == null)
                throw new PartnerSecurityException("NotConnected", ErrorKind.AuthenticationError, "This connection has been closed.", "Run Connect-PartnerSecurity.");
            try
            {
                return await FreshAsync(async force =>
                {
                    var result = await _app.AcquireTokenSilent(resource.DelegatedScopes(_environment), _account)
                        .WithTenantId(tenantId)
                        .WithForceRefresh(force || forceRefresh)
                        .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }).ConfigureAwait(false);
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenantId, resource.Name);
            }
        }

        /// <summary>
        /// Forgets the sign-in. A sign-in kept for the user (-ContextScope CurrentUser) stays in the protected
        /// cache so the next session signs in silently; Disconnect-PartnerSecurity -ClearTokenCache removes it.
        /// </summary>
        public override async Task SignOutAsync()
        {
            if (_cache == null || !_cache.IsPersisted)
            {
                foreach (var account in (await _app.GetAccountsAsync().ConfigureAwait(false)).ToList())
                    await _app.RemoveAsync(account).ConfigureAwait(false);
            }
            _account = null;
        }

        private TokenCacheBinding? _cache;

        /// <summary>
        /// The protected blob of MSAL's cache for a cloud: one per real cloud, and one per emulated cloud (the demo, or
        /// each snapshot file), so a sign-in to one emulated cloud is never reused in another that has the same tenant id.
        /// </summary>
        internal static string CacheBlobName(ConnectionRequest request) =>
            request.Transport == null ? "msal-" + request.Environment.Name.ToLowerInvariant() + ".cache" : EmulatedCacheBlobName(request);

        private static string EmulatedCacheBlobName(ConnectionRequest request)
        {
            if (string.Equals(request.EnvironmentLabel, "Demo", StringComparison.OrdinalIgnoreCase)) return EmulatedCachePrefix + "demo.cache";
            var cloud = request.SnapshotPath ?? request.EnvironmentLabel ?? "emulated";
            using var sha = System.Security.Cryptography.SHA256.Create();
            var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(cloud.Replace('\\', '/')));
            return EmulatedCachePrefix + BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant() + ".cache";
        }

        /// <summary>The names of emulated clouds' caches begin with this.</summary>
        internal const string EmulatedCachePrefix = "msal-emulated-";

        /// <summary>The real clouds' cache blob names, for Disconnect-PartnerSecurity -ClearTokenCache (emulated ones are listed by <see cref="TokenCaches"/>).</summary>
        public static System.Collections.Generic.IEnumerable<string> AllCacheBlobNames =>
            CloudEnvironment.All.Select(e => "msal-" + e.Name.ToLowerInvariant() + ".cache").Concat(new[] { "msal-emulated.cache" });

        private static string[] ExtraScopes(ConnectionRequest request, CloudEnvironment environment) =>
            (request.ExtraScopes ?? Array.Empty<string>())
                .Select(s => s.Contains("://") || s.Contains("/") || s == "offline_access" || s == "openid" || s == "profile" ? s : environment.GraphEndpoint + "/" + s)
                .ToArray();

        /// <summary>Signs in from the persisted cache without a browser when an account matching the request is there.</summary>
        private async Task<bool> TrySilentAsync(ConnectionRequest request, string[] scopes, CancellationToken cancellationToken)
        {
            var accounts = (await _app.GetAccountsAsync().ConfigureAwait(false)).ToList();
            var candidates = accounts.Where(a =>
                (string.IsNullOrEmpty(request.LoginHint) || string.Equals(a.Username, request.LoginHint, StringComparison.OrdinalIgnoreCase))
                && (string.IsNullOrEmpty(request.TenantId) || !Guid.TryParse(request.TenantId, out _) || string.Equals(a.HomeAccountId?.TenantId, request.TenantId, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (candidates.Count != 1) return false;
            try
            {
                var result = await _app.AcquireTokenSilent(scopes, candidates[0]).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                _account = result.Account;
                _homeTenantId = result.TenantId;
                OperationLog.Verbose($"Signed in silently as {result.Account.Username} from the token cache kept for the current user.");
                return true;
            }
            catch (MsalUiRequiredException)
            {
                return false;
            }
            catch (MsalServiceException)
            {
                return false;
            }
        }
    }
}
