using System;
using PartnerSecurity.Authentication;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>A refresh token kept in a token store, with what is needed to redeem it and to tell when it expires.</summary>
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
        /// <summary>The store's version of this token as it was read (opaque; null for a token not read from a store). See <see cref="IStoredTokenStore.Save"/>.</summary>
        public string? Version { get; set; }
        /// <summary>For a token read from Azure Key Vault: the expiry of the secret version it came from (the status reads it).</summary>
        public DateTimeOffset? VaultExpiresOn { get; set; }
        internal string RefreshToken { get; set; } = string.Empty;

        /// <summary>The refresh token, as a SecureString, for the one redemption that needs it.</summary>
        public System.Security.SecureString ProtectedRefreshToken() => SecureStrings.Protect(RefreshToken);

        /// <summary>Keeps the refresh token of a consent or an exchange.</summary>
        public void SetRefreshToken(SecureAppModelToken token) => RefreshToken = SecureStrings.Reveal(token.RefreshToken);

        /// <summary>Keeps a refresh token a store read (stores outside this assembly, such as a vault, set it here).</summary>
        public void SetRefreshToken(System.Security.SecureString refreshToken) => RefreshToken = SecureStrings.Reveal(refreshToken);

        public DateTimeOffset ExpiresOn => LastUsedOn + SecureAppModelToken.RefreshTokenMaxInactiveTime;

        /// <summary>A copy, so that a rotation can be written without changing the token read until the store accepts it.</summary>
        public StoredToken Copy() => (StoredToken)MemberwiseClone();
    }
}
