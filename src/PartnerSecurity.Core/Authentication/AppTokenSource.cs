using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>An application signed in with its own credential (client secret or certificate): app-only tokens.</summary>
    public sealed class AppTokenSource : TokenSource
    {
        private readonly IConfidentialClientApplication _app;
        private readonly CloudEnvironment _environment;
        private readonly string _mode;
        private readonly string _appId;

        private AppTokenSource(IConfidentialClientApplication app, CloudEnvironment environment, string mode, string appId)
        {
            _app = app;
            _environment = environment;
            _mode = mode;
            _appId = appId;
        }

        public override string AuthMode => _mode;
        public override string Account => _appId;

        public static AppTokenSource Create(ConnectionRequest request, HttpPipeline pipeline)
        {
            var appId = request.ApplicationId ?? throw new ArgumentException("An application id is required.");
            var tenant = request.TenantId ?? throw new PartnerSecurityException("TenantRequired", ErrorKind.InvalidArgument,
                "App-only sign-in needs the tenant: the client credentials grant does not work on /organizations.", "Add -TenantId with your partner tenant's id or domain.");
            var builder = ConfidentialClientApplicationBuilder.Create(appId)
                .WithAuthority(request.Environment.AuthorityHost, tenant)
                .WithHttpClientFactory(new MsalHttpClientFactory(pipeline))
                .WithLogging(MsalLogging.Write, LogLevel.Warning, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("PartnerSecurity");
            string mode;
            if (request.Certificate != null)
            {
                builder = builder.WithCertificate(request.Certificate, sendX5C: true);
                mode = "Certificate";
            }
            else if (request.ClientSecret != null)
            {
                builder = builder.WithClientSecret(SecureStrings.Reveal(request.ClientSecret));
                mode = "ClientSecret";
            }
            else throw new PartnerSecurityException("CredentialRequired", ErrorKind.InvalidArgument,
                "App-only sign-in needs the application's credential.", "Add -ClientSecret, -Credential, -CertificateThumbprint or -Certificate.");
            return new AppTokenSource(builder.Build(), request.Environment, mode, appId) { Clock = () => request.Cloud.Now };
        }

        public override Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            ForClientAsync(resource, tenantId, forceRefresh: false, cancellationToken);

        public override async Task<AccessToken?> RenewAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            await ForClientAsync(resource, tenantId, forceRefresh: true, cancellationToken).ConfigureAwait(false);

        private async Task<AccessToken> ForClientAsync(ApiResource resource, string tenantId, bool forceRefresh, CancellationToken cancellationToken)
        {
            try
            {
                return await FreshAsync(async force =>
                {
                    var result = await _app.AcquireTokenForClient(resource.DefaultScope(_environment))
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
    }
}
