using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// PasswordGrant: an OAuth resource-owner password grant built for an HTTP call: a hashtable with
    /// grant_type = 'password', $body.grant_type = 'password' / $body['grant_type'] = 'password', a .Add('grant_type',
    /// 'password') call (dictionaries, FormUrlEncodedContent pairs), or a string literal holding a form or query string
    /// or JSON body with grant_type=password. Strings only written to the screen (Write-Host and friends) do not count.
    /// </summary>
    internal static class PasswordGrantRule
    {
        private static readonly HashSet<string> s_displayCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Write-Host", "Write-Output", "Write-Verbose", "Write-Warning", "Write-Error", "Write-Debug", "Write-Information",
            "Write-Progress", "Out-Host", "Out-Default", "echo",
        };

        public static void Apply(FileAnalysis file)
        {
            foreach (var hashtable in file.Hashtables)
            {
                foreach (var pair in hashtable.KeyValuePairs)
                {
                    if (IsGrantType(Literals.Key(pair.Item1)) && IsPassword(Literals.String(pair.Item2)))
                        Report(file, pair.Item1, pair.Item1.Extent);
                }
            }
            foreach (var assignment in file.Assignments)
            {
                if (assignment.Operator != TokenKind.Equals || !IsPassword(Literals.String(assignment.Right))) continue;
                string? key = null, variable = null;
                if (assignment.Left is MemberExpressionAst member && !member.Static)
                {
                    key = Literals.String(member.Member);
                    variable = Literals.VariableName(member.Expression);
                }
                else if (assignment.Left is IndexExpressionAst index)
                {
                    key = Literals.String(index.Index);
                    variable = Literals.VariableName(index.Target);
                }
                if (IsGrantType(key)) Report(file, assignment, assignment.Extent, variable);
            }
            foreach (var invoke in file.Invocations)
            {
                var arguments = invoke.Arguments;
                if (arguments == null) continue;
                for (int i = 0; i + 1 < arguments.Count; i++)
                {
                    if (IsGrantType(Literals.String(arguments[i])) && IsPassword(Literals.String(arguments[i + 1])))
                    {
                        Report(file, invoke, invoke.Extent, Literals.VariableName(invoke.Expression));
                        break;
                    }
                }
            }
            foreach (var literal in file.Strings)
            {
                var value = literal is StringConstantExpressionAst constant ? constant.Value : ((ExpandableStringExpressionAst)literal).Value;
                if (!FormBodies.HasPasswordGrant(value) || IsDisplayed(literal)) continue;
                // A URL with the grant in its query string names its own host.
                var trimmed = value.TrimStart();
                bool isUrl = trimmed.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
                Report(file, literal, literal.Extent, inlineUrl: isUrl ? trimmed : null);
            }
        }

        /// <summary>
        /// Reports the grant. Sent to a host that is known not to be Microsoft's identity platform (another vendor's token
        /// endpoint), it is a lower-severity finding whose advice is about the password, not about Microsoft MFA or SAM.
        /// </summary>
        private static void Report(FileAnalysis file, Ast node, IScriptExtent at, string? variable = null, string? inlineUrl = null)
        {
            file.CancellationToken.ThrowIfCancellationRequested();
            var call = file.HttpCallFor(node, variable);
            var url = inlineUrl;
            if (url == null && call.Ast != null && call.Spec != null)
                url = TokenEndpoints.UrlText(file, file.Bind(call.Ast, call.Spec)["Uri"]?.Value, call.Ast);
            var host = TokenEndpoints.NonMicrosoftHost(url);
            file.Report(at, FindingKind.PasswordGrant, call.Command, call.Module, Recommendations.PasswordGrant(host),
                host != null ? FindingSeverity.Low : (FindingSeverity?)null);
        }

        private static bool IsGrantType(string? key) => string.Equals(key, "grant_type", StringComparison.OrdinalIgnoreCase);

        private static bool IsPassword(string? value) => value != null && value.Trim().Equals("password", StringComparison.OrdinalIgnoreCase);

        private static bool IsDisplayed(Ast literal)
        {
            for (var parent = literal.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is CommandAst command) return s_displayCommands.Contains(command.GetCommandName() ?? string.Empty);
                if (parent is StatementAst) return false;
            }
            return false;
        }
    }
}
