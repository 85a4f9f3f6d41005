using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Runtime;
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

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var status = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            if (status.IsEnabled)
            {
                Pump.Verbose($"Security defaults are already enabled in {tenant.Label}: nothing was changed.");
                return new TenantOutput(new object[] { status });
            }
            if (status.BlockingPolicies.Count > 0) throw SecurityDefaultsWriter.BlockedByConditionalAccess(tenant, status.BlockingPolicies);

            var what = $"Enabling security defaults in {tenant.Label}: every user will have to register for MFA and use it, and legacy authentication will be blocked.";
            if (!await ConfirmAsync(what, what + " Enable security defaults?", "Enable security defaults").ConfigureAwait(false))
                return new TenantOutput(Array.Empty<object>());
            activity.Report("Enabling security defaults");
            await SecurityDefaultsWriter.SetAsync(connection, tenant, enabled: true, cancellationToken).ConfigureAwait(false);
            var after = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            return new TenantOutput(new object[] { after });
        }
    }
}
