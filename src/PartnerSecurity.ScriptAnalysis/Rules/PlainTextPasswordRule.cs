using System;
using System.Collections.Generic;
using System.Management.Automation.Language;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// PlainTextPassword and PlainTextSecret: a password or secret written in the script. ConvertTo-SecureString
    /// -AsPlainText on a literal (an argument, a piped literal, or a variable whose last assignment in scope is a
    /// literal); a literal handed to PSCredential, NetworkCredential or a sign-in library's credential (ADAL's
    /// UserPasswordCredential and ClientCredential, MSAL.NET's WithClientSecret); a literal given to a sign-in cmdlet's
    /// client-secret parameter. Each is followed to its use (<see cref="SecretUses"/>): an application's client secret
    /// is a PlainTextSecret, a certificate file's password gets advice about the certificate, and a user's password the
    /// replacement for the service it signs in to. The literal is masked in every snippet; an empty literal is no secret.
    /// </summary>
    internal static class PlainTextPasswordRule
    {
        private static readonly string[] s_secretParameters = { "ClientSecret", "AppSecret", "cspClientSecret" };

        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                if (spec.Role == CommandRole.ConvertToSecureString) ConvertToSecureString(file, command, spec);
                else if (spec.Role == CommandRole.NewObject) NewObject(file, command, spec);
                else if (spec.Role == CommandRole.SignIn) SecretParameters(file, command, spec);
            }
            foreach (var invoke in file.Invocations)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                if (invoke.Arguments == null || invoke.Arguments.Count == 0) continue;
                var method = Literals.String(invoke.Member);
                if (!invoke.Static)
                {
                    if (string.Equals(method, "WithClientSecret", StringComparison.OrdinalIgnoreCase))
                        Report(file, invoke, invoke.Arguments[0], invoke.Extent, ".WithClientSecret", "Microsoft.Identity.Client");
                    continue;
                }
                if (!(invoke.Expression is TypeExpressionAst type) || !string.Equals(method, "new", StringComparison.OrdinalIgnoreCase)) continue;
                if (invoke.Arguments.Count < 2 || !IsCredentialType(file, type.TypeName.FullName)) continue;
                Report(file, invoke, invoke.Arguments[1], invoke.Extent, type.Extent.Text + "::new", ModuleOf(file, type.TypeName.FullName));
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
            Report(file, command, value, command.Extent, spec.Name, spec.Module);
        }

        private static void NewObject(FileAnalysis file, CommandAst command, CommandSpec spec)
        {
            var bound = file.Bind(command, spec);
            var typeName = Literals.String(bound["TypeName"]?.Value);
            if (typeName == null || !IsCredentialType(file, typeName)) return;
            var arguments = Literals.Unwrap(bound["ArgumentList"]?.Value) as ArrayLiteralAst;
            if (arguments == null || arguments.Elements.Count < 2) return;
            Report(file, command, arguments.Elements[1], command.Extent, spec.Name, spec.Module);
        }

        /// <summary>A literal given to a sign-in cmdlet's client-secret parameter (-ClientSecret 'abc').</summary>
        private static void SecretParameters(FileAnalysis file, CommandAst command, CommandSpec spec)
        {
            var bound = file.Bind(command, spec);
            foreach (var name in s_secretParameters)
            {
                var argument = bound[name];
                if (argument == null) continue;
                var literal = file.LiteralOf(argument.Value, command);
                if (literal == null || IsEmpty(literal)) continue;
                file.Secret(literal);
                file.Report(command.Extent, FindingKind.PlainTextSecret, spec.Name, spec.Module, Recommendations.ClientSecret(spec.Family));
            }
        }

        /// <summary>Reports <paramref name="value"/> when it is (or holds) a literal, classified by where <paramref name="source"/> goes.</summary>
        private static void Report(FileAnalysis file, Ast source, Ast? value, IScriptExtent at, string command, string module)
        {
            var literal = file.LiteralOf(value, source);
            if (literal == null || IsEmpty(literal)) return;
            file.Secret(literal);
            // Followed from the argument as written, so the call it is given to (the credential's type) counts first.
            var destination = SecretUses.Follow(file, value!);
            switch (destination.Use)
            {
                case SecretUse.ClientSecret:
                    file.Report(at, FindingKind.PlainTextSecret, command, module, Recommendations.ClientSecret(destination.Family));
                    break;
                case SecretUse.CertificatePassword:
                    file.Report(at, FindingKind.PlainTextPassword, command, module, Recommendations.CertificatePassword);
                    break;
                default:
                    file.Report(at, FindingKind.PlainTextPassword, command, module, Recommendations.PlainTextPassword(destination.Family));
                    break;
            }
        }

        private static bool IsCredentialType(FileAnalysis file, string typeName) =>
            LibraryTypes.Credentials.Contains(typeName)
            || LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "UserPasswordCredential")
            || LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "UserCredential")
            || LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "ClientCredential");

        private static string ModuleOf(FileAnalysis file, string typeName) =>
            LibraryTypes.Credentials.Contains(typeName) ? string.Empty : LibraryTypes.AdalNamespace;

        private static bool IsEmpty(ExpressionAst literal) => string.IsNullOrWhiteSpace(Literals.String(literal));
    }
}
