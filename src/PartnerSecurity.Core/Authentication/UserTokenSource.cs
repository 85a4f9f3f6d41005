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
            AuthenticationResult result;
            try
            {
                if (request.Mode == ConnectionMode.DeviceCode)
                {
                    result = await app.AcquireTokenWithDeviceCode(scopes, code =>
                    {
                        (request.DeviceCodeMessage ?? OperationLog.Warning)(code.Message);
                        return Task.CompletedTask;
                    }).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var builder = app.AcquireTokenInteractive(scopes)
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
            source.HomeTenantId = result.TenantId;
            return source;
        }

        /// <summary>The tenant the user signed in to.</summary>
        public string HomeTenantId { get; private set; } = string.Empty;

        public override async Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken)
        {
            if (_account == null)
                throw new PartnerSecurityException("NotConnected", ErrorKind.AuthenticationError, "This connection has been closed.", "Run Connect-PartnerSecurity.");
            try
            {
                var result = await _app.AcquireTokenSilent(resource.DelegatedScopes(_environment), _account)
                    .WithTenantId(tenantId)
                    .ExecuteAsync(cancellationToken).ConfigureAwait(false);
                return new AccessToken(result.AccessToken, result.ExpiresOn);
            }
            catch (MsalException ex)
            {
                throw MsalErrors.Translate(ex, tenantId, resource.Name);
            }
        }

        public override async Task SignOutAsync()
        {
            foreach (var account in (await _app.GetAccountsAsync().ConfigureAwait(false)).ToList())
                await _app.RemoveAsync(account).ConfigureAwait(false);
            _account = null;
        }
    }
}
