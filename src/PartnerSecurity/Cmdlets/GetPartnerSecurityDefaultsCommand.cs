using System.Management.Automation;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecurityDefaults;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "PartnerSecurityDefaults")]
    [OutputType(typeof(SecurityDefaultsStatus))]
    public sealed class GetPartnerSecurityDefaultsCommand : PartnerSecurityCmdlet
    {
        /// <summary>Customer tenants to read; the connected tenant when absent.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [ValidateTenantId]
        public string[]? CustomerTenantId { get; set; }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            var tenants = CustomerTenantId is { Length: > 0 } ? CustomerTenantId : new[] { connection.HomeTenantId };
            Run(async (pump, ct) =>
            {
                foreach (var tenant in tenants)
                {
                    try
                    {
                        pump.WriteObject(await SecurityDefaultsReader.GetAsync(connection, tenant, ct).ConfigureAwait(false));
                    }
                    catch (Diagnostics.PartnerSecurityException ex)
                    {
                        pump.WriteError(ex, tenant);
                    }
                }
            });
        }
    }
}
