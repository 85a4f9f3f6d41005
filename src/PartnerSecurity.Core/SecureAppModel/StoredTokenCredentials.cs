using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// A stored Secure Application Model token resolved into what a connection or an exchange needs: the
    /// application, its credential (the one given, or the certificate the consent used), the partner tenant,
    /// the cloud, and the refresh token, which <see cref="Rotate(string, DateTimeOffset)"/> writes back after each
    /// redemption. The only place that reads a stored token for a sign-in.
    /// </summary>
    public sealed class StoredTokenCredentials
    {
        private StoredTokenCredentials(IStoredTokenStore store, StoredToken token, SecureString? clientSecret, X509Certificate2? certificate)
        {
            Store = store;
            Token = token;
            ClientSecret = clientSecret;
            Certificate = certificate;
        }

        public IStoredTokenStore Store { get; }
        /// <summary>The token as last read or written.</summary>
        public StoredToken Token { get; private set; }
        public string Name => Token.Name;
        public string ApplicationId => Token.ApplicationId;
        /// <summary>The partner tenant the consent was given in.</summary>
        public string TenantId => Token.TenantId;
        public SecureString? ClientSecret { get; }
        public X509Certificate2? Certificate { get; }
        /// <summary>The application and the credential that redeems the token.</summary>
        public AppCredential Credential => new AppCredential(ApplicationId, ClientSecret, Certificate);
        /// <summary>The cloud's name: Global, USGov, USGovDoD, China, or Demo/Snapshot (emulated, see <see cref="SnapshotPath"/>).</summary>
        public string Environment => Token.Environment;
        public string? SnapshotPath => Token.SnapshotPath;

        public SecureString RefreshToken() => Token.ProtectedRefreshToken();

        /// <summary>
        /// Reads the token <paramref name="name"/> and pairs it with the application's credential: the secret or
        /// certificate given, else the certificate the consent used (from the CurrentUser or LocalMachine 'My' store).
        /// A given <paramref name="applicationId"/> must be the token's.
        /// </summary>
        public static StoredTokenCredentials Resolve(IStoredTokenStore store, string name, AppCredential given) =>
            Resolve(store, name, given.ApplicationId, given.ClientSecret, given.Certificate);

        /// <inheritdoc cref="Resolve(IStoredTokenStore, string, AppCredential)"/>
        public static StoredTokenCredentials Resolve(IStoredTokenStore store, string name, string? applicationId = null, SecureString? clientSecret = null, X509Certificate2? certificate = null)
        {
            var token = store.Get(name);
            if (!string.IsNullOrEmpty(applicationId) && !string.Equals(applicationId, token.ApplicationId, StringComparison.OrdinalIgnoreCase))
                throw new PartnerSecurityException(ErrorIds.TokenApplicationMismatch, ErrorKind.InvalidArgument,
                    $"The stored token '{token.Name}' belongs to application {token.ApplicationId}, not {applicationId}.", "Use the application id the consent was given for.", null, token.Name);
            if (clientSecret == null && certificate == null) certificate = ConsentCertificate(token);
            return new StoredTokenCredentials(store, token, clientSecret, certificate);
        }

        private static X509Certificate2 ConsentCertificate(StoredToken token)
        {
            const string next = "Add -ClientSecret, -Credential, -CertificateThumbprint or -Certificate.";
            if (token.CertificateThumbprint == null)
                throw new PartnerSecurityException(ErrorIds.CredentialRequired, ErrorKind.InvalidArgument,
                    $"The stored token '{token.Name}' was consented with a client secret; give the secret to redeem it.", next, null, token.Name);
            return SelfSignedCertificates.FindWithPrivateKey(token.CertificateThumbprint)
                ?? throw new PartnerSecurityException(ErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound,
                    $"The certificate {token.CertificateThumbprint} the token '{token.Name}' was consented with is not in the CurrentUser or LocalMachine 'My' store.", next, null, token.Name);
        }

        /// <summary>
        /// Writes the refresh token a redemption returned and restarts the inactivity window. False when another
        /// process rotated the token first: its refresh token is kept (both are valid) and becomes this one's.
        /// </summary>
        public bool Rotate(string refreshToken, DateTimeOffset usedOn)
        {
            var rotated = Token.Copy();
            rotated.RefreshToken = refreshToken;
            rotated.LastUsedOn = usedOn;
            if (Store.Save(rotated, Token.Version))
            {
                Token = rotated;
                OperationLog.Verbose($"The stored Secure Application Model token '{Name}' was rotated (new refresh token from Entra ID; inactivity window restarted).");
                return true;
            }
            Token = Store.Find(Name) ?? Token;
            OperationLog.Verbose($"The stored Secure Application Model token '{Name}' was rotated by another process meanwhile; its refresh token is kept.");
            return false;
        }

        /// <summary>Stores the refresh token an exchange returned.</summary>
        public bool Rotate(SecureAppModelToken token, DateTimeOffset usedOn) => Rotate(SecureStrings.Reveal(token.RefreshToken), usedOn);
    }
}
