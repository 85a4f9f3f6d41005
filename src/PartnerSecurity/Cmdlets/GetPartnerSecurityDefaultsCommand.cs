using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    [Cmdlet(VerbsCommon.Get, "PartnerSecurityDefaults", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(SecurityDefaultsStatus))]
    public sealed class GetPartnerSecurityDefaultsCommand : TenantScopedCmdlet
    {
        protected override string ProgressActivity => "Reading security defaults";

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var status = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            return new TenantOutput(new object[] { status });
        }
    }
}
