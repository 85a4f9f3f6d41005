using System;
using System.Management.Automation.Language;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// UserCredential, from sign-in libraries a script drives itself: ADAL's UserPasswordCredential and UserCredential
    /// built with a password (for AcquireToken / AcquireTokenAsync; UserCredential with a user name only is Windows
    /// integrated sign-in, not a password), SharePoint CSOM's SharePointOnlineCredentials, and MSAL.NET's
    /// AcquireTokenByUsernamePassword. By New-Object or ::new, with the full type name or a short one under
    /// <c>using namespace</c>.
    /// </summary>
    internal static class CredentialObjectRule
    {
        private sealed class Library
        {
            public Library(string ns, string type, ServiceFamily family, string module)
            {
                Namespace = ns;
                Type = type;
                Family = family;
                Module = module;
            }

            public string Namespace { get; }
            public string Type { get; }
            public ServiceFamily Family { get; }
            public string Module { get; }
        }

        private static readonly Library[] s_libraries =
        {
            new Library(LibraryTypes.AdalNamespace, "UserPasswordCredential", ServiceFamily.Adal, LibraryTypes.AdalNamespace),
            new Library(LibraryTypes.AdalNamespace, "UserCredential", ServiceFamily.Adal, LibraryTypes.AdalNamespace),
            new Library(LibraryTypes.CsomNamespace, "SharePointOnlineCredentials", ServiceFamily.SharePointCsom, "Microsoft.SharePoint.Client.Runtime"),
        };

        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role != CommandRole.NewObject) continue;
                file.CancellationToken.ThrowIfCancellationRequested();
                var bound = file.Bind(command, spec);
                var library = Find(file, Literals.String(bound["TypeName"]?.Value));
                if (library == null) continue;
                var arguments = Literals.Unwrap(bound["ArgumentList"]?.Value);
                if (!(arguments is ArrayLiteralAst list) || list.Elements.Count < 2) continue;
                Report(file, command.Extent, library, list.Elements[1], command);
            }
            foreach (var invoke in file.Invocations)
            {
                file.CancellationToken.ThrowIfCancellationRequested();
                if (invoke.Arguments == null) continue;
                var method = Literals.String(invoke.Member);
                if (!invoke.Static)
                {
                    // MSAL.NET's password grant: AcquireTokenByUsernamePassword(scopes, user, password).
                    if (string.Equals(method, "AcquireTokenByUsernamePassword", StringComparison.OrdinalIgnoreCase) && invoke.Arguments.Count >= 3)
                        file.Report(invoke.Extent, FindingKind.UserCredential, "AcquireTokenByUsernamePassword", "Microsoft.Identity.Client",
                            Recommendations.SignIn(ServiceFamily.MsalNet, Prompts.IsPrompted(file, invoke.Arguments[2], invoke)));
                    continue;
                }
                if (!(invoke.Expression is TypeExpressionAst type) || !string.Equals(method, "new", StringComparison.OrdinalIgnoreCase)) continue;
                var library = Find(file, type.TypeName.FullName);
                if (library == null || invoke.Arguments.Count < 2) continue;
                Report(file, invoke.Extent, library, invoke.Arguments[1], invoke);
            }
        }

        private static void Report(FileAnalysis file, IScriptExtent at, Library library, Ast password, Ast call)
        {
            bool prompted = Prompts.IsPrompted(file, password, call);
            file.Report(at, FindingKind.UserCredential, library.Type, library.Module, Recommendations.SignIn(library.Family, prompted));
        }

        private static Library? Find(FileAnalysis file, string? typeName)
        {
            if (typeName == null) return null;
            foreach (var library in s_libraries)
                if (LibraryTypes.Is(file, typeName, library.Namespace, library.Type)) return library;
            return null;
        }
    }
}
