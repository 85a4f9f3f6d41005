using System.Management.Automation;
using System.Threading.Tasks;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Base of Enable- and Disable-PartnerSecurityDefaults: tenant scope, -Force, and the confirmation rule of a
    /// high-impact change: -Force answers the confirmation prompt, -WhatIf still only reports, an explicit
    /// -Confirm still asks.
    /// </summary>
    public abstract class SecurityDefaultsChangeCommand : TenantScopedCmdlet
    {
        private bool _whatIf;
        private bool _confirm;

        /// <summary>Change without asking for confirmation (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private protected override void BeginTenants()
        {
            _whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out var whatIf)
                ? LanguagePrimitives.IsTrue(whatIf)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
            _confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && LanguagePrimitives.IsTrue(confirm);
        }

        /// <summary>Whether to go ahead: ShouldProcess (the What if: line, or the prompt), unless -Force settles it.</summary>
        private protected async Task<bool> ConfirmAsync(string whatIfDescription, string question, string caption)
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
