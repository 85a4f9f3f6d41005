using System;
using System.IO;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>The retired and retiring modules a LegacyModule finding names.</summary>
    internal static class LegacyModules
    {
        private static readonly string[] s_names =
        {
            "MSOnline", "AzureAD", "AzureADPreview", "AzureRM",
            // Azure Service Management (classic), the Skype for Business Online connectors, Microsoft's first Partner Center module.
            "Azure", "SkypeOnlineConnector", "LyncOnlineConnector", "PartnerCenterPowerShellModule",
        };

        /// <summary>
        /// The retired module a module reference means (a name, or a path to its folder, .psd1, .psm1 or .dll), or null.
        /// AzureRM's sub-modules (AzureRM.Profile, AzureRM.Resources...) count as AzureRM.
        /// </summary>
        public static string? Match(string? reference)
        {
            if (string.IsNullOrWhiteSpace(reference)) return null;
            var name = reference!.Trim().TrimEnd('\\', '/');
            int slash = Math.Max(name.LastIndexOf('\\'), name.LastIndexOf('/'));
            if (slash >= 0) name = name.Substring(slash + 1);
            var extension = Path.GetExtension(name);
            if (extension.Equals(".psd1", StringComparison.OrdinalIgnoreCase) || extension.Equals(".psm1", StringComparison.OrdinalIgnoreCase)
                || extension.Equals(".dll", StringComparison.OrdinalIgnoreCase))
                name = name.Substring(0, name.Length - extension.Length);
            foreach (var legacy in s_names)
                if (name.Equals(legacy, StringComparison.OrdinalIgnoreCase)) return legacy;
            if (name.StartsWith("AzureRM.", StringComparison.OrdinalIgnoreCase) && name.Length > "AzureRM.".Length) return name;
            return null;
        }
    }
}
