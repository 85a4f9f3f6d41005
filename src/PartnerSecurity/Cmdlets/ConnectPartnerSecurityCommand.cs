using System;
using System.IO;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulation;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommunications.Connect, "PartnerSecurity", DefaultParameterSetName = InteractiveSet)]
    [OutputType(typeof(PartnerSecurityContext))]
    public sealed class ConnectPartnerSecurityCommand : PartnerSecurityCmdlet
    {
        private const string InteractiveSet = "Interactive";
        private const string DemoSet = "Demo";
        private const string SnapshotSet = "Snapshot";
        private const string SecretSet = "AppClientSecret";
        private const string CredentialSet = "AppCredential";
        private const string ThumbprintSet = "AppCertificateThumbprint";
        private const string CertificateSet = "AppCertificate";

        /// <summary>The built-in demo tenant, served in-process.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DemoSet)]
        public SwitchParameter Demo { get; set; }

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = SnapshotSet)]
        [ValidateNotNullOrEmpty]
        public string Snapshot { get; set; } = null!;

        [Parameter(ParameterSetName = SnapshotSet)]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string? UserPrincipalName { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Alias("Tenant", "Domain")]
        [ValidateTenantId]
        public string? TenantId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Alias("AppId", "ClientId")]
        [ValidatePattern("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
        public string? ApplicationId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        public SecureString ClientSecret { get; set; } = null!;

        /// <summary>The application id as user name and the client secret as password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [ValidatePattern("^[0-9a-fA-F]{40}$")]
        public string CertificateThumbprint { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        public X509Certificate2 Certificate { get; set; } = null!;

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [ValidateSet("Global", "USGov", "USGovDoD", "China")]
        public string Environment { get; set; } = "Global";

        protected override void ProcessRecord()
        {
            var request = BuildRequest();
            if (request == null) return;
            PartnerConnection? connection = null;
            Run(async (pump, ct) => connection = await PartnerConnection.ConnectAsync(request, ct).ConfigureAwait(false));
            // The session is the runspace of the pipeline thread, so the connection is stored here, not on the worker.
            SessionConnections.Set(connection!)?.Dispose();
            WriteObject(connection!.Context);
        }

        private ConnectionRequest? BuildRequest()
        {
            switch (ParameterSetName)
            {
                case DemoSet:
                    return Emulated(DemoSnapshot.Path, null, "Demo");
                case SnapshotSet:
                    var path = GetUnresolvedProviderPathFromPSPath(Snapshot);
                    if (!File.Exists(path))
                    {
                        ThrowTerminatingError(ErrorRecords.Create("SnapshotNotFound", ErrorKind.ObjectNotFound,
                            $"Cannot find the snapshot file '{path}'.", "Check the path; Export-PartnerTenantSnapshot writes snapshots, and -Demo uses the built-in one.", Snapshot));
                    }
                    return Emulated(path, UserPrincipalName, "Snapshot");
                case SecretSet:
                    return AppRequest(ConnectionMode.ClientSecret, ApplicationId!, r => r.ClientSecret = ClientSecret);
                case CredentialSet:
                    return AppRequest(ConnectionMode.ClientSecret, Credential.UserName, r => r.ClientSecret = Credential.Password);
                case ThumbprintSet:
                    return AppRequest(ConnectionMode.Certificate, ApplicationId!, r => r.Certificate = CertificateStore.Find(CertificateThumbprint));
                case CertificateSet:
                    return AppRequest(ConnectionMode.Certificate, ApplicationId!, r => r.Certificate = Certificate);
                default:
                    if (!HostInteractivity.IsInteractive(Host))
                    {
                        ThrowTerminatingError(ErrorRecords.Create("InteractiveSignInUnavailable", ErrorKind.InvalidOperation,
                            $"{(UseDeviceCode ? "Device code" : "Browser")} sign-in needs a person at the keyboard, and this PowerShell host is not interactive.",
                            "For unattended runs use an app credential (-ApplicationId with -ClientSecret, -Credential, -CertificateThumbprint or -Certificate, and -TenantId), or the Secure Application Model.", null));
                    }
                    return new ConnectionRequest
                    {
                        Mode = UseDeviceCode ? ConnectionMode.DeviceCode : ConnectionMode.Interactive,
                        TenantId = TenantId,
                        ApplicationId = ApplicationId,
                        Environment = CloudEnvironment.Parse(Environment),
                    };
            }
        }

        private ConnectionRequest Emulated(string path, string? upn, string label)
        {
            try
            {
                var (emulator, request) = EmulatedSignIn.Prepare(path, upn, label);
                foreach (var warning in emulator.Snapshot.Warnings) WriteWarning(warning);
                return request;
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, path));
                throw;
            }
        }

        private ConnectionRequest AppRequest(ConnectionMode mode, string applicationId, Action<ConnectionRequest> credential)
        {
            var request = new ConnectionRequest
            {
                Mode = mode,
                TenantId = TenantId,
                ApplicationId = applicationId,
                Environment = CloudEnvironment.Parse(Environment),
            };
            try
            {
                credential(request);
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, applicationId));
            }
            return request;
        }
    }
}
