using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>What a signed-in user proved and consented to; carried from code to refresh token to refresh token.</summary>
    public sealed class UserGrant
    {
        public UserGrant(string clientId, string userId, string homeTenantId, IReadOnlyList<string> amr, DateTimeOffset authTime)
        {
            ClientId = clientId;
            UserId = userId;
            HomeTenantId = homeTenantId;
            Amr = amr;
            AuthTime = authTime;
        }

        public string ClientId { get; }
        public string UserId { get; }
        public string HomeTenantId { get; }
        public IReadOnlyList<string> Amr { get; }
        public DateTimeOffset AuthTime { get; }
    }

    public sealed class AuthorizationCode
    {
        public AuthorizationCode(UserGrant grant, string tenantId, string redirectUri, string scope, string? codeChallenge, string? codeChallengeMethod, string? nonce, DateTimeOffset issuedAt)
        {
            Grant = grant;
            TenantId = tenantId;
            RedirectUri = redirectUri;
            Scope = scope;
            CodeChallenge = codeChallenge;
            CodeChallengeMethod = codeChallengeMethod;
            Nonce = nonce;
            IssuedAt = issuedAt;
        }

        public UserGrant Grant { get; }
        public string TenantId { get; }
        public string RedirectUri { get; }
        public string Scope { get; }
        public string? CodeChallenge { get; }
        public string? CodeChallengeMethod { get; }
        public string? Nonce { get; }
        public DateTimeOffset IssuedAt { get; }
        public bool Redeemed { get; set; }
    }

    public sealed class RefreshTokenRecord
    {
        public RefreshTokenRecord(UserGrant grant, DateTimeOffset issuedAt)
        {
            Grant = grant;
            IssuedAt = issuedAt;
        }

        public UserGrant Grant { get; }
        public DateTimeOffset IssuedAt { get; }
        public bool Revoked { get; set; }
    }

    /// <summary>The emulator's grant store: authorization codes, refresh tokens, and every token it issued.</summary>
    public sealed class GrantStore
    {
        /// <summary>Entra ID's fixed refresh-token inactivity limit.</summary>
        public static readonly TimeSpan RefreshTokenMaxInactiveTime = TimeSpan.FromDays(90);
        public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromMinutes(10);

        private readonly ConcurrentDictionary<string, AuthorizationCode> _codes = new ConcurrentDictionary<string, AuthorizationCode>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, RefreshTokenRecord> _refreshTokens = new ConcurrentDictionary<string, RefreshTokenRecord>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<string> _issued = new ConcurrentQueue<string>();

        /// <summary>Every access, refresh and id token and every code issued, so tests can search outputs for leaks.</summary>
        public IReadOnlyCollection<string> IssuedSecrets => _issued.ToArray();

        public string AddCode(AuthorizationCode code)
        {
            var value = "0.A" + RandomToken(48);
            _codes[value] = code;
            _issued.Enqueue(value);
            return value;
        }

        public AuthorizationCode? FindCode(string code) => _codes.TryGetValue(code, out var c) ? c : null;

        public string AddRefreshToken(RefreshTokenRecord record)
        {
            var value = "1.A" + RandomToken(96);
            _refreshTokens[value] = record;
            _issued.Enqueue(value);
            return value;
        }

        public RefreshTokenRecord? FindRefreshToken(string token) => _refreshTokens.TryGetValue(token, out var r) ? r : null;

        public void RecordIssued(string token) => _issued.Enqueue(token);

        /// <summary>Revokes every refresh token of a user (what an admin's "revoke sessions" does).</summary>
        public void RevokeUser(string userId)
        {
            foreach (var record in _refreshTokens.Values)
            {
                if (string.Equals(record.Grant.UserId, userId, StringComparison.OrdinalIgnoreCase)) record.Revoked = true;
            }
        }

        public static string RandomToken(int bytes)
        {
            var buffer = new byte[bytes];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(buffer);
            return Base64Url.Encode(buffer);
        }
    }
}
