using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// The claims of an access token the module needs to reason about (tenant, user, MFA). Reading a JWT's
    /// payload needs no key: the resource validates the signature, the module only inspects.
    /// </summary>
    public sealed class TokenClaims
    {
        public string? TenantId { get; private set; }
        public string? ObjectId { get; private set; }
        public string? UserPrincipalName { get; private set; }
        public string? AppId { get; private set; }
        public string? Audience { get; private set; }
        public IReadOnlyList<string> AuthenticationMethods { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Scopes { get; private set; } = Array.Empty<string>();
        public IReadOnlyList<string> Roles { get; private set; } = Array.Empty<string>();
        public DateTimeOffset? ExpiresOn { get; private set; }
        public bool IsAppOnly { get; private set; }

        /// <summary>
        /// Microsoft's test of the partner requirement: amr contains "mfa"; ADFS-federated sign-ins carry
        /// the multipleauthn claim instead.
        /// </summary>
        public bool HasMfaClaim => AuthenticationMethods.Any(m =>
            string.Equals(m, "mfa", StringComparison.OrdinalIgnoreCase) || m.EndsWith("/multipleauthn", StringComparison.OrdinalIgnoreCase));

        /// <summary>Parses the payload of a JWT; throws FormatException when the token is not a readable JWT.</summary>
        public static TokenClaims Parse(string jwt)
        {
            var parts = jwt.Split('.');
            if (parts.Length < 2) throw new FormatException("The access token is not a JSON Web Token.");
            using var document = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            var root = document.RootElement;
            var claims = new TokenClaims
            {
                TenantId = Str(root, "tid"),
                ObjectId = Str(root, "oid"),
                UserPrincipalName = Str(root, "upn") ?? Str(root, "preferred_username") ?? Str(root, "unique_name"),
                AppId = Str(root, "appid") ?? Str(root, "azp"),
                Audience = Str(root, "aud"),
                AuthenticationMethods = Strings(root, "amr"),
                Scopes = (Str(root, "scp") ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
                Roles = Strings(root, "roles"),
                IsAppOnly = Str(root, "idtyp") == "app" || (!root.TryGetProperty("scp", out _) && root.TryGetProperty("roles", out _)),
            };
            if (root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)) claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(seconds);
            // ADFS relays its own authentication method claim.
            if (root.TryGetProperty("http://schemas.microsoft.com/claims/authnmethodsreferences", out var adfs))
                claims.AuthenticationMethods = claims.AuthenticationMethods.Concat(adfs.ValueKind == JsonValueKind.Array ? adfs.EnumerateArray().Select(e => e.GetString() ?? string.Empty) : new[] { adfs.GetString() ?? string.Empty }).ToArray();
            return claims;
        }

        private static string? Str(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string> Strings(JsonElement root, string name)
        {
            if (!root.TryGetProperty(name, out var value)) return Array.Empty<string>();
            if (value.ValueKind == JsonValueKind.Array) return value.EnumerateArray().Select(e => e.GetString() ?? string.Empty).ToArray();
            if (value.ValueKind == JsonValueKind.String) return new[] { value.GetString() ?? string.Empty };
            return Array.Empty<string>();
        }

        private static byte[] Base64UrlDecode(string text)
        {
            var s = text.Replace('-', '+').Replace('_', '/');
            switch (s.Length % 4)
            {
                case 2: s += "=="; break;
                case 3: s += "="; break;
            }
            return Convert.FromBase64String(s);
        }
    }
}
