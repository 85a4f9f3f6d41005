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
    /// Turns security defaults off in the connected tenant or in customer tenants. First works out who would lose
    /// MFA coverage (the evaluator, with security defaults and as if they were off) and says so in a warning, in the
    /// confirmation prompt and with -WhatIf; a tenant that already has them off is left alone.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "PartnerSecurityDefaults", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(SecurityDefaultsStatus))]
    public sealed class DisablePartnerSecurityDefaultsCommand : SecurityDefaultsChangeCommand
    {
        protected override string ProgressActivity => "Disabling security defaults";

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var status = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            if (!status.IsEnabled)
            {
                Pump.Verbose($"Security defaults are already disabled in {tenant.Label}: nothing was changed.");
                return new TenantOutput(new object[] { status });
            }

            var (loss, notes) = await SecurityDefaultsWriter.CoverageLossIfDisabledAsync(connection, tenant, activity, cancellationToken).ConfigureAwait(false);
            foreach (var note in notes) Pump.Verbose(note);
            if (loss.UserCount > 0) Pump.Warning(loss.Details);
            else Pump.Verbose(loss.Details);

            if (!await ConfirmAsync(loss.Details, loss.Details + " Disable security defaults?", "Disable security defaults").ConfigureAwait(false))
                return new TenantOutput(Array.Empty<object>());
            activity.Report("Disabling security defaults");
            await SecurityDefaultsWriter.SetAsync(connection, tenant, enabled: false, cancellationToken).ConfigureAwait(false);
            var after = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            return new TenantOutput(new object[] { after });
        }
    }
}
