using System;

namespace PartnerSecurity.SignIns
{
    /// <summary>
    /// Which sign-ins used legacy authentication. Entra ID's clientAppUsed names two modern clients,
    /// "Browser" and "Mobile Apps and Desktop clients"; every other value (IMAP4, POP3, Authenticated SMTP,
    /// Exchange ActiveSync, MAPI Over HTTP, Other clients, and the shorter forms some documentation shows) is a
    /// protocol that sends a password and cannot be asked for MFA.
    /// </summary>
    public static class LegacyAuthentication
    {
        public const string Browser = "Browser";
        public const string MobileAppsAndDesktopClients = "Mobile Apps and Desktop clients";

        /// <summary>True for every client other than the two modern ones; false when the client is not recorded (no evidence either way).</summary>
        public static bool IsLegacy(string? clientAppUsed)
        {
            if (string.IsNullOrWhiteSpace(clientAppUsed)) return false;
            var client = clientAppUsed!.Trim();
            return !string.Equals(client, Browser, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(client, MobileAppsAndDesktopClients, StringComparison.OrdinalIgnoreCase);
        }
    }
}
