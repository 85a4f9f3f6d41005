using System;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>Where a vault lives in each cloud: the token resource and the vault's DNS suffix.</summary>
    public static class KeyVaultEndpoints
    {
        public static string Resource(CloudEnvironment environment) => "https://" + Suffix(environment);

        public static string Suffix(CloudEnvironment environment) => environment.Name switch
        {
            "USGov" or "USGovDoD" => "vault.usgovcloudapi.net",
            "China" => "vault.azure.cn",
            _ => "vault.azure.net",
        };

        public static Uri VaultUri(string vaultName, CloudEnvironment environment) => new Uri($"https://{vaultName.ToLowerInvariant()}.{Suffix(environment)}/");

        private static readonly System.Text.RegularExpressions.Regex s_vault = new System.Text.RegularExpressions.Regex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$");
        private static readonly System.Text.RegularExpressions.Regex s_secret = new System.Text.RegularExpressions.Regex("^[0-9a-zA-Z-]{1,127}$");

        /// <summary>Key Vault's naming rules, checked before any request (a bad name would otherwise be a DNS failure).</summary>
        public static void ValidateNames(string vaultName, string secretName)
        {
            if (!s_vault.IsMatch(vaultName ?? string.Empty) || vaultName!.Contains("--"))
                throw new PartnerSecurityException("InvalidVaultName", ErrorKind.InvalidArgument,
                    $"'{vaultName}' is not a key vault name: 3 to 24 letters, digits and dashes, starting with a letter, ending with a letter or digit, no '--'.",
                    "Give the vault's name only (for example 'contoso-automation'), not its URI.", null, vaultName);
            if (!s_secret.IsMatch(secretName ?? string.Empty))
                throw new PartnerSecurityException("InvalidSecretName", ErrorKind.InvalidArgument,
                    $"'{secretName}' is not a key vault secret name: 1 to 127 letters, digits and dashes.",
                    "Give -SecretName with letters, digits and dashes only (token names with '.' or '_' need one).", null, secretName);
        }
    }
}
