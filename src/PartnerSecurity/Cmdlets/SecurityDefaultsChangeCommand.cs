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
    /// Base of Enable- and Disable-PartnerSecurityDefaults: tenant scope, -Force, and the steps of the change in each
    /// tenant: a tenant already in the wanted state is left alone; otherwise the cmdlet says what the change does (or
    /// refuses it), asks, writes, and outputs the new state. -Force answers the confirmation prompt, -WhatIf still
    /// only reports, an explicit -Confirm still asks.
    /// </summary>
    public abstract class SecurityDefaultsChangeCommand : TenantScopedCmdlet
    {
        private bool _whatIf;
        private bool _confirm;

        /// <summary>Change without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The state this cmdlet sets: true to enable security defaults.</summary>
        private protected abstract bool Enable { get; }

        /// <summary>
        /// What the change will do in this tenant, for -WhatIf and the prompt (warnings written here too); throws to
        /// refuse the change.
        /// </summary>
        private protected abstract Task<string> DescribeChangeAsync(PartnerConnection connection, TenantTarget tenant, SecurityDefaultsStatus status,
            TenantActivity activity, CancellationToken cancellationToken);

        private protected override void BeginTenants()
        {
            _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? LanguagePrimitives.IsTrue(whatIf)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            _confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && LanguagePrimitives.IsTrue(confirm);
        }

        private protected sealed override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var status = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            if (status.IsEnabled == Enable)
            {
                Pump.Verbose($"Security defaults are already {(Enable ? "enabled" : "disabled")} in {tenant.Label}: nothing was changed.");
                return new TenantOutput(new object[] { status });
            }

            var what = await DescribeChangeAsync(connection, tenant, status, activity, cancellationToken).ConfigureAwait(false);
            var verb = Enable ? "Enable" : "Disable";
            if (!await ConfirmAsync(what, $"{what} {verb} security defaults?", $"{verb} security defaults").ConfigureAwait(false))
                return new TenantOutput(Array.Empty<object>());
            activity.Report((Enable ? "Enabling" : "Disabling") + " security defaults");
            await SecurityDefaultsWriter.SetAsync(connection, tenant, Enable, cancellationToken).ConfigureAwait(false);
            var after = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
            return new TenantOutput(new object[] { after });
        }

        /// <summary>Whether to go ahead: ShouldProcess (the What if: line, or the prompt), unless -Force settles it.</summary>
        private async Task<bool> ConfirmAsync(string whatIfDescription, string question, string caption)
        {
            if (Force && !_whatIf && !_confirm)
            {
                Pump.Verbose(whatIfDescription + " (-Force: not asking for confirmation)");
                return true;
            }
            return await Pump.ShouldProcessAsync(whatIfDescription, question, caption).ConfigureAwait(false);
        }
    }
}
