using System.Management.Automation;
using PartnerSecurity.Connections;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "PartnerSecurityContext")]
    [OutputType(typeof(PartnerSecurityContext))]
    public sealed class GetPartnerSecurityContextCommand : PartnerSecurityCmdlet
    {
        protected override void ProcessRecord()
        {
            var connection = Session.Connection;
            if (connection == null)
            {
                WriteVerbose("Not connected. Run Connect-PartnerSecurity.");
                return;
            }
            WriteObject(connection.Context);
        }
    }
}
