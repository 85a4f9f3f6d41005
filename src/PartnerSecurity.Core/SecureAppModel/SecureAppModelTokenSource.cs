using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// App + user through the Secure Application Model: the application's credential and a refresh token from
    /// the one-time MFA consent. The refresh token is redeemed once (MSAL's AcquireTokenByRefreshToken); after
    /// that MSAL renews tokens for any resource and any customer tenant from its cache, and every new refresh
    /// token Entra ID returns is written back to the token store when the token came from it.
    /// </summary>
    public sealed class SecureAppModelTokenSource : Authentication.TokenSource
    {
        private readonly IConfidentialClientApplication _app;
        private readonly CloudEnvironment _environment;
        private IAccount? _account;
        private string? _homeTenantId;

        private SecureAppModelTokenSource(IConfidentialClientApplication app, CloudEnvironment environment)
        {
            _app = app;
            _environment = environment;
        }

        public override string AuthMode => "SecureAppModel";
        public override string Account => _account?.Username ?? string.Empty;
        public override string? HomeTenantId => _homeTenantId;

        /// <summary>The scopes a Secure Application Model token is asked for: what the app was granted (.default), Partner Center's user_impersonation.</summary>
        internal static string[] Scopes(ApiResource resource, CloudEnvironment environment) =>
            resource == ApiResource.PartnerCenter ? resource.DelegatedScopes(environment) : resource.DefaultScope(environment);

        public static async Task<SecureAppModelTokenSource> SignInAsync(ConnectionRequest request, HttpPipeline pipeline, CancellationToken cancellationToken)
        {
            var stored = request.StoredCredentials;
            if (stored == null && !string.IsNullOrEmpty(request.RefreshTokenName))
                stored = StoredTokenCredentials.Resolve(request.TokenStore ?? SecureAppModelTokenStore.Open(request.Storage), request.RefreshTokenName!,
                    request.ApplicationId, request.ClientSecret, request.Certificate);
            string refreshToken;
            if (stored != null) refreshToken = stored.Token.RefreshToken;
            else if (request.RefreshToken != null) refreshToken = SecureStrings.Reveal(request.RefreshToken);
            else throw new ArgumentException("A refresh token or a stored token name is required.");

            var appId = stored?.ApplicationId ?? request.ApplicationId ?? throw new ArgumentException("An application id is required.");
            var tenant = request.TenantId ?? stored?.TenantId ?? "organizations";
            var app = ConfidentialClients.Create(appId, tenant, request.Environment, pipeline, stored?.ClientSecret ?? request.ClientSecret, stored?.Certificate ?? request.Certificate);
            var binding = TokenCacheBinding.Attach(app.UserTokenCache, appId, blob: null);
            var cloud = request.Cloud;
            Func<DateTimeOffset> now = () => cloud.Now;
            if (stored != null) binding.RefreshTokenChanged = rotated => stored.Rotate(rotated, now());

            var source = new SecureAppModelTokenSource(app, request.Environment);
            source.Clock = now;
            try
            {
                var result = await ((IByRefreshToken)app).AcquireTokenByRefreshToken(Scopes(ApiResource.Graph, request.Environment), refreshToken)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                source._account = result.Account;
                source._homeTenantId = result.TenantId;
                binding.HomeAccountId = result.Account?.HomeAccountId?.Identifier;
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenant, ApiResource.Graph.Name);
            }
            return source;
        }

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
                    var builder = _app.AcquireTokenSilent(Scopes(resource, _environment), _account).WithForceRefresh(force || forceRefresh);
                    if (!string.IsNullOrEmpty(tenantId)) builder = builder.WithTenantId(tenantId);
                    var result = await builder.ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }).ConfigureAwait(false);
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenantId, resource.Name);
            }
        }

        public override async Task SignOutAsync()
        {
            if (_account != null) await _app.RemoveAsync(_account).ConfigureAwait(false);
            _account = null;
        }
    }
}
