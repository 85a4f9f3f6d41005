using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Runtime;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Who still signs in with legacy authentication, and with which client: one row per user and legacy client
    /// (counts, successes, first and last seen, applications) from the sign-in logs of the connected tenant or of
    /// customer tenants, interactive and non-interactive. The list to work through before blocking legacy authentication.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerLegacyAuthUsage", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(LegacyAuthUsage))]
    public sealed class GetPartnerLegacyAuthUsageCommand : SignInCommandBase
    {
        private SignInQuery _query = null!;

        protected override string ProgressActivity => "Reading sign-in logs for legacy authentication";
        /// <summary>The whole retention of sign-in logs with P1/P2: a client used once a month still breaks when legacy authentication is blocked.</summary>
        private protected override TimeSpan DefaultWindow => SignInQuery.Retention;

        private protected override void BeginTenants()
        {
            _query = Window();
            _query.IncludeNonInteractive = true;
            _query.LegacyAuthOnly = true;
        }

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var users = SignInUsers(tenant);
            if (users != null && users.Count == 0) return new TenantOutput(Array.Empty<object>());
            var rollup = new LegacyAuthRollup();
            long read = 0;
            await foreach (var signIn in SignInReader.ReadAsync(connection, tenant, _query.ForUsers(users), count =>
                {
                    read = count;
                    activity.Report($"{count:N0} sign-ins read");
                }, cancellationToken).ConfigureAwait(false))
            {
                rollup.Add(signIn);
            }
            return new TenantOutput(rollup.Rows(), evaluated: (int)Math.Min(int.MaxValue, read));
        }
    }
}
