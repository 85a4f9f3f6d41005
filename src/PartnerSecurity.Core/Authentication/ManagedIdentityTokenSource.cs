using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// An Azure managed identity (Azure Automation, Functions, VMs): MSAL's ManagedIdentityApplication finds
    /// the platform's endpoint (IMDS, or App Service's IDENTITY_ENDPOINT) itself. The identity is system-assigned,
    /// or user-assigned when a client id is given. It gets app-only tokens in its own tenant only.
    /// </summary>
    public sealed class ManagedIdentityTokenSource : TokenSource
    {
        private readonly IManagedIdentityApplication _app;
        private readonly CloudEnvironment _environment;
        private readonly string? _clientId;
        private string? _tenantId;
        private string _account = "managed identity";

        private ManagedIdentityTokenSource(IManagedIdentityApplication app, CloudEnvironment environment, string? clientId)
        {
            _app = app;
            _environment = environment;
            _clientId = clientId;
        }

        public override string AuthMode => "ManagedIdentity";
        public override string Account => _account;
        public override string? HomeTenantId => _tenantId;

        public static ManagedIdentityTokenSource Create(ConnectionRequest request, HttpPipeline pipeline)
        {
            var id = string.IsNullOrEmpty(request.ApplicationId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.WithUserAssignedClientId(request.ApplicationId);
            var app = ManagedIdentityApplicationBuilder.Create(id)
                .WithHttpClientFactory(new MsalHttpClientFactory(pipeline))
                .WithLogging(MsalLogging.Write, LogLevel.Warning, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("PartnerSecurity")
                .Build();
            return new ManagedIdentityTokenSource(app, request.Environment, request.ApplicationId) { Clock = () => request.Cloud.Now };
        }

        public override Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            ForIdentityAsync(resource, tenantId, forceRefresh: false, cancellationToken);

        public override async Task<AccessToken?> RenewAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            await ForIdentityAsync(resource, tenantId, forceRefresh: true, cancellationToken).ConfigureAwait(false);

        private async Task<AccessToken> ForIdentityAsync(ApiResource resource, string tenantId, bool forceRefresh, CancellationToken cancellationToken)
        {
            if (_tenantId != null && !string.IsNullOrEmpty(tenantId) && !string.Equals(tenantId, _tenantId, StringComparison.OrdinalIgnoreCase))
                throw new PartnerSecurityException("ManagedIdentityTenant", ErrorKind.NotSupported,
                    $"A managed identity gets tokens only in its own tenant ({_tenantId}), not in '{tenantId}'.",
                    "For customer tenants use the Secure Application Model (Connect-PartnerSecurity -ApplicationId ... -RefreshTokenName ...).", null, tenantId);
            try
            {
                var token = await FreshAsync(async force =>
                {
                    var result = await _app.AcquireTokenForManagedIdentity(resource.Endpoint(_environment)).WithForceRefresh(force || forceRefresh).ExecuteAsync(cancellationToken).ConfigureAwait(false);
                    return new AccessToken(result.AccessToken, result.ExpiresOn);
                }).ConfigureAwait(false);
                _tenantId ??= token.Claims.TenantId;
                _account = token.Claims.AppId ?? _clientId ?? _account;
                return token;
            }
            catch (MsalException ex)
            {
                var detail = ex.Message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
                throw new PartnerSecurityException("ManagedIdentityUnavailable", ErrorKind.AuthenticationError,
                    $"The managed identity could not get a token for '{resource.Name}': {(detail.Length > 0 ? detail[0] : ex.ErrorCode)}",
                    "Run this where a managed identity is assigned (Azure Automation, Functions, a VM), enable it, and give -ClientId for a user-assigned identity.", ex, tenantId);
            }
        }
    }
}
