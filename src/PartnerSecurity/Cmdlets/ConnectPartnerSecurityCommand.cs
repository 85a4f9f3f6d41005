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
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Signs in. The parameter set says how (a person, an application's credential, the Secure Application
    /// Model, a managed identity, a token); -Environment, -Demo or -Snapshot say where, and combine with
    /// every set: -Demo and -Snapshot are emulated clouds in which a simulated person completes browser and
    /// device-code sign-ins (-UserPrincipalName chooses who).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "PartnerSecurity", DefaultParameterSetName = InteractiveSet)]
    [OutputType(typeof(PartnerSecurityContext))]
    public sealed class ConnectPartnerSecurityCommand : PartnerSecurityCmdlet
    {
        private const string InteractiveSet = "Interactive";
        private const string SecretSet = "AppClientSecret";
        private const string CredentialSet = "AppCredential";
        private const string ThumbprintSet = "AppCertificateThumbprint";
        private const string CertificateSet = "AppCertificate";
        private const string StoredTokenSet = "StoredRefreshToken";
        private const string IdentitySet = "ManagedIdentity";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>The built-in demo tenant, served in-process. Combines with every way of signing in.</summary>
        [Parameter]
        public SwitchParameter Demo { get; set; }

        /// <summary>A tenant snapshot file, served in-process. Combines with every way of signing in. Named only, so that a tenant name is never read as a path.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Snapshot { get; set; }

        /// <summary>Who signs in: the login hint for a real sign-in, the simulated person in -Demo or -Snapshot.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string? UserPrincipalName { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = StoredTokenSet)]
        [Alias("Tenant", "Domain")]
        [NormalizeTenantId]
        [ValidateTenantId]
        public string? TenantId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = StoredTokenSet)]
        [Parameter(ParameterSetName = IdentitySet)]
        [Alias("AppId", "ClientId")]
        [ValidatePattern("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
        public string? ApplicationId { get; set; }

        [Parameter(ParameterSetName = InteractiveSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary>More delegated Microsoft Graph permissions to consent to at sign-in (for example Application.ReadWrite.All).</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [ValidateNotNullOrEmpty]
        public string[]? Scopes { get; set; }

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

        /// <summary>A Secure Application Model refresh token (from New-SecureAppModelToken), with the application's credential.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        public SecureString? RefreshToken { get; set; }

        /// <summary>The name of a stored Secure Application Model token; it is rotated on every use.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = StoredTokenSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StoredTokenNameCompleter))]
        public string? RefreshTokenName { get; set; }

        /// <summary>With -RefreshTokenName: the Azure Key Vault the token is kept in, read as the current connection or the managed identity.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = StoredTokenSet)]
        [ValidateNotNullOrEmpty]
        public string? VaultName { get; set; }

        /// <summary>With -VaultName: the secret that holds the token (default: the token's name).</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = StoredTokenSet)]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        /// <summary>The managed identity of the Azure resource this runs on (Azure Automation, Functions).</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        public SwitchParameter Identity { get; set; }

        /// <summary>An access token you already have (Microsoft Graph or Partner Center).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        public SecureString AccessToken { get; set; } = null!;

        [Parameter]
        [ValidateSet("Global", "USGov", "USGovDoD", "China")]
        public string? Environment { get; set; }

        /// <summary>Process (default): the sign-in lives in this session. CurrentUser: it is kept in protected storage and the next session signs in silently.</summary>
        [Parameter]
        [ValidateSet("Process", "CurrentUser")]
        public string ContextScope { get; set; } = "Process";

        /// <summary>Where no protected storage exists, keep the token cache in a file readable only by you instead of in memory.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedTokenCache { get; set; }

        /// <summary>With -Demo or -Snapshot: the emulated cloud throttles, fails and expires tokens on purpose, to rehearse unattended runs.</summary>
        [Parameter]
        [ValidateSet("None", "Throttle", "Transient", "Expiry", "Chaos")]
        public string? FaultProfile { get; set; }

        /// <summary>The seed of -FaultProfile: the same seed fails the same requests the same way. Random (and shown) when absent.</summary>
        [Parameter]
        public int? FaultSeed { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session;
            ConnectionRequest request;
            try
            {
                request = BuildRequest(session);
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
                return;
            }
            PartnerConnection? connection = null;
            // A vault is read as the current connection (kept alive for the new one's rotations), else the managed identity.
            var vaultIdentity = VaultName != null ? session.Connection : null;
            Run(async (pump, ct) =>
            {
                if (!string.IsNullOrEmpty(request.RefreshTokenName))
                {
                    var stored = StoredTokenCredentials.Resolve(TokenStores.Open(request.Storage, VaultName, SecretName, vaultIdentity, _cloud!), request.RefreshTokenName!, request.Credential);
                    // A stored token knows its cloud.
                    if (!CloudChosen) CloudBinding.Of(stored.Token, session, pump.Warning).Apply(request);
                    request.StoredCredentials = stored;
                }
                connection = await PartnerConnection.ConnectAsync(request, ct).ConfigureAwait(false);
            });
            // The session is the runspace of the pipeline thread, so the connection is stored here, not on the worker.
            var replaced = session.Connect(connection!);
            if (replaced != null && !ReferenceEquals(replaced, vaultIdentity)) replaced.Dispose();
            WriteObject(connection!.Context);
        }

        private bool CloudChosen => Demo.IsPresent || Snapshot != null || Environment != null;

        private CloudBinding? _cloud;

        private ConnectionRequest BuildRequest(ModuleSession session)
        {
            if (Demo.IsPresent && Snapshot != null)
                throw new PartnerSecurityException("CloudConflict", ErrorKind.InvalidArgument, "-Demo and -Snapshot each choose an emulated cloud; give one of them.", "Remove -Demo or -Snapshot.");
            if ((Demo.IsPresent || Snapshot != null) && Environment != null)
                throw new PartnerSecurityException("CloudConflict", ErrorKind.InvalidArgument, "-Environment chooses one of Microsoft's clouds; -Demo and -Snapshot choose an emulated one.", "Remove -Environment or -Demo/-Snapshot.");

            CloudBinding cloud;
            if (Demo.IsPresent) cloud = CloudBinding.Demo(session, WriteWarning);
            else if (Snapshot != null)
            {
                var path = GetUnresolvedProviderPathFromPSPath(Snapshot);
                if (!File.Exists(path))
                    throw new PartnerSecurityException(ErrorIds.SnapshotNotFound, ErrorKind.ObjectNotFound,
                        $"Cannot find the snapshot file '{path}'.", "Check the path. A snapshot is a JSON file in the format of docs/snapshot-format.md (this version of the module cannot export one from a tenant); -Demo uses the built-in one. To sign in to a tenant, use -TenantId.", null, Snapshot);
                cloud = CloudBinding.Emulated(session, path, "Snapshot", WriteWarning);
            }
            else cloud = CloudBinding.Real(Environment);
            _cloud = cloud;
            TokenStores.Check(VaultName, SecretName, RefreshTokenName);
            if (VaultName != null && RefreshTokenName == null)
                throw new PartnerSecurityException("VaultNeedsTokenName", ErrorKind.InvalidArgument, "-VaultName says where the stored token -RefreshTokenName is kept.", "Add -RefreshTokenName <name>.", null, VaultName);
            if ((FaultProfile != null || FaultSeed != null) && !cloud.IsEmulated)
                throw new PartnerSecurityException("FaultProfileNeedsEmulator", ErrorKind.InvalidArgument,
                    "-FaultProfile and -FaultSeed inject faults into an emulated cloud; Microsoft's clouds are not rehearsed on.",
                    "Add -Demo, or -Snapshot with a snapshot file.");

            var request = new ConnectionRequest
            {
                TenantId = TenantId,
                ApplicationId = ApplicationId,
                ContextScope = string.Equals(ContextScope, "CurrentUser", StringComparison.OrdinalIgnoreCase) ? Authentication.ContextScope.CurrentUser : Authentication.ContextScope.Process,
                Storage = new TokenStorageOptions { AllowUnencrypted = AllowUnencryptedTokenCache.IsPresent },
            };
            cloud.Apply(request);
            if (cloud.IsEmulated) cloud.UseFaults(FaultProfile, FaultSeed, request, WriteWarning);

            switch (ParameterSetName)
            {
                case IdentitySet:
                    request.Mode = ConnectionMode.ManagedIdentity;
                    return request;
                case AccessTokenSet:
                    request.Mode = ConnectionMode.AccessToken;
                    request.AccessToken = AccessToken;
                    return request;
                case StoredTokenSet:
                    request.Mode = ConnectionMode.RefreshToken;
                    request.RefreshTokenName = RefreshTokenName;
                    return request;
                case SecretSet:
                case CredentialSet:
                case ThumbprintSet:
                case CertificateSet:
                    var credentials = AppCredentialParameters.From(ClientSecret, Credential, CertificateThumbprint, Certificate);
                    request.Credential = credentials.For(ApplicationId);
                    if (RefreshToken != null && RefreshTokenName != null)
                        throw new PartnerSecurityException("RefreshTokenConflict", ErrorKind.InvalidArgument, "Give -RefreshToken or -RefreshTokenName, not both.", null);
                    if (RefreshToken != null || RefreshTokenName != null)
                    {
                        request.Mode = ConnectionMode.RefreshToken;
                        request.RefreshToken = RefreshToken;
                        request.RefreshTokenName = RefreshTokenName;
                    }
                    else
                    {
                        request.Mode = credentials.Certificate != null ? ConnectionMode.Certificate : ConnectionMode.ClientSecret;
                        if (cloud.IsEmulated) request.TenantId ??= cloud.Emulator!.Snapshot.Tenant.Id;
                    }
                    return request;
                default:
                    if (cloud.IsEmulated)
                    {
                        EmulatedSignIn.ChooseUser(cloud.Emulator!, UserPrincipalName, cloud.SnapshotPath!, required: true);
                        request.TenantId ??= cloud.Emulator!.Snapshot.Tenant.Id;
                        request.LoginHint = UserPrincipalName;
                    }
                    else
                    {
                        if (!HostInteractivity.IsInteractive(Host))
                            throw new PartnerSecurityException("InteractiveSignInUnavailable", ErrorKind.InvalidOperation,
                                $"{(UseDeviceCode ? "Device code" : "Browser")} sign-in needs a person at the keyboard, and this PowerShell host is not interactive.",
                                "For unattended runs use the Secure Application Model (-ApplicationId with -CertificateThumbprint and -RefreshTokenName), an app credential (-ApplicationId with -ClientSecret, -Credential, -CertificateThumbprint or -Certificate, and -TenantId), or -Identity for a managed identity.");
                        request.LoginHint = UserPrincipalName;
                    }
                    request.Mode = UseDeviceCode ? ConnectionMode.DeviceCode : ConnectionMode.Interactive;
                    request.ExtraScopes = Scopes;
                    return request;
            }
        }
    }
}
