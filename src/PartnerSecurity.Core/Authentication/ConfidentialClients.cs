using System.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>MSAL confidential clients over the connection's HTTP pipeline, with a client secret or a certificate.</summary>
    internal static class ConfidentialClients
    {
        public static IConfidentialClientApplication Create(string applicationId, string tenant, CloudEnvironment environment, HttpPipeline pipeline,
            SecureString? clientSecret, X509Certificate2? certificate, string? redirectUri = null)
        {
            var builder = ConfidentialClientApplicationBuilder.Create(applicationId)
                .WithAuthority(environment.AuthorityHost, tenant)
                .WithHttpClientFactory(new MsalHttpClientFactory(pipeline))
                .WithLogging(MsalLogging.Write, LogLevel.Warning, enablePiiLogging: false, enableDefaultPlatformLogging: false)
                .WithClientName("PartnerSecurity");
            if (redirectUri != null) builder = builder.WithRedirectUri(redirectUri);
            if (certificate != null)
                builder = builder.WithCertificate(certificate, sendX5C: true);
            else if (clientSecret != null)
                builder = builder.WithClientSecret(SecureStrings.Reveal(clientSecret));
            else
                throw new PartnerSecurityException("CredentialRequired", ErrorKind.InvalidArgument,
                    "The application's credential is required.", "Add -ClientSecret, -Credential, -CertificateThumbprint or -Certificate.");
            return builder.Build();
        }
    }
}
