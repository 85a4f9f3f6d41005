using System;

namespace PartnerSecurity.SignIns
{
    /// <summary>
    /// One sign-in from a tenant's Entra ID sign-in log (Graph beta signIn), flattened for the pipeline and
    /// Export-Csv: who, when, to what, with which client, whether MFA was required and how it was met, and how it ended.
    /// </summary>
    public sealed class SignInActivity
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string Id { get; set; } = string.Empty;
        public DateTimeOffset CreatedDateTime { get; set; }
        public string UserPrincipalName { get; set; } = string.Empty;
        public string? UserDisplayName { get; set; }
        public string? UserId { get; set; }
        public string? AppDisplayName { get; set; }
        /// <summary>The client as Entra ID names it: Browser, Mobile Apps and Desktop clients, IMAP4, Authenticated SMTP...</summary>
        public string? ClientAppUsed { get; set; }
        /// <summary>True for every client other than Browser and Mobile Apps and Desktop clients: a protocol that cannot do MFA.</summary>
        public bool IsLegacyAuthentication { get; set; }
        /// <summary>False for token refreshes and other non-interactive sign-ins.</summary>
        public bool IsInteractive { get; set; }
        /// <summary>singleFactorAuthentication or multiFactorAuthentication (beta only): whether a policy required MFA.</summary>
        public string? AuthenticationRequirement { get; set; }
        /// <summary>How MFA was met ("Mobile app notification", "Previously satisfied"...), null when it was not.</summary>
        public string? MfaMethod { get; set; }
        /// <summary>success, failure or notApplied.</summary>
        public string? ConditionalAccessStatus { get; set; }
        public bool Succeeded { get; set; }
        /// <summary>0 on success, else the AADSTS code (50126 bad password, 50076 MFA required, 53003 blocked by conditional access...).</summary>
        public int ErrorCode { get; set; }
        public string? FailureReason { get; set; }
        public string? IPAddress { get; set; }
        /// <summary>"City, State, CountryOrRegion" as far as Entra ID knows it.</summary>
        public string? Location { get; set; }

        public override string ToString() => $"{CreatedDateTime:u} {UserPrincipalName} {ClientAppUsed} {(Succeeded ? "success" : ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
    }
}
