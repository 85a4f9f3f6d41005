using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
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

        private protected override bool Enable => false;

        private protected override async Task<string> DescribeChangeAsync(PartnerConnection connection, TenantTarget tenant, SecurityDefaultsStatus status,
            TenantActivity activity, CancellationToken cancellationToken)
        {
            var (loss, notes) = await SecurityDefaultsWriter.CoverageLossIfDisabledAsync(connection, tenant, activity, cancellationToken).ConfigureAwait(false);
            foreach (var note in notes) Pump.Verbose(note);
            if (loss.UserCount > 0) Pump.Warning(loss.Details);
            else Pump.Verbose(loss.Details);
            return loss.Details;
        }
    }
}
