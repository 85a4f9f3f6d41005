using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// The connection's token source as every caller sees it: it remembers which resource and tenant each token it
    /// handed out was for, so that when a service calls one expired mid-read (401), the HTTP pipeline can have it
    /// renewed and send the request again. Requests that met the same expired token share one renewal, and requests
    /// that ask at once for a token MSAL does not hold yet (the parallel first reads of a customer tenant) share one
    /// acquisition: without it each redeemed the refresh token, about 6.6 token requests per customer (docs/benchmarks.md).
    /// </summary>
    internal sealed class RenewingTokenSource : TokenSource
    {
        private readonly TokenSource _inner;
        private readonly ConcurrentDictionary<string, (ApiResource Resource, string TenantId)> _issued = new ConcurrentDictionary<string, (ApiResource, string)>();
        private readonly ConcurrentDictionary<string, Task<AccessToken?>> _renewals = new ConcurrentDictionary<string, Task<AccessToken?>>();
        private readonly ConcurrentDictionary<(string Resource, string TenantId), Task<AccessToken>> _acquisitions =
            new ConcurrentDictionary<(string, string), Task<AccessToken>>();

        public RenewingTokenSource(TokenSource inner) => _inner = inner;

        public override string AuthMode => _inner.AuthMode;
        public override string Account => _inner.Account;
        public override string? HomeTenantId => _inner.HomeTenantId;
        public override Task SignOutAsync() => _inner.SignOutAsync();

        public override async Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken)
        {
            var key = (resource.Name, tenantId.ToLowerInvariant());
            while (true)
            {
                var shared = _acquisitions.GetOrAdd(key, _ => _inner.AcquireAsync(resource, tenantId, cancellationToken));
                try
                {
                    return Remember(await shared.ConfigureAwait(false), resource, tenantId)!;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // Another caller's acquisition was cancelled, not ours: ask again.
                }
                finally
                {
                    // Done (or failed): the next caller asks MSAL, which answers from its cache or tries again.
                    if (shared.IsCompleted) ((ICollection<KeyValuePair<(string, string), Task<AccessToken>>>)_acquisitions).Remove(new KeyValuePair<(string, string), Task<AccessToken>>(key, shared));
                }
            }
        }

        public override async Task<AccessToken?> RenewAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            Remember(await _inner.RenewAsync(resource, tenantId, cancellationToken).ConfigureAwait(false), resource, tenantId);

        /// <summary>For <see cref="Http.HttpPipeline.RenewBearer"/>: a new token in place of a refused one this source handed out, or null.</summary>
        public async Task<string?> RenewBearerAsync(string rejected, CancellationToken cancellationToken)
        {
            if (!_issued.TryGetValue(Key(rejected), out var issued)) return null;
            var renewal = _renewals.GetOrAdd(Key(rejected), _ => RenewAsync(issued.Resource, issued.TenantId, cancellationToken));
            try
            {
                return (await renewal.ConfigureAwait(false))?.Value;
            }
            catch
            {
                _renewals.TryRemove(Key(rejected), out _);
                throw;
            }
        }

        private AccessToken? Remember(AccessToken? token, ApiResource resource, string tenantId)
        {
            if (token != null) _issued[Key(token.Value)] = (resource, tenantId);
            return token;
        }

        /// <summary>A token is known by its signature, the part no two tokens share.</summary>
        private static string Key(string token)
        {
            int dot = token.LastIndexOf('.');
            return dot < 0 ? token : token.Substring(dot + 1);
        }
    }
}
