using System.Management.Automation;
using System.Security;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Microsoft's test of the partner security requirement: does the signed-in user's access token carry an
    /// MFA claim? Tests the given token, or the connected session's.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "PartnerSecurityRequirement")]
    [OutputType(typeof(PartnerSecurityRequirementResult))]
    public sealed class TestPartnerSecurityRequirementCommand : PartnerSecurityCmdlet
    {
        /// <summary>An access token to test; the connected session's token when absent.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public SecureString? AccessToken { get; set; }

        protected override void ProcessRecord()
        {
            if (AccessToken != null)
            {
                try
                {
                    WriteObject(PartnerSecurityRequirement.Test(BearerTokenSource.Read(AccessToken)));
                }
                catch (PartnerSecurityException ex)
                {
                    WriteError(ErrorRecords.From(ex, null));
                }
                return;
            }
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                var token = await connection.Tokens.AcquireAsync(ApiResource.Graph, connection.HomeTenantId, ct).ConfigureAwait(false);
                pump.WriteObject(PartnerSecurityRequirement.Test(token.Claims));
            });
        }
    }
}
