using Microsoft.Identity.Client;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Authentication
{
    /// <summary>MSAL's own log, without personal data, into the debug stream of the running operation.</summary>
    internal static class MsalLogging
    {
        public static void Write(LogLevel level, string message, bool containsPii)
        {
            if (containsPii) return;
            OperationLog.Debug("MSAL " + level + ": " + message);
        }
    }
}
