using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// PlainTextPassword: ConvertTo-SecureString -AsPlainText on a literal (an argument, a piped literal, or a variable
    /// whose last assignment in scope is a literal), and a literal password handed to PSCredential or NetworkCredential
    /// (New-Object or ::new). The literal is masked in every snippet.
    /// </summary>
    internal static class PlainTextPasswordRule
    {
        private static readonly HashSet<string> s_credentialTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "PSCredential", "System.Management.Automation.PSCredential", "Management.Automation.PSCredential",
            "NetworkCredential", "System.Net.NetworkCredential", "Net.NetworkCredential",
        };

        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role == CommandRole.ConvertToSecureString) ConvertToSecureString(file, command, spec);
                else if (spec.Role == CommandRole.NewObject) NewObject(file, command, spec);
            }
            foreach (var invoke in file.Invocations)
            {
                if (!invoke.Static || !(invoke.Expression is TypeExpressionAst type) || !s_credentialTypes.Contains(type.TypeName.FullName)) continue;
                if (!string.Equals(Literals.String(invoke.Member), "new", StringComparison.OrdinalIgnoreCase)) continue;
                if (invoke.Arguments == null || invoke.Arguments.Count < 2) continue;
                var literal = file.LiteralOf(invoke.Arguments[1], invoke);
                if (literal == null) continue;
                file.Secret(literal);
                file.Report(invoke.Extent, FindingKind.PlainTextPassword, type.Extent.Text + "::new", string.Empty,
                    Recommendations.For(FindingKind.PlainTextPassword));
            }
        }

        private static void ConvertToSecureString(FileAnalysis file, CommandAst command, CommandSpec spec)
        {
            var bound = file.Bind(command, spec);
            var plain = bound["AsPlainText"];
            if (plain == null || !plain.IsOn) return;
            Ast? value = bound["String"]?.Value;
            if (value == null && command.Parent is PipelineAst pipeline)
            {
                int index = pipeline.PipelineElements.IndexOf(command);
                if (index > 0 && pipeline.PipelineElements[index - 1] is CommandExpressionAst input) value = input.Expression;
            }
            var literal = file.LiteralOf(value, command);
            if (literal == null) return;
            file.Secret(literal);
            file.Report(command.Extent, FindingKind.PlainTextPassword, spec.Name, spec.Module, Recommendations.For(FindingKind.PlainTextPassword));
        }

        private static void NewObject(FileAnalysis file, CommandAst command, CommandSpec spec)
        {
            var bound = file.Bind(command, spec);
            var typeName = Literals.String(bound["TypeName"]?.Value);
            if (typeName == null || !s_credentialTypes.Contains(typeName)) return;
            var arguments = Literals.Unwrap(bound["ArgumentList"]?.Value) as ArrayLiteralAst;
            if (arguments == null || arguments.Elements.Count < 2) return;
            var literal = file.LiteralOf(arguments.Elements[1], command);
            if (literal == null) return;
            file.Secret(literal);
            file.Report(command.Extent, FindingKind.PlainTextPassword, spec.Name, spec.Module, Recommendations.For(FindingKind.PlainTextPassword));
        }
    }
}
