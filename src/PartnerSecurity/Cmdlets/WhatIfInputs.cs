using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// -WhatIfPolicy, -WhatIfEnableReportOnly and -WhatIfRemovePolicy as an <see cref="MfaScenario"/>, for every cmdlet
    /// that takes them (Get-PartnerMfaStatus, Invoke-PartnerSecurityAssessment). Every input is read before any tenant:
    /// a file that does not parse stops the command.
    /// </summary>
    internal static class WhatIfInputs
    {
        /// <summary>The scenario, or null without any what-if parameter; a policy that cannot be read terminates the cmdlet.</summary>
        public static MfaScenario? Scenario(PSCmdlet cmdlet, object[]? policies, bool enableReportOnly, string[]? removed)
        {
            if (policies == null && !enableReportOnly && removed == null) return null;
            var deployed = new List<CaPolicy>();
            try
            {
                foreach (var input in policies ?? Array.Empty<object>()) deployed.AddRange(ReadPolicies(cmdlet, input));
            }
            catch (PartnerSecurityException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
            }
            return new MfaScenario
            {
                DeployedPolicies = deployed,
                EnableReportOnly = enableReportOnly,
                RemovedPolicies = (removed ?? Array.Empty<string>()).Select(Selector).ToList(),
            };
        }

        private static IEnumerable<CaPolicy> ReadPolicies(PSCmdlet cmdlet, object input)
        {
            var value = input is PSObject wrapped ? wrapped.BaseObject : input;
            switch (value)
            {
                case string text when text.TrimStart().StartsWith("{", StringComparison.Ordinal) || text.TrimStart().StartsWith("[", StringComparison.Ordinal):
                    return WhatIfPolicyLoader.FromText(text, "text");
                case string path:
                    return Paths(cmdlet, path).SelectMany(WhatIfPolicyLoader.FromFile);
                case FileInfo file:
                    return WhatIfPolicyLoader.FromFile(file.FullName);
                default:
                    object? plain;
                    try { plain = PlainObjects.From(input); }
                    catch (ArgumentException ex)
                    {
                        throw new PartnerSecurityException("WhatIfPolicyUnreadable", ErrorKind.InvalidData, "A -WhatIfPolicy object cannot be read as a policy: " + ex.Message,
                            "Pass the policy as ConvertFrom-Json or Get-MgIdentityConditionalAccessPolicy returns it, or the path of its JSON file.", ex, input);
                    }
                    return WhatIfPolicyLoader.FromObject(plain, "object" + (value is Hashtable ? " (hashtable)" : string.Empty));
            }
        }

        /// <summary>A file-system path (wildcards allowed), resolved as PowerShell resolves paths; none found is an error.</summary>
        private static IEnumerable<string> Paths(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider) || resolved.Count == 0)
                    throw new ItemNotFoundException();
                return resolved;
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                throw new PartnerSecurityException("WhatIfPolicyNotFound", ErrorKind.ObjectNotFound, $"No what-if policy file at '{path}'.",
                    "Give the path of a JSON file (Graph's or the Entra portal's \"Download JSON\"), JSON text, or a policy object.", ex, path);
            }
        }

        private static PolicySelector Selector(string text)
        {
            if (!WildcardPattern.ContainsWildcardCharacters(text)) return PolicySelector.Exact(text);
            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
            return new PolicySelector(text, p => pattern.IsMatch(p.DisplayName) || pattern.IsMatch(p.Id));
        }
    }
}
