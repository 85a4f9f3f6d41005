using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Whether a person can answer a browser or device-code sign-in here. Runbooks (Azure Automation's
    /// "Default Host"), remoting servers and hosts started with -NonInteractive cannot: interactive
    /// sign-in must fail at once there instead of waiting forever.
    /// </summary>
    internal static class HostInteractivity
    {
        private static readonly string[] s_nonInteractiveHosts = { "Default Host", "ServerRemoteHost" };

        public static bool IsInteractive(PSHost? host)
        {
            if (host == null || host.UI == null) return false;
            if (s_nonInteractiveHosts.Contains(host.Name, StringComparer.OrdinalIgnoreCase)) return false;
            return !Environment.GetCommandLineArgs().Skip(1).Any(a =>
                a.StartsWith("-noni", StringComparison.OrdinalIgnoreCase) && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal));
        }
    }
}
