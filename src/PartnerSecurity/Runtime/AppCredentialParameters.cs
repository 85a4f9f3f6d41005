using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Runtime
{
    /// <summary>An application's credential as the cmdlets take it: a secret, a PSCredential (app id + secret), or a certificate.</summary>
    internal static class AppCredentialParameters
    {
        public static AppCredential From(SecureString? clientSecret, PSCredential? credential, string? thumbprint, X509Certificate2? certificate)
        {
            if (certificate != null)
            {
                if (!certificate.HasPrivateKey)
                    throw new PartnerSecurityException("CertificateHasNoKey", ErrorKind.InvalidArgument,
                        $"The certificate {certificate.Thumbprint} has no private key, so it cannot sign in.", "Pass the certificate with its private key (from a .pfx or the certificate store).", null, certificate.Thumbprint);
                return new AppCredential(null, certificate: certificate);
            }
            if (!string.IsNullOrEmpty(thumbprint)) return new AppCredential(null, certificate: SelfSignedCertificates.RequireWithPrivateKey(thumbprint!));
            if (credential != null) return new AppCredential(credential.UserName, credential.Password);
            return clientSecret != null ? new AppCredential(null, clientSecret) : AppCredential.None;
        }
    }
}
