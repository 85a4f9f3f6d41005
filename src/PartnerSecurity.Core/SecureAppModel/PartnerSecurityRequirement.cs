using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Authentication;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>The outcome of Microsoft's test of the partner security requirement on one access token.</summary>
    public sealed class PartnerSecurityRequirementResult
    {
        public PartnerSecurityRequirementResult(bool passed, IReadOnlyList<string> authenticationMethods, string account, string tenantId, string detail)
        {
            Passed = passed;
            AuthenticationMethods = new TextList(authenticationMethods);
            Account = account;
            TenantId = tenantId;
            Detail = detail;
        }

        public bool Passed { get; }
        /// <summary>The token's amr claim (and ADFS's authnmethodsreferences).</summary>
        public TextList AuthenticationMethods { get; }
        public string Account { get; }
        public string TenantId { get; }
        /// <summary>What the result means and what to do.</summary>
        public string Detail { get; }

        public override string ToString() => (Passed ? "Passed" : "Failed") + ": " + Account;
    }

    /// <summary>
    /// Microsoft's documented test of the partner security requirement: the signed-in user's access token
    /// must carry an MFA claim (amr contains "mfa"; on ADFS-federated tenants the multipleauthn claim).
    /// </summary>
    public static class PartnerSecurityRequirement
    {
        public static PartnerSecurityRequirementResult Test(TokenClaims claims)
        {
            var methods = claims.AuthenticationMethods.ToList();
            var account = claims.UserPrincipalName ?? claims.AppId ?? string.Empty;
            var tenant = claims.TenantId ?? string.Empty;
            if (claims.IsAppOnly)
                return new PartnerSecurityRequirementResult(false, methods, account, tenant,
                    "This is an app-only token: the requirement concerns user sign-ins. Test a user's token (connect interactively or with the Secure Application Model).");
            if (claims.HasMfaClaim)
                return new PartnerSecurityRequirementResult(true, methods, account, tenant,
                    methods.Any(m => m.EndsWith("/multipleauthn", System.StringComparison.OrdinalIgnoreCase))
                        ? "The federated (ADFS) sign-in carried the multipleauthn claim: MFA was performed."
                        : "The sign-in carried the mfa claim: MFA was performed.");
            return new PartnerSecurityRequirementResult(false, methods, account, tenant,
                "The sign-in carried no MFA claim (amr: " + (methods.Count == 0 ? "none" : string.Join(", ", methods)) + "). "
                + "Enforce MFA for this account (security defaults or a conditional access policy), register a strong method, and sign in again. "
                + "For ADFS-federated domains, have the relying party trust issue the http://schemas.microsoft.com/claims/multipleauthn claim and set federatedIdpMfaBehavior to acceptIfMfaDoneByFederatedIdp.");
        }
    }
}
