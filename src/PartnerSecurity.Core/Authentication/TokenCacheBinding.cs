using System;
using System.Linq;
using System.Text.Json;
using Microsoft.Identity.Client;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// MSAL's token cache serialization hooks (the supported way to persist or inspect a cache): loads and
    /// saves the cache in a <see cref="ProtectedBlob"/> when the sign-in is kept for the user, and reports the
    /// refresh token MSAL holds for the signed-in account whenever Entra ID rotates it, so the Secure
    /// Application Model store can keep the newest one. The refresh token is read from MSAL's documented
    /// MsalV3 serialization of this one in-memory cache, never from another program's cache file.
    /// </summary>
    internal sealed class TokenCacheBinding
    {
        private readonly string _clientId;
        private readonly ProtectedBlob? _blob;
        private readonly bool _tracksRefreshToken;
        private string? _lastRefreshToken;

        private TokenCacheBinding(string clientId, ProtectedBlob? blob, bool tracksRefreshToken)
        {
            _clientId = clientId;
            _blob = blob;
            _tracksRefreshToken = tracksRefreshToken;
        }

        /// <summary>The account whose refresh token is reported; null: the only one in the cache.</summary>
        public string? HomeAccountId { get; set; }

        /// <summary>Called with a new refresh token each time the cache receives one.</summary>
        public Action<string>? RefreshTokenChanged { get; set; }

        /// <summary>The newest refresh token seen, for the one moment it is handed to the caller.</summary>
        internal string? LatestRefreshToken => _lastRefreshToken;

        public bool IsPersisted => _blob != null && _blob.Protection != Protection.Memory;

        /// <param name="tracksRefreshToken">
        /// Whether <see cref="LatestRefreshToken"/> and <see cref="RefreshTokenChanged"/> are wanted (the Secure
        /// Application Model): finding the refresh token serializes the whole cache, which grows with every tenant's token.
        /// </param>
        public static TokenCacheBinding Attach(ITokenCache cache, string clientId, ProtectedBlob? blob, bool tracksRefreshToken = true)
        {
            var binding = new TokenCacheBinding(clientId, blob, tracksRefreshToken);
            cache.SetBeforeAccess(binding.BeforeAccess);
            cache.SetAfterAccess(binding.AfterAccess);
            return binding;
        }

        private void BeforeAccess(TokenCacheNotificationArgs args)
        {
            if (_blob == null) return;
            byte[] data;
            using (_blob.Lock()) data = _blob.Read();
            if (data.Length > 0) args.TokenCache.DeserializeMsalV3(data, shouldClearExistingCache: true);
        }

        private void AfterAccess(TokenCacheNotificationArgs args)
        {
            // Serializing the whole cache grows with every customer tenant's token: only when it is kept or watched.
            if (!args.HasStateChanged || (_blob == null && !_tracksRefreshToken)) return;
            var data = args.TokenCache.SerializeMsalV3();
            if (_blob != null)
            {
                using (_blob.Lock()) _blob.Write(data);
            }
            var refreshToken = FindRefreshToken(data, _clientId, HomeAccountId);
            if (refreshToken != null && !string.Equals(refreshToken, _lastRefreshToken, StringComparison.Ordinal))
            {
                _lastRefreshToken = refreshToken;
                RefreshTokenChanged?.Invoke(refreshToken);
            }
        }

        /// <summary>The refresh token for a client (and account) in an MsalV3 serialized cache, or null.</summary>
        internal static string? FindRefreshToken(byte[] msalV3, string clientId, string? homeAccountId)
        {
            if (msalV3.Length == 0) return null;
            using var document = JsonDocument.Parse(msalV3);
            if (!document.RootElement.TryGetProperty("RefreshToken", out var section) || section.ValueKind != JsonValueKind.Object) return null;
            var candidates = section.EnumerateObject()
                .Select(p => p.Value)
                .Where(v => v.TryGetProperty("client_id", out var c) && string.Equals(c.GetString(), clientId, StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (homeAccountId != null)
                candidates = candidates.Where(v => v.TryGetProperty("home_account_id", out var h) && string.Equals(h.GetString(), homeAccountId, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count != 1) return null;
            return candidates[0].TryGetProperty("secret", out var secret) ? secret.GetString() : null;
        }
    }
}
