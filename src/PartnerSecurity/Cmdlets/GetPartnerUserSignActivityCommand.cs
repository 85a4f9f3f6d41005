using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Sign-ins from the Entra ID sign-in logs of the connected tenant or of customer tenants (Graph beta, which
    /// says whether MFA was required and how it was met), one object per sign-in, streamed as pages arrive.
    /// The successor of Get-PartnerUserSignActivity in Microsoft's archived PartnerCenter module.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerUserSignActivity", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(SignInActivity))]
    public sealed class GetPartnerUserSignActivityCommand : SignInCommandBase
    {
        private SignInQuery _query = null!;

        /// <summary>Only sign-ins where a single factor was required (authenticationRequirement singleFactorAuthentication).</summary>
        [Parameter]
        public SwitchParameter SingleFactorOnly { get; set; }

        /// <summary>Only sign-ins with legacy clients (every client other than Browser and Mobile Apps and Desktop clients).</summary>
        [Parameter]
        public SwitchParameter LegacyAuthOnly { get; set; }

        /// <summary>Only failed sign-ins.</summary>
        [Parameter]
        public SwitchParameter FailedOnly { get; set; }

        /// <summary>Only successful sign-ins.</summary>
        [Parameter]
        public SwitchParameter SucceededOnly { get; set; }

        /// <summary>Token refreshes and other non-interactive sign-ins too (Graph returns interactive sign-ins unless asked).</summary>
        [Parameter]
        public SwitchParameter IncludeNonInteractive { get; set; }

        protected override string ProgressActivity => "Reading sign-in logs";
        private protected override TimeSpan DefaultWindow => SignInQuery.DefaultWindow;

        private protected override void BeginTenants()
        {
            if (FailedOnly && SucceededOnly)
                ThrowTerminatingError(ErrorRecords.Create("ConflictingFilters", ErrorKind.InvalidArgument,
                    "-FailedOnly and -SucceededOnly cannot be used together: no sign-in both failed and succeeded.", "Use one of them, or neither for both.", null));
            _query = Window();
            _query.SingleFactorOnly = SingleFactorOnly;
            _query.LegacyAuthOnly = LegacyAuthOnly;
            _query.FailedOnly = FailedOnly;
            _query.SucceededOnly = SucceededOnly;
            _query.IncludeNonInteractive = IncludeNonInteractive;
        }

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var users = SignInUsers(tenant);
            if (users != null && users.Count == 0) return new TenantOutput(Array.Empty<object>());
            long read = 0;
            await foreach (var signIn in SignInReader.ReadAsync(connection, tenant, _query.ForUsers(users), count =>
                {
                    read = count;
                    activity.Report($"{count:N0} sign-ins read");
                }, cancellationToken).ConfigureAwait(false))
            {
                // Straight to the pipeline: the pump's bounded queue makes the reader wait for a slow consumer.
                Pump.WriteObject(signIn);
            }
            return new TenantOutput(Array.Empty<object>(), evaluated: (int)Math.Min(int.MaxValue, read));
        }
    }
}
