using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Creates or updates (matched by display name) the Secure Application Model app registration in the
    /// connected partner tenant, with a certificate (generated or given) or a client secret, its service
    /// principal, and membership in AdminAgents.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecureAppModelApplication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = CertificateSet)]
    [OutputType(typeof(SecureAppModelApplication))]
    public sealed class NewSecureAppModelApplicationCommand : PartnerSecurityCmdlet
    {
        private const string CertificateSet = "Certificate";
        private const string SecretSet = "ClientSecret";

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 120)]
        public string DisplayName { get; set; } = "PartnerSecurity Secure Application Model";

        /// <summary>A certificate file (.cer/.crt, DER or PEM) to register instead of generating one; its private key stays where you keep it.</summary>
        [Parameter(ParameterSetName = CertificateSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        /// <summary>Add a client secret instead of a certificate (a certificate is recommended).</summary>
        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        public SwitchParameter UseClientSecret { get; set; }

        /// <summary>How long the credential is valid, in days (default 730).</summary>
        [Parameter]
        [ValidateRange(1, 730)]
        public int CredentialLifetimeDays { get; set; } = 730;

        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            X509Certificate2? certificate = null;
            if (CertificatePath != null)
            {
                var path = GetUnresolvedProviderPathFromPSPath(CertificatePath);
                if (!File.Exists(path))
                    ThrowTerminatingError(ErrorRecords.Create("CertificateFileNotFound", ErrorKind.ObjectNotFound, $"Cannot find the certificate file '{path}'.", "Check the path, or leave -CertificatePath out to generate a certificate.", CertificatePath));
                try
                {
                    certificate = new X509Certificate2(path);
                }
                catch (CryptographicException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(new PartnerSecurityException("InvalidCertificateFile", ErrorKind.InvalidData,
                        $"'{path}' is not an X.509 certificate file: {ex.Message}", "Give a .cer or .crt file (DER or PEM).", ex, CertificatePath)));
                }
            }
            var request = new SecureAppModelApplicationRequest
            {
                DisplayName = DisplayName,
                Certificate = certificate,
                UseClientSecret = UseClientSecret.IsPresent,
                CredentialLifetime = System.TimeSpan.FromDays(CredentialLifetimeDays),
            };
            Run(async (pump, ct) =>
            {
                request.ShouldProcess = (target, action) => pump.ShouldProcessAsync(target, action);
                request.Progress = step => pump.WriteProgress(new ProgressRecord(1, "New-SecureAppModelApplication", step));
                var result = await SecureAppModelApplicationProvisioner.ProvisionAsync(connection, request, ct).ConfigureAwait(false);
                pump.WriteProgress(new ProgressRecord(1, "New-SecureAppModelApplication", "Done") { RecordType = ProgressRecordType.Completed });
                if (result != null)
                {
                    if (result.CredentialType == "ClientSecret")
                        pump.Warning($"The client secret of {result.DisplayName} is shown only now, in the ClientSecret property (a SecureString). Keep it in a vault; it expires on {result.SecretExpiresOn:yyyy-MM-dd}.");
                    pump.WriteObject(result);
                }
            });
        }
    }
}
