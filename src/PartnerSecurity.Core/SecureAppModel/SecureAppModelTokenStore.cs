using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>A refresh token kept in the token store, with what is needed to redeem it and to tell when it expires.</summary>
    public sealed class StoredToken
    {
        public string Name { get; set; } = string.Empty;
        public string ApplicationId { get; set; } = string.Empty;
        /// <summary>The partner tenant the consent was given in.</summary>
        public string TenantId { get; set; } = string.Empty;
        public string Account { get; set; } = string.Empty;
        /// <summary>The cloud: Global, USGov, USGovDoD, China, or Demo/Snapshot for the emulator.</summary>
        public string Environment { get; set; } = "Global";
        public string? SnapshotPath { get; set; }
        /// <summary>The certificate the consent used, so a scheduled refresh can find it again (not a secret).</summary>
        public string? CertificateThumbprint { get; set; }
        public bool HasMfaClaim { get; set; }
        /// <summary>When the consent was given.</summary>
        public DateTimeOffset IssuedOn { get; set; }
        /// <summary>When the token was last redeemed; the 90-day inactivity window runs from here.</summary>
        public DateTimeOffset LastUsedOn { get; set; }
        internal string RefreshToken { get; set; } = string.Empty;
        /// <summary>For a token kept in Azure Key Vault: the expiry of the secret version it was read from.</summary>
        public DateTimeOffset? VaultExpiresOn { get; set; }

        /// <summary>The refresh token, as a SecureString, for the one redemption that needs it.</summary>
        public System.Security.SecureString ProtectedRefreshToken() => SecureStrings.Protect(RefreshToken);

        /// <summary>Keeps the refresh token of a consent or an exchange.</summary>
        public void SetRefreshToken(SecureAppModelToken token) => RefreshToken = SecureStrings.Reveal(token.RefreshToken);

        public DateTimeOffset ExpiresOn => LastUsedOn + SecureAppModelToken.RefreshTokenMaxInactiveTime;
    }

    /// <summary>
    /// Named Secure Application Model refresh tokens, kept in the same protected storage as the token cache
    /// (DPAPI, Keychain or the Secret Service keyring; memory or a 0600 file as the fallbacks allow). Every
    /// redemption writes the rotated token back, so a token in regular use never reaches the 90-day limit.
    /// </summary>
    public sealed class SecureAppModelTokenStore
    {
        public const string BlobName = "sam-tokens.bin";
        private static readonly Regex s_name = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

        private readonly ProtectedBlob _blob;

        private SecureAppModelTokenStore(ProtectedBlob blob) => _blob = blob;

        public Protection Protection => _blob.Protection;

        public static SecureAppModelTokenStore Open(TokenStorageOptions options) => new SecureAppModelTokenStore(ProtectedBlob.Open(BlobName, options));

        public static void ValidateName(string name)
        {
            if (!s_name.IsMatch(name ?? string.Empty))
                throw new PartnerSecurityException("InvalidTokenName", ErrorKind.InvalidArgument,
                    $"'{name}' is not a valid token name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.", "Choose a name such as 'partner' or 'contoso-sam'.", null, name);
        }

        public IReadOnlyList<StoredToken> List()
        {
            using (_blob.Lock()) return Load().Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        public StoredToken? Find(string name)
        {
            using (_blob.Lock()) return Load().TryGetValue(name, out var token) ? token : null;
        }

        public StoredToken Get(string name) => Find(name)
            ?? throw new PartnerSecurityException("TokenNotFound", ErrorKind.ObjectNotFound,
                $"No Secure Application Model token named '{name}' is stored{(Protection == Protection.Memory ? " (the store is in memory: tokens saved by other PowerShell processes are not here)" : string.Empty)}.",
                "Run New-SecureAppModelToken -SaveAs <name> once, or Get-SecureAppModelTokenStatus to see the stored names.", null, name);

        public void Save(StoredToken token)
        {
            ValidateName(token.Name);
            using (_blob.Lock())
            {
                var all = Load();
                all[token.Name] = token;
                Persist(all);
            }
        }

        /// <summary>Replaces the stored refresh token after a redemption and records the use.</summary>
        internal void Rotate(string name, string refreshToken, DateTimeOffset usedOn)
        {
            using (_blob.Lock())
            {
                var all = Load();
                if (!all.TryGetValue(name, out var token)) return;
                token.RefreshToken = refreshToken;
                token.LastUsedOn = usedOn;
                Persist(all);
            }
            OperationLog.Verbose($"The stored Secure Application Model token '{name}' was rotated (new refresh token from Entra ID; inactivity window restarted).");
        }

        /// <summary>Stores the refresh token an exchange returned.</summary>
        public void Rotate(string name, SecureAppModelToken token, DateTimeOffset usedOn) => Rotate(name, SecureStrings.Reveal(token.RefreshToken), usedOn);

        public bool Remove(string name)
        {
            using (_blob.Lock())
            {
                var all = Load();
                if (!all.Remove(name)) return false;
                Persist(all);
                return true;
            }
        }

        private Dictionary<string, StoredToken> Load()
        {
            var result = new Dictionary<string, StoredToken>(StringComparer.OrdinalIgnoreCase);
            var data = _blob.Read();
            if (data.Length == 0) return result;
            JsonObject? root;
            try
            {
                root = JsonNode.Parse(Encoding.UTF8.GetString(data)) as JsonObject;
            }
            catch (System.Text.Json.JsonException)
            {
                throw new PartnerSecurityException("TokenStoreCorrupt", ErrorKind.InvalidData,
                    "The Secure Application Model token store cannot be read.", "Remove it (Disconnect-PartnerSecurity -ClearTokenCache does not touch it; delete the 'PartnerSecurity: sam-tokens.bin' secret) and run the consent again.");
            }
            foreach (var property in (root?["tokens"] as JsonObject) ?? new JsonObject())
            {
                if (!(property.Value is JsonObject t)) continue;
                result[property.Key] = new StoredToken
                {
                    Name = property.Key,
                    ApplicationId = (string?)t["applicationId"] ?? string.Empty,
                    TenantId = (string?)t["tenantId"] ?? string.Empty,
                    Account = (string?)t["account"] ?? string.Empty,
                    Environment = (string?)t["environment"] ?? "Global",
                    SnapshotPath = (string?)t["snapshotPath"],
                    CertificateThumbprint = (string?)t["certificateThumbprint"],
                    HasMfaClaim = t["hasMfaClaim"]?.GetValue<bool>() == true,
                    IssuedOn = Date(t["issuedOn"]),
                    LastUsedOn = Date(t["lastUsedOn"]),
                    RefreshToken = (string?)t["refreshToken"] ?? string.Empty,
                };
            }
            return result;
        }

        private void Persist(Dictionary<string, StoredToken> all)
        {
            var tokens = new JsonObject();
            foreach (var t in all.Values)
            {
                tokens[t.Name] = new JsonObject
                {
                    ["applicationId"] = t.ApplicationId,
                    ["tenantId"] = t.TenantId,
                    ["account"] = t.Account,
                    ["environment"] = t.Environment,
                    ["snapshotPath"] = t.SnapshotPath,
                    ["certificateThumbprint"] = t.CertificateThumbprint,
                    ["hasMfaClaim"] = t.HasMfaClaim,
                    ["issuedOn"] = t.IssuedOn.ToString("o", CultureInfo.InvariantCulture),
                    ["lastUsedOn"] = t.LastUsedOn.ToString("o", CultureInfo.InvariantCulture),
                    ["refreshToken"] = t.RefreshToken,
                };
            }
            _blob.Write(Encoding.UTF8.GetBytes(new JsonObject { ["version"] = 1, ["tokens"] = tokens }.ToJsonString()));
        }

        private static DateTimeOffset Date(JsonNode? node) =>
            DateTimeOffset.TryParse((string?)node, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : DateTimeOffset.MinValue;
    }
}
