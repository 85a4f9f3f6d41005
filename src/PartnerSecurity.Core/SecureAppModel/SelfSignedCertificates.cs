using System;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// Self-signed certificates for application credentials, made with the platform's CertificateRequest
    /// (present in .NET Framework 4.7.2 and every .NET Core, though not in the netstandard2.0 surface this
    /// assembly compiles against, hence the late binding), and the CurrentUser\My store they are kept in.
    /// </summary>
    public static class SelfSignedCertificates
    {
        public static X509Certificate2 Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
        {
            var type = FindCertificateRequestType()
                ?? throw new PartnerSecurityException("CertificateGenerationUnavailable", ErrorKind.NotSupported,
                    "This .NET runtime cannot create certificates.", "Create a certificate yourself and pass it with -CertificatePath.");
            using var rsa = RSA.Create();
            if (rsa.KeySize < 2048) rsa.KeySize = 2048;
            var request = Activator.CreateInstance(type, "CN=" + subject.Replace(",", " ").Replace("=", " "), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)!;
            var create = type.GetMethod("CreateSelfSigned", new[] { typeof(DateTimeOffset), typeof(DateTimeOffset) })!;
            using var ephemeral = (X509Certificate2)create.Invoke(request, new object[] { notBefore, notAfter })!;
            // Re-import so the private key is persisted with the certificate when it is added to a store.
            var pfx = ephemeral.Export(X509ContentType.Pfx);
            return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable | X509KeyStorageFlags.UserKeySet);
        }

        private static Type? FindCertificateRequestType()
        {
            const string name = "System.Security.Cryptography.X509Certificates.CertificateRequest";
            var found = typeof(X509Certificate2).Assembly.GetType(name)
                ?? typeof(RSA).Assembly.GetType(name)
                ?? Type.GetType(name + ", System.Security.Cryptography")
                ?? Type.GetType(name + ", System.Security.Cryptography.X509Certificates")
                ?? Type.GetType(name + ", System.Core, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089");
            if (found != null) return found;
            return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name, throwOnError: false)).FirstOrDefault(t => t != null);
        }

        /// <summary>Adds a certificate with its private key to CurrentUser\My.</summary>
        public static void AddToCurrentUserStore(X509Certificate2 certificate)
        {
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            store.Add(certificate);
        }

        /// <summary>A certificate with its private key in CurrentUser\My or LocalMachine\My, or an error saying how to provide it.</summary>
        public static X509Certificate2 RequireWithPrivateKey(string thumbprint) => FindWithPrivateKey(thumbprint)
            ?? throw new Diagnostics.PartnerSecurityException(Diagnostics.ErrorIds.CertificateNotFound, Diagnostics.ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {thumbprint} and a private key is in the CurrentUser or LocalMachine 'My' store.",
                "Import the certificate with its private key, or pass it with -Certificate.", null, thumbprint);

        /// <summary>A certificate with its private key in CurrentUser\My or LocalMachine\My, or null.</summary>
        public static X509Certificate2? FindWithPrivateKey(string thumbprint)
        {
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (CryptographicException)
                {
                    continue;
                }
                foreach (var certificate in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false))
                {
                    if (certificate.HasPrivateKey) return certificate;
                }
            }
            return null;
        }
    }
}
