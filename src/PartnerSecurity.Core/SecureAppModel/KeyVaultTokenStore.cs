using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// Secure Application Model tokens in an Azure Key Vault, for runbooks that start on a clean machine
    /// (docs/secure-application-model.md, "Key Vault"). One secret per token: the value is the refresh token, the
    /// tags carry what is needed to redeem it (application, tenant, cloud, account, certificate thumbprint) and its
    /// last redemption, and the version's expiry is that redemption + 90 days, the refresh token's inactivity limit.
    /// Every rotation writes a new version, never an update in place: two hosts rotating at once both land a valid
    /// refresh token, and the reader takes the newest enabled version. The Azure SDK sends through the module's
    /// own HTTP pipeline (retries, logging, the emulator for -Demo), with the caller's token source as credential.
    /// </summary>
    public sealed class KeyVaultTokenStore : IStoredTokenStore
    {
        /// <summary>The content type of the module's token secrets; the list of tokens is the secrets tagged <see cref="TokenNameTag"/>.</summary>
        public const string ContentType = "application/vnd.partnersecurity.sam-refresh-token";
        public const string TokenNameTag = "partnersecurity-token";

        /// <summary>How often one store writes rotations of a token it rotated itself.</summary>
        public static readonly TimeSpan RotationInterval = TimeSpan.FromHours(1);

        private readonly SecretClient _client;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _rotatedAt = new System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        private readonly string? _secretName;

        private KeyVaultTokenStore(string vaultName, string? secretName, SecretClient client, string identity)
        {
            VaultName = vaultName;
            _secretName = secretName;
            _client = client;
            Identity = identity;
        }

        public string VaultName { get; }
        /// <summary>Who reads and writes the vault (a user's UPN, an application or managed identity's id), for messages.</summary>
        public string Identity { get; }
        /// <summary>What Get-SecureAppModelTokenStatus shows as Storage.</summary>
        public string Storage => "KeyVault";

        public string? MissingHint => $"in the key vault '{VaultName}'" + (_secretName == null ? "; give -SecretName when its secret has another name" : $" as the secret '{_secretName}'");

        /// <summary>
        /// A store over the vault <paramref name="vaultName"/> read and written as <paramref name="identity"/>, through
        /// <paramref name="pipeline"/>. <paramref name="secretName"/> names the secret of the one token used; by default a
        /// token's secret has the token's name.
        /// </summary>
        public static KeyVaultTokenStore Open(string vaultName, string? secretName, CloudEnvironment environment, TokenSource identity, PartnerSecurity.Http.HttpPipeline pipeline, string? tenantId = null)
        {
            KeyVaultEndpoints.ValidateNames(vaultName, secretName ?? "placeholder");
            var options = new SecretClientOptions
            {
                // The module's pipeline retries (Retry-After, transport failures) and logs: the SDK must not do either again.
                Transport = new HttpClientTransport(pipeline.CreateClient()),
                Retry = { MaxRetries = 0 },
            };
            options.Diagnostics.IsLoggingEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;
            options.Diagnostics.ApplicationId = "PartnerSecurity";
            var client = new SecretClient(KeyVaultEndpoints.VaultUri(vaultName, environment), new KeyVaultCredential(identity, tenantId), options);
            return new KeyVaultTokenStore(vaultName, secretName, client, identity.Account);
        }

        /// <summary>The secret that holds the token <paramref name="name"/>.</summary>
        public string SecretFor(string name)
        {
            var secret = _secretName ?? name;
            KeyVaultEndpoints.ValidateNames(VaultName, secret);
            return secret;
        }

        /// <summary>The token, from the newest enabled version of its secret; null when the vault has no such secret.</summary>
        /// <summary>Null when the vault has no such secret; a soft-deleted one is an error that says how to recover it.</summary>
        public StoredToken? Find(string name)
        {
            var token = Run(() => FindAsync(name, CancellationToken.None));
            if (token == null && Deleted(name) is PartnerSecurityException deleted) throw deleted;
            return token;
        }

        public async Task<StoredToken?> FindAsync(string name, CancellationToken cancellationToken)
        {
            var secret = SecretFor(name);
            try
            {
                var newest = await NewestEnabledAsync(secret, cancellationToken).ConfigureAwait(false)
                    ?? throw new PartnerSecurityException("KeyVaultSecretDisabled", ErrorKind.InvalidData,
                        $"Every version of the secret '{secret}' in the key vault '{VaultName}' is disabled: no Secure Application Model token to read.",
                        "Enable the newest version in the portal (or az keyvault secret set-attributes --enabled true), or save the token again with New-SecureAppModelToken -SaveAs.", null, secret);
                return FromSecret(name, newest);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
            catch (RequestFailedException ex)
            {
                throw Translate(ex, "get and list", secret);
            }
        }

        /// <summary>
        /// The newest enabled version of the secret with its value (null: none enabled); 404 when there is no such
        /// secret. One request while the latest version is enabled; only a disabled latest version makes it list the
        /// versions (which grow by one a rotation).
        /// </summary>
        private async Task<KeyVaultSecret?> NewestEnabledAsync(string secret, CancellationToken cancellationToken)
        {
            try
            {
                return (await _client.GetSecretAsync(secret, null, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 403 && InnerCode(ex) == "SecretDisabled")
            {
                var newest = await NewestAsync(secret, cancellationToken).ConfigureAwait(false);
                return newest == null ? null : (await _client.GetSecretAsync(secret, newest.Version, cancellationToken).ConfigureAwait(false)).Value;
            }
        }

        /// <summary>The newest enabled version of the secret (null: none enabled); 404 when there is no such secret.</summary>
        private async Task<SecretProperties?> NewestAsync(string secret, CancellationToken cancellationToken)
        {
            SecretProperties? newest = null;
            await foreach (var version in _client.GetPropertiesOfSecretVersionsAsync(secret, cancellationToken).ConfigureAwait(false))
            {
                if (version.Enabled != true) continue;
                if (newest == null || Newer(version, newest)) newest = version;
            }
            return newest;
        }

        /// <summary>Every token in the vault (secrets tagged as the module's), each from its newest enabled version.</summary>
        public IReadOnlyList<StoredToken> List() => Run(async () =>
        {
            var names = new List<string>();
            try
            {
                await foreach (var secret in _client.GetPropertiesOfSecretsAsync().ConfigureAwait(false))
                    if (secret.Tags.TryGetValue(TokenNameTag, out var tokenName) && (_secretName == null || string.Equals(secret.Name, _secretName, StringComparison.OrdinalIgnoreCase)))
                        names.Add(tokenName);
            }
            catch (RequestFailedException ex)
            {
                throw Translate(ex, "list", null);
            }
            var tokens = new List<StoredToken>();
            foreach (var name in names) if (await FindAsync(name, CancellationToken.None).ConfigureAwait(false) is StoredToken t) tokens.Add(t);
            return (IReadOnlyList<StoredToken>)tokens.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
        });

        /// <summary>
        /// Writes the token as a new version of its secret, expiring 90 days after its last redemption. With
        /// <paramref name="expectedVersion"/> (a rotation), false when a newer version was written since that one was
        /// read: another host rotated first and its refresh token is kept. Key Vault has no conditional write, so two
        /// hosts that check at the same moment both write; both versions are valid refresh tokens and the reader takes
        /// the newest, so nothing is lost either way.
        /// </summary>
        public bool Save(StoredToken token, string? expectedVersion = null) => Run(() => SaveAsync(token, expectedVersion, CancellationToken.None));

        public async Task<bool> SaveAsync(StoredToken token, string? expectedVersion, CancellationToken cancellationToken)
        {
            StoredTokens.ValidateName(token.Name);
            var name = SecretFor(token.Name);
            var expires = token.LastUsedOn + SecureAppModelToken.RefreshTokenMaxInactiveTime;
            var secret = new KeyVaultSecret(name, token.RefreshToken);
            secret.Properties.ContentType = ContentType;
            secret.Properties.ExpiresOn = expires;
            foreach (var tag in Tags(token)) secret.Properties.Tags[tag.Key] = tag.Value;
            try
            {
                if (expectedVersion != null)
                {
                    // A connection rotates on every new tenant it reaches: one version per hour and process is
                    // enough to keep the 90-day window (the refresh token in the vault stays valid), not thousands a run.
                    if (_rotatedAt.TryGetValue(expectedVersion, out var rotatedAt) && token.LastUsedOn - rotatedAt < RotationInterval)
                    {
                        token.Version = expectedVersion;
                        return true;
                    }
                    KeyVaultSecret? newest;
                    try
                    {
                        newest = await NewestEnabledAsync(name, cancellationToken).ConfigureAwait(false);
                    }
                    catch (RequestFailedException ex) when (ex.Status == 404)
                    {
                        newest = null;
                    }
                    if (newest != null && !string.Equals(newest.Properties.Version, expectedVersion, StringComparison.OrdinalIgnoreCase)) return false;
                }
                var written = await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
                token.Version = written.Value.Properties.Version;
                token.VaultExpiresOn = written.Value.Properties.ExpiresOn;
                if (expectedVersion != null) _rotatedAt[token.Version] = token.LastUsedOn;
            }
            catch (RequestFailedException ex)
            {
                throw Translate(ex, "set", name);
            }
            OperationLog.Verbose($"The Secure Application Model token '{token.Name}' was written to the key vault '{VaultName}' as a new version of the secret '{name}' (expires {expires:u}).");
            return true;
        }

        /// <summary>Soft-deletes the token's secret (recoverable for the vault's retention period).</summary>
        public bool Remove(string name)
        {
            var secret = SecretFor(name);
            try
            {
                Run(async () => (await _client.StartDeleteSecretAsync(secret).ConfigureAwait(false)).Id);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
            catch (RequestFailedException ex)
            {
                throw Translate(ex, "delete", secret);
            }
        }

        // ------------------------------------------------------------ shapes

        private static bool Newer(SecretProperties a, SecretProperties b)
        {
            var created = Nullable.Compare(a.CreatedOn, b.CreatedOn);
            if (created != 0) return created > 0;
            // Versions written in the same second (two hosts rotating at once): the later redemption, then any fixed order.
            var used = string.CompareOrdinal(Tag(a.Tags, "lastUsedOn"), Tag(b.Tags, "lastUsedOn"));
            return used != 0 ? used > 0 : string.CompareOrdinal(a.Version, b.Version) > 0;
        }

        private static string? Tag(IDictionary<string, string> tags, string key) => tags.TryGetValue(key, out var v) ? v : null;

        private static Dictionary<string, string> Tags(StoredToken token)
        {
            var tags = new Dictionary<string, string>
            {
                [TokenNameTag] = token.Name,
                ["applicationId"] = token.ApplicationId,
                ["tenantId"] = token.TenantId,
                ["account"] = token.Account,
                ["environment"] = token.Environment,
                ["hasMfaClaim"] = token.HasMfaClaim ? "true" : "false",
                ["issuedOn"] = token.IssuedOn.ToString("o", CultureInfo.InvariantCulture),
                ["lastUsedOn"] = token.LastUsedOn.ToString("o", CultureInfo.InvariantCulture),
            };
            if (token.CertificateThumbprint != null) tags["certificateThumbprint"] = token.CertificateThumbprint;
            // A snapshot path is local to the machine that saved it (emulated clouds only); a tag holds 512 characters.
            if (token.SnapshotPath != null && token.SnapshotPath.Length <= 512) tags["snapshotPath"] = token.SnapshotPath;
            return tags;
        }

        private StoredToken FromSecret(string name, KeyVaultSecret secret)
        {
            var tags = secret.Properties.Tags;
            if (!tags.ContainsKey("applicationId") || !tags.ContainsKey("lastUsedOn"))
                throw new PartnerSecurityException("KeyVaultSecretNotAToken", ErrorKind.InvalidData,
                    $"The secret '{secret.Name}' in the key vault '{VaultName}' has no applicationId or lastUsedOn tag: it was not written by New-SecureAppModelToken -SaveAs.",
                    "Save the token with New-SecureAppModelToken -SaveAs <name> -VaultName <vault>, or give the right -SecretName.", null, secret.Name);
            return new StoredToken
            {
                Name = Tag(tags, TokenNameTag) ?? name,
                ApplicationId = Tag(tags, "applicationId") ?? string.Empty,
                TenantId = Tag(tags, "tenantId") ?? string.Empty,
                Account = Tag(tags, "account") ?? string.Empty,
                Environment = Tag(tags, "environment") ?? "Global",
                SnapshotPath = Tag(tags, "snapshotPath"),
                CertificateThumbprint = Tag(tags, "certificateThumbprint"),
                HasMfaClaim = Tag(tags, "hasMfaClaim") == "true",
                IssuedOn = Date(Tag(tags, "issuedOn")),
                LastUsedOn = Date(Tag(tags, "lastUsedOn")),
                VaultExpiresOn = secret.Properties.ExpiresOn,
                Version = secret.Properties.Version,
                RefreshToken = secret.Value ?? string.Empty,
            };
        }

        private static DateTimeOffset Date(string? text) =>
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value) ? value : DateTimeOffset.MinValue;

        /// <summary>The error for a token whose secret is soft-deleted, or null when it is not (or deleted secrets cannot be read).</summary>
        private PartnerSecurityException? Deleted(string name)
        {
            var secret = SecretFor(name);
            DeletedSecret deleted;
            try
            {
                deleted = Run(async () => (await _client.GetDeletedSecretAsync(secret).ConfigureAwait(false)).Value);
            }
            catch (RequestFailedException)
            {
                return null;
            }
            return new PartnerSecurityException("KeyVaultSecretDeleted", ErrorKind.ObjectNotFound,
                $"The secret '{secret}' of the token '{name}' in the key vault '{VaultName}' was deleted on {deleted.DeletedOn:u} and can be recovered until {deleted.ScheduledPurgeDate:u}.",
                $"Recover it (az keyvault secret recover --vault-name {VaultName} --name {secret}, or Undo-AzKeyVaultSecretRemoval), or purge it and save the token again with New-SecureAppModelToken -SaveAs {name} -VaultName {VaultName}.", null, name);
        }

        /// <summary>Key Vault's refusals as one message: which vault, which identity, and what to grant.</summary>
        private PartnerSecurityException Translate(RequestFailedException ex, string operation, string? secret)
        {
            var inner = InnerCode(ex);
            switch (ex.Status)
            {
                case 403 when inner == "SecretDisabled":
                    return new PartnerSecurityException("KeyVaultSecretDisabled", ErrorKind.InvalidData,
                        $"The newest version of the secret '{secret}' in the key vault '{VaultName}' is disabled.", "Enable it, or save the token again.", ex, secret);
                case 403:
                    bool rbac = inner == "ForbiddenByRbac";
                    return new PartnerSecurityException("KeyVaultAccessDenied", ErrorKind.PermissionDenied,
                        $"'{Identity}' may not {operation} secrets in the key vault '{VaultName}' ({(rbac ? "Azure RBAC: no Key Vault role on the vault" : inner == "ForbiddenByPolicy" ? "no access policy with that secret permission" : "403 " + ex.ErrorCode)}).",
                        rbac
                            ? $"Assign '{Identity}' the role Key Vault Secrets Officer on the vault '{VaultName}' (az role assignment create --role \"Key Vault Secrets Officer\" --assignee <object id> --scope <vault resource id>)."
                            : $"Give '{Identity}' an access policy on the vault '{VaultName}' with the secret permissions Get, Set and List (az keyvault set-policy --name {VaultName} --object-id <object id> --secret-permissions get set list), or switch the vault to Azure RBAC and assign Key Vault Secrets Officer.",
                        ex, VaultName);
                case 409:
                    return new PartnerSecurityException("KeyVaultSecretDeleted", ErrorKind.InvalidOperation,
                        $"The secret '{secret}' in the key vault '{VaultName}' is deleted but recoverable: its name cannot be written until it is recovered or purged.",
                        $"Recover it (az keyvault secret recover --vault-name {VaultName} --name {secret}) or purge it (az keyvault secret purge), then run the command again.", ex, secret);
                case 401:
                    return new PartnerSecurityException("KeyVaultAuthenticationFailed", ErrorKind.AuthenticationError,
                        $"The key vault '{VaultName}' refused the token of '{Identity}': {ex.Message.Split('\n')[0].Trim()}",
                        "Connect in the vault's tenant (Connect-PartnerSecurity -Identity in Azure, or as a user of the tenant).", ex, VaultName);
                case 0:
                    return new PartnerSecurityException("KeyVaultUnreachable", ErrorKind.ConnectionError,
                        $"The key vault '{VaultName}' cannot be reached: {(ex.InnerException ?? ex).Message}",
                        "Check the vault's name and that this machine can reach it (firewall, private endpoint).", ex, VaultName);
                default:
                    return new PartnerSecurityException("KeyVaultError", ErrorKind.ResourceUnavailable,
                        $"The key vault '{VaultName}' answered {ex.Status} {ex.ErrorCode} to {operation} the secret '{secret}'.", "Run the command again; if it persists, check the vault in the Azure portal.", ex, VaultName);
            }
        }

        private static string? InnerCode(RequestFailedException ex)
        {
            try
            {
                var content = ex.GetRawResponse()?.Content?.ToString();
                if (string.IsNullOrEmpty(content)) return null;
                using var doc = System.Text.Json.JsonDocument.Parse(content!);
                return doc.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("innererror", out var innerError) && innerError.TryGetProperty("code", out var code)
                    ? code.GetString() : null;
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }

        // The SDK's calls finish on the module's pipeline; a synchronous caller (a token-cache callback) waits here.
        private static T Run<T>(Func<Task<T>> call) => Task.Run(call).GetAwaiter().GetResult();
    }
}
