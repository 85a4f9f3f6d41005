using System.Management.Automation;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommunications.Disconnect, "PartnerSecurity")]
    [OutputType(typeof(void))]
    public sealed class DisconnectPartnerSecurityCommand : PartnerSecurityCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = SessionConnections.Remove();
            if (connection == null)
            {
                WriteVerbose("Not connected: nothing to disconnect.");
                return;
            }
            var account = connection.Context.Account;
            var tenant = connection.Context.TenantName;
            Run(async (pump, ct) => await connection.DisconnectAsync().ConfigureAwait(false));
            WriteVerbose($"Disconnected {account} from {tenant}; the tokens held in this session were discarded.");
        }
    }
}
