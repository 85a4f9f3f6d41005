using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// Named Secure Application Model refresh tokens, kept in the same protected storage as the token cache
    /// (DPAPI, Keychain or the Secret Service keyring; memory or a 0600 file as the fallbacks allow). Every
    /// redemption writes the rotated token back, so a token in regular use never reaches the 90-day limit.
    /// </summary>
    public sealed class SecureAppModelTokenStore : IStoredTokenStore
    {
        public const string BlobName = "sam-tokens.bin";

        private readonly ProtectedBlob _blob;

        private SecureAppModelTokenStore(ProtectedBlob blob) => _blob = blob;

        public Protection Protection => _blob.Protection;

        public string Storage => Protection.ToString();

        public string? MissingHint => Protection == Protection.Memory ? "the store is in memory: tokens saved by other PowerShell processes are not here" : null;

        public static SecureAppModelTokenStore Open(TokenStorageOptions options) => new SecureAppModelTokenStore(ProtectedBlob.Open(BlobName, options));

        public static void ValidateName(string name) => StoredTokens.ValidateName(name);

        public IReadOnlyList<StoredToken> List()
        {
            using (_blob.Lock()) return Load().Values.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        public StoredToken? Find(string name)
        {
            using (_blob.Lock()) return Load().TryGetValue(name, out var token) ? token : null;
        }

        public StoredToken Get(string name) => StoredTokens.Get(this, name);

        public bool Save(StoredToken token, string? expectedVersion = null)
        {
            StoredTokens.ValidateName(token.Name);
            using (_blob.Lock())
            {
                var all = Load();
                if (expectedVersion != null && (!all.TryGetValue(token.Name, out var current) || current.Version != expectedVersion)) return false;
                token.Version = Guid.NewGuid().ToString("N");
                all[token.Name] = token;
                Persist(all);
                return true;
            }
        }

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
                    // Tokens saved before versions existed all read as version 0 until their next save.
                    Version = (string?)t["version"] ?? "0",
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
                    ["version"] = t.Version,
                };
            }
            _blob.Write(Encoding.UTF8.GetBytes(new JsonObject { ["version"] = 1, ["tokens"] = tokens }.ToJsonString()));
        }

        private static DateTimeOffset Date(JsonNode? node) =>
            DateTimeOffset.TryParse((string?)node, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : DateTimeOffset.MinValue;
    }
}
