using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Authentication;
using PartnerSecurity.Emulation;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>The stored Secure Application Model tokens and how long each has before 90 days without use expire it.</summary>
    [Cmdlet(VerbsCommon.Get, "SecureAppModelTokenStatus")]
    [OutputType(typeof(SecureAppModelTokenStatus))]
    public sealed class GetSecureAppModelTokenStatusCommand : PartnerSecurityCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(StoredTokenNameCompleter))]
        public string[]? Name { get; set; }

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
            var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
            var names = Name;
            var connection = session.Connection;
            try
            {
                TokenStores.Check(VaultName, SecretName, null);
            }
            catch (Diagnostics.PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
                return;
            }
            Run(async (pump, ct) =>
            {
                var store = TokenStores.Open(options, VaultName, SecretName, connection, connection != null ? CloudBinding.Of(connection, session) : CloudBinding.Real(null));
                var tokens = store.List();
                if (names != null)
                {
                    foreach (var missing in names.Where(n => !WildcardPattern.ContainsWildcardCharacters(n) && !tokens.Any(t => string.Equals(t.Name, n, System.StringComparison.OrdinalIgnoreCase))))
                        pump.WriteError(new Diagnostics.PartnerSecurityException("TokenNotFound", Diagnostics.ErrorKind.ObjectNotFound,
                            $"No Secure Application Model token named '{missing}' is stored.", "Run Get-SecureAppModelTokenStatus without -Name to see the stored names.", null, missing), missing);
                }
                foreach (var token in tokens.Where(t => patterns == null || patterns.Any(p => p.IsMatch(t.Name))))
                {
                    SecureAppModelTokenStatus status;
                    bool reported = false;
                    try
                    {
                        status = new SecureAppModelTokenStatus(token, CloudBinding.Of(token, session, pump.Warning).Now, store.Storage);
                    }
                    catch (Diagnostics.PartnerSecurityException ex)
                    {
                        // One token whose cloud is gone (a deleted snapshot) is reported as unusable; the others are still listed.
                        status = new SecureAppModelTokenStatus(token, System.DateTimeOffset.UtcNow, store.Storage, ex.Message);
                        pump.WriteError(ex, token.Name);
                        reported = true;
                    }
                    if (!reported && status.Warning != null && status.DaysLeft < SecureAppModelTokenStatus.WarningDays) pump.Warning($"{token.Name}: {status.Warning}");
                    pump.WriteObject(status);
                }
                await System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);
            });
        }
    }
}
