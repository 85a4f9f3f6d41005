using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.SecurityDefaults;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Turns security defaults on in the connected tenant or in customer tenants. Refused, with nothing changed,
    /// where conditional access policies are enabled or in report-only mode (Microsoft does not allow both);
    /// a tenant that already has them is left alone.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "PartnerSecurityDefaults", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(SecurityDefaultsStatus))]
    public sealed class EnablePartnerSecurityDefaultsCommand : SecurityDefaultsChangeCommand
    {
        protected override string ProgressActivity => "Enabling security defaults";

        private protected override bool Enable => true;

        private protected override Task<string> DescribeChangeAsync(PartnerConnection connection, TenantTarget tenant, SecurityDefaultsStatus status,
            TenantActivity activity, CancellationToken cancellationToken)
        {
            if (status.BlockingPolicies.Count > 0) throw SecurityDefaultsWriter.BlockedByConditionalAccess(tenant, status.BlockingPolicies);
            return Task.FromResult($"Enabling security defaults in {tenant.Label}: every user will have to register for MFA and use it, and legacy authentication will be blocked.");
        }
    }
}
