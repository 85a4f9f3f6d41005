using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Runtime
{
    /// <summary>An application's credential as the cmdlets take it: a secret, a PSCredential (app id + secret), or a certificate.</summary>
    internal sealed class AppCredentials
    {
        public SecureString? ClientSecret { get; private set; }
        public X509Certificate2? Certificate { get; private set; }
        /// <summary>The application id from a PSCredential's user name.</summary>
        public string? ApplicationId { get; private set; }
        public bool IsEmpty => ClientSecret == null && Certificate == null;

        public static AppCredentials From(SecureString? clientSecret, PSCredential? credential, string? thumbprint, X509Certificate2? certificate)
        {
            var result = new AppCredentials();
            if (certificate != null)
            {
                if (!certificate.HasPrivateKey)
                    throw new PartnerSecurityException("CertificateHasNoKey", ErrorKind.InvalidArgument,
                        $"The certificate {certificate.Thumbprint} has no private key, so it cannot sign in.", "Pass the certificate with its private key (from a .pfx or the certificate store).", null, certificate.Thumbprint);
                result.Certificate = certificate;
            }
            else if (!string.IsNullOrEmpty(thumbprint)) result.Certificate = CertificateStore.Find(thumbprint!);
            else if (credential != null)
            {
                result.ClientSecret = credential.Password;
                result.ApplicationId = credential.UserName;
            }
            else if (clientSecret != null) result.ClientSecret = clientSecret;
            return result;
        }
    }
}
