using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Runtime
{
    /// <summary>Finds a certificate with its private key in the CurrentUser, then LocalMachine, My store.</summary>
    internal static class CertificateStore
    {
        public static X509Certificate2 Find(string thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (System.Security.Cryptography.CryptographicException)
                {
                    continue;
                }
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                foreach (var certificate in found)
                {
                    if (certificate.HasPrivateKey) return certificate;
                }
            }
            throw new PartnerSecurityException("CertificateNotFound", ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} and a private key is in the CurrentUser or LocalMachine 'My' store.",
                "Import the certificate with its private key, or pass it with -Certificate.", null, thumbprint);
        }
    }
}
