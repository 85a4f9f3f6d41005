using System;
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
    /// The Secure Application Model's one-time consent (a partner admin signs in to the SAM app with MFA and
    /// gets its refresh token), or, given -RefreshToken or -RefreshTokenName, the exchange of that refresh token
    /// for tokens in any tenant (a customer's with -TenantId) and scope.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "SecureAppModelToken", DefaultParameterSetName = StoredTokenSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(SecureAppModelToken))]
    public sealed class NewSecureAppModelTokenCommand : PartnerSecurityCmdlet
    {
        private const string SecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";
        private const string ThumbprintSet = "CertificateThumbprint";
        private const string CertificateSet = "Certificate";
        private const string StoredTokenSet = "StoredRefreshToken";

        [Parameter(Mandatory = true, ParameterSetName = SecretSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = StoredTokenSet, ValueFromPipelineByPropertyName = true)]
        [Alias("AppId", "ClientId")]
        [ValidatePattern("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")]
        public string? ApplicationId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SecretSet, ValueFromPipelineByPropertyName = true)]
        public SecureString ClientSecret { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9a-fA-F]{40}$")]
        public string CertificateThumbprint { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        public X509Certificate2 Certificate { get; set; } = null!;

        /// <summary>Redeem this refresh token instead of signing in.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        public SecureString? RefreshToken { get; set; }

        /// <summary>Redeem the stored token of this name (and store its rotation) instead of signing in.</summary>
        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = StoredTokenSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StoredTokenNameCompleter))]
        public string? RefreshTokenName { get; set; }

        /// <summary>For the consent, the partner tenant; for an exchange, the tenant to get tokens in (a customer's).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Tenant", "CustomerTenantId")]
        [NormalizeTenantId]
        [ValidateTenantId]
        public string? TenantId { get; set; }

        /// <summary>The scopes (default: Partner Center user_impersonation).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Scopes { get; set; }

        [Parameter(ParameterSetName = SecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = ThumbprintSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        public SwitchParameter UseDeviceCode { get; set; }

        /// <summary>Who signs in: the login hint, or the simulated person in an emulated cloud.</summary>
        [Parameter]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string? UserPrincipalName { get; set; }

        /// <summary>Keep the refresh token in the protected token store under this name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SaveAs { get; set; }

        /// <summary>Keep (or read) the token in this Azure Key Vault instead of the local protected store: as the current connection, else the managed identity.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? VaultName { get; set; }

        /// <summary>With -VaultName: the secret that holds the token (default: the token's name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        /// <summary>Hand out a token whose sign-in carried no MFA claim (not compliant with the partner security requirements).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        [ValidateSet("Global", "USGov", "USGovDoD", "China")]
        public string? Environment { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedTokenCache { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session;
            var options = new TokenStorageOptions { AllowUnencrypted = AllowUnencryptedTokenCache.IsPresent };
            AppCredential credentials;
            try
            {
                if (SaveAs != null) SecureAppModelTokenStore.ValidateName(SaveAs);
                TokenStores.Check(VaultName, SecretName, SaveAs ?? RefreshTokenName);
                if (VaultName != null && SaveAs == null && RefreshTokenName == null)
                    throw new PartnerSecurityException("VaultNeedsTokenName", ErrorKind.InvalidArgument, "-VaultName says where the token of -SaveAs or -RefreshTokenName is kept.", "Add -SaveAs <name> or -RefreshTokenName <name>.", null, VaultName);
                if (RefreshToken != null && RefreshTokenName != null)
                    throw new PartnerSecurityException("RefreshTokenConflict", ErrorKind.InvalidArgument, "Give -RefreshToken or -RefreshTokenName, not both.", null);
                credentials = AppCredentialParameters.From(ClientSecret, Credential, CertificateThumbprint, Certificate);
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
                return;
            }
            bool redeem = RefreshToken != null || RefreshTokenName != null;
            var connection = session.Connection;
            var interactive = HostInteractivity.IsInteractive(Host);
            Run(async (pump, ct) =>
            {
                var store = RefreshTokenName != null || SaveAs != null
                    ? TokenStores.Open(options, VaultName, SecretName, connection, connection != null ? CloudBinding.Of(connection, session) : CloudBinding.Real(Environment))
                    : null;
                var stored = RefreshTokenName != null
                    ? StoredTokenCredentials.Resolve(store!, RefreshTokenName, credentials.For(ApplicationId))
                    : null;

                CloudBinding cloud = Environment != null ? CloudBinding.Real(Environment)
                    : stored != null ? CloudBinding.Of(stored.Token, session, pump.Warning)
                    : connection != null ? CloudBinding.Of(connection, session)
                    : CloudBinding.Real(null);
                if (!redeem && !UseDeviceCode && !cloud.IsEmulated && !interactive)
                    throw new PartnerSecurityException("InteractiveSignInUnavailable", ErrorKind.InvalidOperation,
                        "The consent needs a person at the keyboard to sign in with MFA, and this PowerShell host is not interactive.",
                        "Run the consent once in an interactive session (-SaveAs keeps the token), then use -RefreshTokenName in runbooks.");

                var request = new ConsentRequest
                {
                    Credential = stored?.Credential ?? credentials.For(ApplicationId),
                    TenantId = TenantId ?? stored?.TenantId,
                    Scopes = Scopes == null ? null : FullScopes(Scopes, cloud.Environment),
                    UseDeviceCode = UseDeviceCode.IsPresent,
                    LoginHint = UserPrincipalName,
                    Force = Force.IsPresent,
                    DeviceCodeMessage = pump.Warning,
                };
                cloud.Apply(request);
                if (cloud.IsEmulated && !redeem) EmulatedSignIn.ChooseUser(cloud.Emulator!, UserPrincipalName, cloud.SnapshotPath!, required: true);

                SecureAppModelToken token;
                if (redeem)
                {
                    request.RefreshToken = RefreshToken ?? stored!.RefreshToken();
                    pump.Verbose($"Redeeming the refresh token for tenant {request.TenantId ?? "organizations"}.");
                    token = await SecureAppModelConsent.RedeemAsync(request, ct).ConfigureAwait(false);
                    stored?.Rotate(token, cloud.Now);
                }
                else
                {
                    token = await SecureAppModelConsent.ConsentAsync(request, ct).ConfigureAwait(false);
                    if (!token.HasMfaClaim) pump.Warning($"The sign-in of {token.Account} carried no MFA claim: this token does not meet the partner security requirements (kept because of -Force).");
                }

                var name = stored?.Name;
                if (SaveAs != null && await pump.ShouldProcessAsync($"the token store ({store!.Storage})", $"Save the refresh token as '{SaveAs}'").ConfigureAwait(false))
                {
                    var entry = new StoredToken
                    {
                        Name = SaveAs,
                        ApplicationId = request.ApplicationId,
                        TenantId = redeem ? (stored?.TenantId ?? token.TenantId) : token.TenantId,
                        Account = token.Account,
                        CertificateThumbprint = request.Certificate?.Thumbprint,
                        HasMfaClaim = token.HasMfaClaim,
                        IssuedOn = stored?.Token.IssuedOn ?? cloud.Now,
                        LastUsedOn = cloud.Now,
                    };
                    entry.SetRefreshToken(token);
                    cloud.Apply(entry);
                    store.Save(entry);
                    pump.Verbose($"Saved the refresh token as '{SaveAs}' ({store.Storage}).");
                    name = SaveAs;
                }
                pump.WriteObject(name == null ? token : SecureAppModelConsent.Named(token, name));
            });
        }

        private static string[] FullScopes(string[] scopes, CloudEnvironment environment)
        {
            var result = new string[scopes.Length];
            for (int i = 0; i < scopes.Length; i++)
                result[i] = scopes[i].Contains("://") || scopes[i].Contains("/") ? scopes[i] : environment.GraphEndpoint + "/" + scopes[i];
            return result;
        }
    }
}
