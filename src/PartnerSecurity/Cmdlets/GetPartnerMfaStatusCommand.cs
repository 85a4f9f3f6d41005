using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.Runtime;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// For each user, whether MFA is really enforced at sign-in, by what, and if not, why not
    /// (docs/mfa-coverage-rules.md), in the connected tenant or in customer tenants; with -WhatIfPolicy,
    /// -WhatIfEnableReportOnly or -WhatIfRemovePolicy, as the tenant would be after that change (Before and After).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerMfaStatus", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(MfaVerdict))]
    public sealed class GetPartnerMfaStatusCommand : WhatIfScenarioCmdlet
    {
        private readonly HashSet<string> _found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private MfaReadOptions _options = new MfaReadOptions();

        /// <summary>Only these users.</summary>
        [Parameter]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string[]? UserPrincipalName { get; set; }

        /// <summary>Only users holding a directory role (active or PIM-eligible).</summary>
        [Parameter]
        public SwitchParameter AdminsOnly { get; set; }

        /// <summary>Only verdicts with these statuses.</summary>
        [Parameter]
        [ValidateSet("Compliant", "Partial", "NotCompliant", "Exempt", "NotApplicable", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Read every enabled user's per-user MFA state, even where another mechanism already requires MFA.</summary>
        [Parameter]
        public SwitchParameter IncludePerUserMfaState { get; set; }

        internal const string WhatIfTypeName = "PartnerSecurity.Mfa.MfaVerdict#WhatIf";
        private MfaScenario? _scenario;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _scenario = ReadScenario();
        }

        protected override string ProgressActivity => "Reading MFA posture";
        protected override string? EvaluatedUnit => "users evaluated";

        private protected override void BeginTenants()
        {
            _options = new MfaReadOptions
            {
                UserPrincipalNames = UserPrincipalName,
                AdminsOnly = AdminsOnly,
                Statuses = Status?.Select(s => (MfaStatus)Enum.Parse(typeof(MfaStatus), s, ignoreCase: true)).ToArray(),
                PerUserMfa = IncludePerUserMfaState ? PerUserMfaNeed.AllEnabledUsers : PerUserMfaNeed.WhereVerdictDepends,
                Scenario = _scenario,
            };
        }

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var result = await MfaPostureReader.GetAsync(connection, tenant, _options, activity, cancellationToken).ConfigureAwait(false);
            if (UserPrincipalName != null)
            {
                lock (_found)
                {
                    foreach (var user in result.Data.Users)
                    {
                        if (UserPrincipalName.Contains(user.UserPrincipalName, StringComparer.OrdinalIgnoreCase)) _found.Add(user.UserPrincipalName);
                    }
                }
            }
            // What-if verdicts get their own view (Before and After); the object stays an MfaVerdict.
            IEnumerable<object> output = _scenario == null ? result.Verdicts : result.Verdicts.Select(v =>
            {
                var item = PSObject.AsPSObject(v);
                item.TypeNames.Insert(0, WhatIfTypeName);
                return (object)item;
            });
            return new TenantOutput(output, result.Warnings, result.UsersEvaluated);
        }

        private protected override void EndTenants(CmdletPump pump)
        {
            if (UserPrincipalName == null) return;
            foreach (var upn in UserPrincipalName.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                bool found;
                lock (_found) found = _found.Contains(upn);
                if (!found)
                    pump.WriteError(ErrorRecords.Create("UserNotFound", ErrorKind.ObjectNotFound,
                        $"No user '{upn}' in the tenants read.", "Check the user principal name, or add -CustomerTenantId or -AllCustomers to look in customer tenants.", upn));
            }
        }
    }
}
