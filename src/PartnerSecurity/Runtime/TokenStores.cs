using System;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// The token store a SAM cmdlet's parameters choose: with -VaultName an Azure Key Vault, read and written as the
    /// session's current connection (a signed-in user, or Connect-PartnerSecurity -Identity), or, with no connection,
    /// as the system-assigned managed identity of the Azure resource the command runs on (Automation, Functions);
    /// without it the local protected store.
    /// </summary>
    internal static class TokenStores
    {
        public static IStoredTokenStore Open(TokenStorageOptions options, string? vaultName, string? secretName, PartnerConnection? connection, CloudBinding cloud) =>
            vaultName == null ? SecureAppModelTokenStore.Open(options) : OpenVault(vaultName, secretName, connection, cloud);

        /// <summary>A vault store as <paramref name="connection"/>, or as the managed identity in <paramref name="cloud"/> when it is null.</summary>
        public static KeyVaultTokenStore OpenVault(string vaultName, string? secretName, PartnerConnection? connection, CloudBinding cloud)
        {
            if (connection != null)
                return KeyVaultTokenStore.Open(vaultName, secretName, connection.Environment, connection.Tokens, connection.Pipeline, connection.HomeTenantId);
            var request = new ConnectionRequest { Mode = ConnectionMode.ManagedIdentity };
            cloud.Apply(request);
            var pipeline = new HttpPipeline(request.Cloud.Transport, request.Cloud.Retries(request.RetryPolicy));
            return KeyVaultTokenStore.Open(vaultName, secretName, request.Environment, ManagedIdentityTokenSource.Create(request, pipeline), pipeline);
        }

        /// <summary>-SecretName means nothing without -VaultName; the vault's and secret's names are checked before any request.</summary>
        public static void Check(string? vaultName, string? secretName, string? tokenName)
        {
            if (vaultName != null && (secretName ?? tokenName) is string secret) KeyVaultEndpoints.ValidateNames(vaultName, secret);
            if (secretName != null && vaultName == null)
                throw new PartnerSecurityException("SecretNameNeedsVault", ErrorKind.InvalidArgument,
                    "-SecretName names a secret in an Azure Key Vault; give the vault with -VaultName.", "Add -VaultName <vault>, or remove -SecretName.", null, secretName);
        }
    }
}
