using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>What a signed-in user proved and consented to; carried from code to refresh token to refresh token.</summary>
    public sealed class UserGrant
    {
        public UserGrant(string clientId, string userId, string homeTenantId, IReadOnlyList<string> amr, DateTimeOffset authTime, string? transferMethod = null)
        {
            ClientId = clientId;
            UserId = userId;
            HomeTenantId = homeTenantId;
            Amr = amr;
            AuthTime = authTime;
            TransferMethod = transferMethod;
        }

        public string ClientId { get; }
        public string UserId { get; }
        public string HomeTenantId { get; }
        public IReadOnlyList<string> Amr { get; }
        public DateTimeOffset AuthTime { get; }
        /// <summary>"deviceCodeFlow" when the user signed in through the device code flow (conditional access's authentication flows).</summary>
        public string? TransferMethod { get; }
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
        private readonly ConcurrentDictionary<string, bool> _revokedUsers = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

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

        /// <summary>
        /// Issues a refresh token. It carries its grant, sealed with the emulated cloud's key, so that another
        /// emulator of the same snapshot (a later PowerShell process) redeems it as the one real cloud would.
        /// </summary>
        public string AddRefreshToken(RefreshTokenRecord record)
        {
            var payload = new System.Text.Json.Nodes.JsonObject
            {
                ["c"] = record.Grant.ClientId,
                ["u"] = record.Grant.UserId,
                ["t"] = record.Grant.HomeTenantId,
                ["a"] = new System.Text.Json.Nodes.JsonArray(record.Grant.Amr.Select(m => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(m)!).ToArray()),
                ["at"] = record.Grant.AuthTime.ToUnixTimeMilliseconds(),
                ["i"] = record.IssuedAt.ToUnixTimeMilliseconds(),
                ["n"] = RandomToken(24),
            };
            if (record.Grant.TransferMethod != null) payload["f"] = record.Grant.TransferMethod;
            var body = Base64Url.Encode(payload.ToJsonString());
            var value = "1.A" + body + "." + Seal(body);
            _refreshTokens[value] = record;
            _issued.Enqueue(value);
            return value;
        }

        public RefreshTokenRecord? FindRefreshToken(string token)
        {
            if (_refreshTokens.TryGetValue(token, out var known)) return known;
            // A token another emulator issued: valid when its seal is.
            if (!token.StartsWith("1.A", StringComparison.Ordinal)) return null;
            var parts = token.Substring(3).Split('.');
            if (parts.Length != 2 || !string.Equals(Seal(parts[0]), parts[1], StringComparison.Ordinal)) return null;
            try
            {
                var p = System.Text.Json.Nodes.JsonNode.Parse(Base64Url.Decode(parts[0]))!;
                var grant = new UserGrant((string)p["c"]!, (string)p["u"]!, (string)p["t"]!,
                    p["a"]!.AsArray().Select(n => (string)n!).ToArray(), DateTimeOffset.FromUnixTimeMilliseconds((long)p["at"]!), (string?)p["f"]);
                var record = new RefreshTokenRecord(grant, DateTimeOffset.FromUnixTimeMilliseconds((long)p["i"]!)) { Revoked = _revokedUsers.ContainsKey(grant.UserId) };
                return _refreshTokens.GetOrAdd(token, record);
            }
            catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException || ex is InvalidOperationException || ex is NullReferenceException)
            {
                return null;
            }
        }

        // The emulated cloud's fixed sealing key: it protects nothing real, it makes tokens survive a process.
        private static readonly byte[] s_sealKey = System.Text.Encoding.ASCII.GetBytes("PartnerSecurity.Emulator refresh-token seal v1");

        private static string Seal(string body)
        {
            using var hmac = new HMACSHA256(s_sealKey);
            return Base64Url.Encode(hmac.ComputeHash(System.Text.Encoding.ASCII.GetBytes(body)));
        }

        public void RecordIssued(string token) => _issued.Enqueue(token);

        /// <summary>Revokes every refresh token of a user (what an admin's "revoke sessions" does).</summary>
        public void RevokeUser(string userId)
        {
            _revokedUsers[userId] = true;
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
