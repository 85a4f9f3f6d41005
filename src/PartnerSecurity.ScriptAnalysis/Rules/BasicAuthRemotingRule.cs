using System;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// BasicAuthRemoting: New-PSSession with -Authentication Basic to Exchange (-ConfigurationName Microsoft.Exchange,
    /// or a connection URI on an Exchange Online or Security &amp; Compliance remote PowerShell endpoint).
    /// </summary>
    internal static class BasicAuthRemotingRule
    {
        private static readonly string[] s_exchangeEndpoints =
        {
            "outlook.office365.com", "outlook.office365.us", "outlook.office.de", "partner.outlook.cn", "ps.outlook.com",
            "ps.compliance.protection.outlook.com", "compliance.protection.outlook.com", "/powershell-liveid",
        };

        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role != CommandRole.NewPSSession) continue;
                var bound = file.Bind(command, spec);
                var authentication = Literal(file, bound["Authentication"], command);
                if (!string.Equals(authentication?.Trim(), "Basic", StringComparison.OrdinalIgnoreCase)) continue;
                var configuration = Literal(file, bound["ConfigurationName"], command);
                bool exchange = string.Equals(configuration?.Trim(), "Microsoft.Exchange", StringComparison.OrdinalIgnoreCase)
                    || IsExchangeEndpoint(Literal(file, bound["ConnectionUri"], command))
                    || IsExchangeEndpoint(Literal(file, bound["ComputerName"], command));
                if (!exchange) continue;
                file.Report(command.Extent, FindingKind.BasicAuthRemoting, spec.Name, spec.Module, Recommendations.BasicAuthRemoting);
            }
        }

        private static string? Literal(FileAnalysis file, BoundArgument? argument, System.Management.Automation.Language.Ast at) =>
            argument == null ? null : Literals.String(file.LiteralOf(argument.Value, at));

        private static bool IsExchangeEndpoint(string? uri)
        {
            if (uri == null) return false;
            foreach (var endpoint in s_exchangeEndpoints)
                if (uri.IndexOf(endpoint, StringComparison.OrdinalIgnoreCase) >= 0) return true;
            return false;
        }
    }
}
