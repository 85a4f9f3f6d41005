using System;
using Microsoft.Identity.Client;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Authentication
{
    /// <summary>Turns MSAL and AADSTS failures into errors that say what happened and what to do next.</summary>
    internal static class MsalErrors
    {
        public static PartnerSecurityException Translate(MsalException ex, string tenantId, string resource)
        {
            var aadsts = AadstsCode(ex.Message);
            var summary = FirstLine(ex.Message);
            switch (aadsts)
            {
                case 50020:
                case 90099:
                    return new PartnerSecurityException("NoDelegatedAccess", ErrorKind.PermissionDenied,
                        $"The signed-in partner account cannot get a token for tenant '{tenantId}': {summary}",
                        "Check in Partner Center that this customer has an active GDAP relationship that grants your account (or its security group) a role, then try again.", ex, tenantId);
                case 65001:
                    return new PartnerSecurityException(ErrorIds.ConsentRequired, ErrorKind.PermissionDenied,
                        $"The application has not been granted the permissions it needs in tenant '{tenantId}': {summary}",
                        "Consent to the application in that tenant (for a customer: through Partner Center's application consent, or by a Global Administrator of the customer), then try again.", ex, tenantId);
                case 700082:
                case 70008:
                    return new PartnerSecurityException("RefreshTokenExpired", ErrorKind.AuthenticationError,
                        $"The refresh token expired after 90 days without use: {summary}",
                        "Sign in again (Connect-PartnerSecurity). For the Secure Application Model, run the one-time consent again (New-SecureAppModelToken) and schedule Update-SecureAppModelToken so the token is used at least weekly.", ex, tenantId);
                case 50173:
                    return new PartnerSecurityException("RefreshTokenRevoked", ErrorKind.AuthenticationError,
                        $"The refresh token was revoked (password change or revoked sessions): {summary}",
                        "Run the consent again (New-SecureAppModelToken) with the integration account.", ex, tenantId);
                case 50076:
                case 50074:
                case 50079:
                    return new PartnerSecurityException("MfaRequired", ErrorKind.AuthenticationError,
                        $"Multi-factor authentication is required for '{resource}' in tenant '{tenantId}': {summary}",
                        "Sign in interactively and complete MFA (Connect-PartnerSecurity, or New-SecureAppModelToken for the Secure Application Model).", ex, tenantId);
                case 7000215:
                case 7000222:
                case 700027:
                case 7000218:
                    return new PartnerSecurityException("InvalidClientCredential", ErrorKind.AuthenticationError,
                        $"The application's credential was refused: {summary}",
                        "Check the application id and its secret or certificate; create a new credential if it has expired.", ex, tenantId);
                case 700016:
                    return new PartnerSecurityException("ApplicationNotFound", ErrorKind.AuthenticationError,
                        $"The application was not found in tenant '{tenantId}': {summary}",
                        "Check -ApplicationId and -TenantId; a multi-tenant app needs consent (a service principal) in the tenant.", ex, tenantId);
                case 90002:
                    return new PartnerSecurityException("TenantNotFound", ErrorKind.ObjectNotFound,
                        $"Tenant '{tenantId}' was not found: {summary}",
                        "Check the tenant id or domain and the -Environment (cloud).", ex, tenantId);
                case 50057:
                    return new PartnerSecurityException("AccountDisabled", ErrorKind.AuthenticationError,
                        $"The account is disabled: {summary}", "Sign in with an enabled account.", ex, tenantId);
            }
            if (ex is MsalUiRequiredException)
                return new PartnerSecurityException(ErrorIds.InteractionRequired, ErrorKind.AuthenticationError,
                    $"A token for '{resource}' in tenant '{tenantId}' needs an interactive sign-in: {summary}",
                    "Run Connect-PartnerSecurity again.", ex, tenantId);
            return new PartnerSecurityException("AuthenticationFailed", ErrorKind.AuthenticationError,
                $"Could not get a token for '{resource}' in tenant '{tenantId}': {summary}", null, ex, tenantId);
        }

        internal static int? AadstsCode(string message)
        {
            int at = message.IndexOf("AADSTS", StringComparison.Ordinal);
            if (at < 0) return null;
            int start = at + 6, end = start;
            while (end < message.Length && char.IsDigit(message[end])) end++;
            return end > start && int.TryParse(message.Substring(start, end - start), out var code) ? code : (int?)null;
        }

        /// <summary>The description without Entra's trace, correlation and timestamp lines.</summary>
        private static string FirstLine(string message)
        {
            var line = message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            return line.Length == 0 ? message : line[0].Trim();
        }
    }
}
