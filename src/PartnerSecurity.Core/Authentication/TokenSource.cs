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
    }
}
