using System;
using System.Collections.Generic;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>.NET types of sign-in libraries that scripts construct: by full name, or by short name under <c>using namespace</c>.</summary>
    internal static class LibraryTypes
    {
        public const string AdalNamespace = "Microsoft.IdentityModel.Clients.ActiveDirectory";
        public const string CsomNamespace = "Microsoft.SharePoint.Client";

        /// <summary>PowerShell's and .NET's own credential types, which take a user name and a password (or secret).</summary>
        public static readonly HashSet<string> Credentials = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "PSCredential", "System.Management.Automation.PSCredential", "Management.Automation.PSCredential",
            "NetworkCredential", "System.Net.NetworkCredential", "Net.NetworkCredential",
        };

        public static bool Is(FileAnalysis file, string typeName, string ns, string shortName)
        {
            var name = typeName.Trim();
            if (name.StartsWith("[", StringComparison.Ordinal) && name.EndsWith("]", StringComparison.Ordinal)) name = name.Substring(1, name.Length - 2);
            if (name.Equals(ns + "." + shortName, StringComparison.OrdinalIgnoreCase)) return true;
            return name.Equals(shortName, StringComparison.OrdinalIgnoreCase) && file.UsesNamespace(ns);
        }
    }
}
