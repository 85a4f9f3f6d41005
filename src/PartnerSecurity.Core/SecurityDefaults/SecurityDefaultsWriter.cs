using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.SecurityDefaults
{
    /// <summary>
    /// Turns security defaults on or off (PATCH policies/identitySecurityDefaultsEnforcementPolicy), and says
    /// beforehand what that does: enabling is refused while conditional access is in use, disabling is preceded by
    /// who would lose MFA coverage.
    /// </summary>
    public static class SecurityDefaultsWriter
    {
        private const string PolicyPath = "/policies/identitySecurityDefaultsEnforcementPolicy";

        /// <summary>
        /// The refusal to enable security defaults beside conditional access: names every policy that is enabled or
        /// in report-only mode and explains that Microsoft does not allow both.
        /// </summary>
        public static PartnerSecurityException BlockedByConditionalAccess(TenantTarget tenant, IReadOnlyList<string> policies) =>
            new PartnerSecurityException("ConditionalAccessPreventsSecurityDefaults", ErrorKind.InvalidOperation,
                $"Security defaults cannot be enabled in {tenant.Label}: {Count(policies.Count)} enabled or in report-only mode ({string.Join(", ", System.Linq.Enumerable.Select(policies, p => "'" + p + "'"))}). " +
                "Microsoft does not allow both: security defaults are for tenants without conditional access. Nothing was changed.",
                "Keep conditional access and make sure its policies require MFA of every user (Get-PartnerMfaStatus lists who is not covered), " +
                "or turn those policies off first if the tenant should rely on security defaults instead.",
                null, tenant.Requested);

        private static string Count(int policies) => policies == 1 ? "1 conditional access policy is" : $"{policies} conditional access policies are";

        /// <summary>
        /// Who would no longer be covered if security defaults were off: the tenant's MFA data read with the per-user MFA
        /// state of everyone security defaults cover and no policy covers, evaluated as it is and as if they were off.
        /// </summary>
        public static async Task<(CoverageLoss Loss, IReadOnlyList<string> Notes)> CoverageLossIfDisabledAsync(PartnerConnection connection, TenantTarget tenant,
            TenantActivity activity, CancellationToken cancellationToken)
        {
            activity.Report("Working out who would lose MFA coverage");
            var notes = new List<string>();
            var data = await MfaPostureReader.ReadAsync(connection, tenant, new MfaReadOptions { PerUserMfa = PerUserMfaNeed.WhereVerdictDependsWithoutSecurityDefaults },
                activity, notes, cancellationToken).ConfigureAwait(false);
            return (CoverageLoss.Compute(data, tenant.Label), notes);
        }

        /// <summary>Sets isEnabled; a refusal by Graph (conditional access turned on meanwhile) or a missing role becomes an error naming the tenant.</summary>
        public static async Task SetAsync(PartnerConnection connection, TenantTarget tenant, bool enabled, CancellationToken cancellationToken)
        {
            var body = enabled ? "{\"isEnabled\":true}" : "{\"isEnabled\":false}";
            try
            {
                using var _ = await GraphRest.SendAsync(connection, tenant.Id, new HttpMethod("PATCH"), GraphRest.Url(connection, false, PolicyPath), body,
                    (enabled ? "Enabling" : "Disabling") + " security defaults", cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphAccessDenied)
            {
                throw new PartnerSecurityException(ErrorIds.GraphAccessDenied, ErrorKind.PermissionDenied,
                    ex.Message.Replace($"tenant '{tenant.Id}'", $"tenant {tenant.Label}") + " Nothing was changed.",
                    GraphErrors.AccessAction(tenant, "Policy.ReadWrite.SecurityDefaults", "Security Administrator"), ex, tenant.Requested);
            }
            catch (PartnerSecurityException ex) when (enabled && ex.ErrorId == ErrorIds.GraphRequestFailed)
            {
                // Conditional access turned on between the check and the write: the same refusal, with Graph's words.
                var status = await SecurityDefaultsReader.GetAsync(connection, tenant, cancellationToken).ConfigureAwait(false);
                if (status.BlockingPolicies.Count > 0) throw BlockedByConditionalAccess(tenant, status.BlockingPolicies);
                throw;
            }
        }
    }
}
