using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using PartnerSecurity.Authentication;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// The Azure SDK's credential over one of the module's token sources: the current connection's identity (a
    /// signed-in user, an app) or the managed identity of the Azure resource. The SDK's challenge tells the tenant;
    /// the resource is always the cloud's Key Vault.
    /// </summary>
    internal sealed class KeyVaultCredential : TokenCredential
    {
        private readonly TokenSource _source;
        private readonly string? _tenantId;

        public KeyVaultCredential(TokenSource source, string? tenantId)
        {
            _source = source;
            _tenantId = tenantId;
        }

        public override Azure.Core.AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<Azure.Core.AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var tenant = requestContext.TenantId ?? _source.HomeTenantId ?? _tenantId ?? string.Empty;
            var token = await _source.AcquireAsync(ApiResource.KeyVault, tenant, cancellationToken).ConfigureAwait(false);
            return new Azure.Core.AccessToken(token.Value, token.ExpiresOn);
        }
    }
}
