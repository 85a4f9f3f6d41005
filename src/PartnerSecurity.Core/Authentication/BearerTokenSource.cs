using System;
using System.Linq;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// A token the caller brought (Connect-PartnerSecurity -AccessToken). It is checked to be a JWT and not
    /// expired, and is used only for the resource and tenant it was issued for; it is never renewed.
    /// </summary>
    public sealed class BearerTokenSource : TokenSource
    {
        private readonly SecureString _token;
        private readonly TokenClaims _claims;
        private readonly Func<DateTimeOffset> _now;

        private BearerTokenSource(SecureString token, TokenClaims claims, Func<DateTimeOffset> now)
        {
            _token = token;
            _claims = claims;
            _now = now;
        }

        public override string AuthMode => "AccessToken";
        public override string Account => _claims.UserPrincipalName ?? _claims.AppId ?? "unknown";
        public override string? HomeTenantId => _claims.TenantId;
        public TokenClaims Claims => _claims;

        public static BearerTokenSource Create(ConnectionRequest request)
        {
            var token = request.AccessToken ?? throw new ArgumentException("An access token is required.");
            var claims = Read(token);
            var cloud = request.Cloud;
            Func<DateTimeOffset> now = () => cloud.Now;
            CheckNotExpired(claims, now());
            return new BearerTokenSource(token.Copy(), claims, now);
        }

        /// <summary>The claims of a JWT given as a SecureString, or an error that says it is not one.</summary>
        public static TokenClaims Read(SecureString token)
        {
            try
            {
                var claims = TokenClaims.Parse(SecureStrings.Reveal(token));
                if (claims.ExpiresOn == null || (claims.TenantId == null && claims.Audience == null))
                    throw new FormatException("The token has no exp, tid or aud claim.");
                return claims;
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException || ex is ArgumentException)
            {
                throw new PartnerSecurityException("InvalidAccessToken", ErrorKind.InvalidArgument,
                    "The access token is not a JSON Web Token issued by Microsoft Entra ID (it needs a header, a payload with exp, tid and aud, and a signature).",
                    "Pass the access token itself (the value that starts with 'eyJ'), not an id token, a refresh token or an authorization header.");
            }
        }

        private static void CheckNotExpired(TokenClaims claims, DateTimeOffset now)
        {
            if (claims.ExpiresOn <= now)
                throw new PartnerSecurityException("AccessTokenExpired", ErrorKind.AuthenticationError,
                    $"The access token expired at {claims.ExpiresOn:u}.", "Get a new access token, or connect with a sign-in the module can renew (interactive, app credential, or the Secure Application Model).");
        }

        public override Task<AccessToken> AcquireAsync(ApiResource resource, string tenantId, CancellationToken cancellationToken)
        {
            CheckNotExpired(_claims, _now());
            if (!string.IsNullOrEmpty(tenantId) && !string.Equals(tenantId, _claims.TenantId, StringComparison.OrdinalIgnoreCase))
                throw new PartnerSecurityException("AccessTokenWrongTenant", ErrorKind.PermissionDenied,
                    $"The access token is for tenant {_claims.TenantId}; it cannot be used in tenant '{tenantId}'.",
                    "Bring a token issued for that tenant, or connect with a sign-in that can reach customer tenants.", null, tenantId);
            if (!ServesResource(resource))
                throw new PartnerSecurityException("AccessTokenWrongResource", ErrorKind.PermissionDenied,
                    $"The access token is for '{_claims.Audience}'; this command needs a token for {resource.Name}.",
                    "Bring a token whose audience is the API this command calls.", null, tenantId);
            var value = SecureStrings.Reveal(_token);
            return Task.FromResult(new AccessToken(value, _claims.ExpiresOn!.Value));
        }

        private bool ServesResource(ApiResource resource)
        {
            var audience = (_claims.Audience ?? string.Empty).TrimEnd('/');
            if (resource.IsGraph)
                return audience == "00000003-0000-0000-c000-000000000000" || CloudEnvironment.All.Any(e => string.Equals(e.GraphEndpoint, audience, StringComparison.OrdinalIgnoreCase));
            if (resource == ApiResource.PartnerCenter)
                return audience == "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd" || CloudEnvironment.All.Any(e => string.Equals(e.PartnerCenterEndpoint, audience, StringComparison.OrdinalIgnoreCase));
            return false;
        }
    }
}
