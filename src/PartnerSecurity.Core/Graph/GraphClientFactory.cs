using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using PartnerSecurity.Authentication;

namespace PartnerSecurity.Graph
{
    /// <summary>
    /// Builds Graph SDK clients over the connection's HTTP pipeline. The SDK's own middleware (its retry
    /// handler in particular) is left out on purpose: the shared pipeline retries for MSAL, Graph and
    /// Partner Center alike.
    /// </summary>
    internal static class GraphClientFactory
    {
        public static GraphServiceClient Create(IGraphConnection connection, string tenantId, bool beta, ApiResource? permissions = null)
        {
            var endpoint = connection.Environment.GraphEndpoint;
            var auth = new BaseBearerTokenAuthenticationProvider(new TokenProvider(connection.Tokens, tenantId, new Uri(endpoint).Host, permissions ?? ApiResource.Graph));
            return new GraphServiceClient(connection.Pipeline.CreateClient(), auth, endpoint + (beta ? "/beta" : "/v1.0"));
        }

        private sealed class TokenProvider : IAccessTokenProvider
        {
            private readonly TokenSource _tokens;
            private readonly string _tenantId;
            private readonly ApiResource _resource;

            public TokenProvider(TokenSource tokens, string tenantId, string host, ApiResource resource)
            {
                _tokens = tokens;
                _tenantId = tenantId;
                _resource = resource;
                AllowedHostsValidator = new AllowedHostsValidator(new[] { host });
            }

            public AllowedHostsValidator AllowedHostsValidator { get; }

            public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
            {
                var token = await _tokens.AcquireAsync(_resource, _tenantId, cancellationToken).ConfigureAwait(false);
                return token.Value;
            }
        }
    }
}
