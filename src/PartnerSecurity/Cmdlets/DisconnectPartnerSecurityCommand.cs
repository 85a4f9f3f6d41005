using System.Management.Automation;
using PartnerSecurity.Authentication;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommunications.Disconnect, "PartnerSecurity", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DisconnectPartnerSecurityCommand : PartnerSecurityCmdlet
    {
        /// <summary>Also remove the sign-ins kept for the current user (-ContextScope CurrentUser) from protected storage.</summary>
        [Parameter]
        public SwitchParameter ClearTokenCache { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedTokenCache { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Session.Disconnect();
            if (connection == null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
            }
            else
            {
                var account = connection.Context.Account;
                var tenant = connection.Context.TenantName;
                Run(async (pump, ct) => await connection.DisconnectAsync().ConfigureAwait(false));
                WriteVerbose($"Disconnected {account} from {tenant}; the tokens held in this session were discarded.");
            }
            if (ClearTokenCache && ShouldProcess("the token cache kept for the current user", "Remove"))
            {
                var options = new TokenStorageOptions { AllowUnencrypted = AllowUnencryptedTokenCache.IsPresent };
                Run(async (pump, ct) =>
                {
                    foreach (var removed in TokenCaches.Clear(options)) pump.Verbose("Removed the persisted token cache " + removed + ".");
                    await System.Threading.Tasks.Task.CompletedTask.ConfigureAwait(false);
                });
            }
        }
    }
}
