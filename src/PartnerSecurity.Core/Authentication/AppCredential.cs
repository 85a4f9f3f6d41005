using System.Security;
using System.Security.Cryptography.X509Certificates;

namespace PartnerSecurity.Authentication
{
    /// <summary>An application and its credential: a client secret or a certificate with its private key (either may be absent).</summary>
    public sealed class AppCredential
    {
        public AppCredential(string? applicationId, SecureString? clientSecret = null, X509Certificate2? certificate = null)
        {
            ApplicationId = string.IsNullOrEmpty(applicationId) ? null : applicationId;
            ClientSecret = clientSecret;
            Certificate = certificate;
        }

        public static AppCredential None { get; } = new AppCredential(null);

        public string? ApplicationId { get; }
        public SecureString? ClientSecret { get; }
        public X509Certificate2? Certificate { get; }
        public bool HasSecretOrCertificate => ClientSecret != null || Certificate != null;

        /// <summary>The same credential for <paramref name="applicationId"/> when this one names no application.</summary>
        public AppCredential For(string? applicationId) => ApplicationId != null || string.IsNullOrEmpty(applicationId) ? this : new AppCredential(applicationId, ClientSecret, Certificate);
    }
}
