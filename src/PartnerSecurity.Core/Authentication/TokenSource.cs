using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Authentication
{
    /// <summary>How a connection gets access tokens: one implementation per way of signing in.</summary>
    public abstract class TokenSource
    {
        /// <summary>The sign-in mode shown on the context (Interactive, DeviceCode, ClientSecret, ...).</summary>
        public abstract string AuthMode { get; }

        /// <summary>Who is signed in: a UPN for users, the application id for apps.</summary>
        public abstract string Account { get; }

        /// <summary>The tenant the identity belongs to, when the sign-in told it (null: the request's tenant).</summary>
        public virtual string? HomeTenantId => null;

        /// <summary>A token for the resource in the given tenant (the home tenant or a customer's).</summary>
        public abstract Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken);

        /// <summary>
        /// A new token in place of one the resource called expired before its time (MSAL's force refresh, past its
        /// cache); null when this way of signing in cannot renew tokens (a token the caller brought).
        /// </summary>
        public virtual Task<AccessToken?> RenewAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken) =>
            Task.FromResult<AccessToken?>(null);

        /// <summary>Forgets what this source holds in memory (tokens, accounts).</summary>
        public virtual Task SignOutAsync() => Task.CompletedTask;

        /// <summary>"Now" on the connection's clock: an emulated cloud's, which may run ahead of the machine's.</summary>
        internal Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

        /// <summary>
        /// A token from <paramref name="acquire"/>, renewed (acquire(forceRefresh: true)) when it has expired on the
        /// connection's clock. MSAL judges a cached token by the machine's clock; in an emulated cloud time also moves
        /// on in tests and in retry waits, and access tokens must expire on the same clock as refresh tokens, so that
        /// a refresh token idle for 90 days shows as AADSTS700082, not as a 401 from Graph.
        /// </summary>
        protected async Task<AccessToken> FreshAsync(Func<bool, Task<AccessToken>> acquire)
        {
            var token = await acquire(false).ConfigureAwait(false);
            if (token.Claims.ExpiresOn is DateTimeOffset expires && expires <= Clock() + TimeSpan.FromMinutes(5))
                token = await acquire(true).ConfigureAwait(false);
            return token;
        }
    }
}
