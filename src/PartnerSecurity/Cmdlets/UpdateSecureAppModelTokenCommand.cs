using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulation;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Redeems a stored Secure Application Model token now and stores the rotated one, restarting its 90-day
    /// inactivity window. Schedule it weekly (an Azure Automation runbook) for tokens that are not used often.
    /// </summary>
    [Cmdlet(VerbsData.Update, "SecureAppModelToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = StoredCredentialSet)]
    [OutputType(typeof(SecureAppModelTokenStatus))]
    public sealed class UpdateSecureAppModelTokenCommand : PartnerSecurityCmdlet
    {
        private const string StoredCredentialSet = "StoredCertificate";
        private const string SecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";
        private const string ThumbprintSet = "CertificateThumbprint";
        private const string CertificateSet = "Certificate";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StoredTokenNameCompleter))]
        public string Name { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
        public SecureString ClientSecret { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ThumbprintSet)]
        [ValidatePattern("^[0-9a-fA-F]{40}$")]
        public string CertificateThumbprint { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        public X509Certificate2 Certificate { get; set; } = null!;

        /// <summary>Keep (or read) the token in this Azure Key Vault instead of the local protected store: as the current connection, else the managed identity.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? VaultName { get; set; }

        /// <summary>With -VaultName: the secret that holds the token (default: the token's name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SecretName { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedTokenCache { get; set; }

        protected override void ProcessRecord()
        {
            var session = Session;
            var options = new TokenStorageOptions { AllowUnencrypted = AllowUnencryptedTokenCache.IsPresent };
            AppCredential credentials;
            try
            {
                credentials = AppCredentialParameters.From(ClientSecret, Credential, CertificateThumbprint, Certificate);
                TokenStores.Check(VaultName, SecretName, Name);
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
                return;
            }
            var name = Name;
            var connection = session.Connection;
            Run(async (pump, ct) =>
            {
                var stored = StoredTokenCredentials.Resolve(TokenStores.Open(options, VaultName, SecretName, connection, connection != null ? CloudBinding.Of(connection, session) : CloudBinding.Real(null)), name, credentials);
                if (!await pump.ShouldProcessAsync($"stored token '{stored.Name}' ({stored.Token.Account})", "Redeem and rotate").ConfigureAwait(false)) return;
                var cloud = CloudBinding.Of(stored.Token, session, pump.Warning);
                var request = new ConsentRequest
                {
                    Credential = stored.Credential,
                    TenantId = stored.TenantId,
                    RefreshToken = stored.RefreshToken(),
                };
                cloud.Apply(request);
                var token = await SecureAppModelConsent.RedeemAsync(request, ct).ConfigureAwait(false);
                stored.Rotate(token, cloud.Now);
                pump.WriteObject(new SecureAppModelTokenStatus(stored.Token, cloud.Now, stored.Store.Storage));
            });
        }
    }
}
