using System;
using System.Collections.Generic;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>What a secret written in a script is for.</summary>
    internal enum SecretUse
    {
        /// <summary>Not followed to a use: treated as a user's password.</summary>
        Unknown,
        UserPassword,
        ClientSecret,
        CertificatePassword,
    }

    /// <summary>Where a secret written in a script goes, and the service it signs in to when the scanner can tell.</summary>
    internal sealed class SecretDestination
    {
        public static readonly SecretDestination Unknown = new SecretDestination(SecretUse.Unknown, null);

        public SecretDestination(SecretUse use, ServiceFamily? family)
        {
            Use = use;
            Family = family;
        }

        public SecretUse Use { get; }
        public ServiceFamily? Family { get; }
    }

    /// <summary>
    /// Follows a literal secret (or the ConvertTo-SecureString of one) to where the script uses it, statically and within
    /// the file: into a credential object and on to a sign-in, through variables and splatted hashtables. A certificate
    /// file's password is not a sign-in password; an application's client secret is a secret, not a user's password.
    /// Where the use is not found, the names on the way decide ($clientSecret, $pfxPassword), else it stays Unknown.
    /// </summary>
    internal static class SecretUses
    {
        private const int MaxHops = 4;

        private static readonly HashSet<string> s_pfxCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Import-PfxCertificate", "Export-PfxCertificate", "Get-PfxData", "Import-AzKeyVaultCertificate", "Import-AzureKeyVaultCertificate",
            "Add-AzureCertificate", "New-SelfSignedCertificate",
        };

        private static readonly HashSet<string> s_certificateTypes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "X509Certificate2", "System.Security.Cryptography.X509Certificates.X509Certificate2", "Security.Cryptography.X509Certificates.X509Certificate2",
            "X509Certificate", "System.Security.Cryptography.X509Certificates.X509Certificate",
            "System.Security.Cryptography.X509Certificates.X509Certificate2Collection", "X509Certificate2Collection",
        };

        public static SecretDestination Follow(FileAnalysis file, Ast source)
        {
            var names = new List<string>();
            var found = Follow(file, source, null, 0, names, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            if (found != null && found.Use != SecretUse.Unknown) return found;
            foreach (var name in names)
            {
                if (LooksLikeCertificate(name)) return new SecretDestination(SecretUse.CertificatePassword, null);
                if (LooksLikeClientSecret(name)) return new SecretDestination(SecretUse.ClientSecret, null);
            }
            return found ?? SecretDestination.Unknown;
        }

        /// <summary>The use of the value of <paramref name="node"/>; <paramref name="pendingKey"/> is the hashtable key it was stored under, on its way to a splat.</summary>
        private static SecretDestination? Follow(FileAnalysis file, Ast node, string? pendingKey, int hops, List<string> names, HashSet<string> visited)
        {
            if (hops > MaxHops) return null;
            Ast child = node;
            for (var parent = node.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case ParenExpressionAst _:
                    case SubExpressionAst _:
                    case CommandExpressionAst _:
                    case ArrayLiteralAst _:
                    case ConvertExpressionAst _:
                    case StatementBlockAst _ when parent.Parent is SubExpressionAst:
                        continue;
                    case PipelineAst pipeline:
                    {
                        int index = IndexOf(pipeline.PipelineElements, child);
                        if (index >= 0 && index + 1 < pipeline.PipelineElements.Count)
                        {
                            // Piped on: 'secret' | ConvertTo-SecureString -AsPlainText. The next command carries it.
                            if (pipeline.PipelineElements[index + 1] is CommandAst next && IsConvertToSecureString(next))
                                return Follow(file, next, pendingKey, hops, names, visited);
                            return null;
                        }
                        continue;
                    }
                    case CommandParameterAst parameter:
                        // -Name:value
                        if (parameter.Parent is CommandAst colonCommand)
                            return ByParameter(file, colonCommand, parameter.ParameterName, pendingKey, hops, names, visited);
                        return null;
                    case CommandAst command:
                    {
                        if (IsConvertToSecureString(command)) return Follow(file, command, pendingKey, hops, names, visited);
                        // A hashtable splatted into the call: the key it was stored under is the parameter.
                        var parameterName = child is VariableExpressionAst splat && splat.Splatted ? pendingKey : ParameterOf(file, command, child);
                        return parameterName == null ? null : ByParameter(file, command, parameterName, null, hops, names, visited);
                    }
                    case InvokeMemberExpressionAst invoke:
                        return ByMethod(file, invoke, child, pendingKey, hops, names, visited);
                    case HashtableAst hashtable:
                    {
                        var key = KeyOf(hashtable, child);
                        if (key == null) return null;
                        var use = ByName(key);
                        if (use != SecretUse.Unknown) return new SecretDestination(use, null);
                        return Follow(file, hashtable, key, hops + 1, names, visited);
                    }
                    case AssignmentStatementAst assignment when ReferenceEquals(assignment.Right, child):
                        return ByAssignment(file, assignment, pendingKey, hops, names, visited);
                    default:
                        return null;
                }
            }
            return null;
        }

        private static SecretDestination? ByAssignment(FileAnalysis file, AssignmentStatementAst assignment, string? pendingKey, int hops, List<string> names, HashSet<string> visited)
        {
            var target = assignment.Left;
            string? variable = Literals.VariableName(target);
            if (variable == null && target is MemberExpressionAst member && !member.Static)
            {
                // $params.Credential = $cred: a key set on a hashtable on its way to a splat.
                variable = Literals.VariableName(member.Expression);
                pendingKey = Literals.String(member.Member);
                if (pendingKey != null && ByName(pendingKey) is var byKey && byKey != SecretUse.Unknown) return new SecretDestination(byKey, null);
            }
            if (variable == null) return null;
            names.Add(variable);
            if (!visited.Add(variable + "|" + pendingKey)) return null;
            SecretDestination? best = null;
            foreach (var use in file.UsesOf(variable))
            {
                if (IsAssignmentTarget(use)) continue;
                var found = Follow(file, use, pendingKey, hops + 1, names, visited);
                if (found == null) continue;
                if (found.Use != SecretUse.Unknown && found.Family != null) return found;
                if (best == null || best.Use == SecretUse.Unknown) best = found;
            }
            return best;
        }

        /// <summary>The value is given to <paramref name="parameterName"/> of <paramref name="command"/>.</summary>
        private static SecretDestination? ByParameter(FileAnalysis file, CommandAst command, string parameterName, string? pendingKey, int hops,
            List<string> names, HashSet<string> visited)
        {
            var name = command.GetCommandName() ?? string.Empty;
            var spec = KnownCommands.Find(name);
            if (spec != null)
            {
                var resolved = spec.Resolve(parameterName);
                if (resolved != null) parameterName = resolved.Name;
                if (spec.Role == CommandRole.NewObject && parameterName.Equals("ArgumentList", StringComparison.OrdinalIgnoreCase))
                    return ByObject(file, command, Literals.String(file.Bind(command, spec)["TypeName"]?.Value), pendingKey, hops, names, visited);
                if (spec.Role == CommandRole.SignIn) return BySignIn(file, command, spec, parameterName);
            }
            var use = ByName(parameterName);
            if (use == SecretUse.Unknown && parameterName.Equals("Password", StringComparison.OrdinalIgnoreCase) && s_pfxCommands.Contains(Unqualified(name)))
                use = SecretUse.CertificatePassword;
            return use == SecretUse.Unknown ? null : new SecretDestination(use, spec?.Role == CommandRole.SignIn ? spec.Family : (ServiceFamily?)null);
        }

        private static SecretDestination? BySignIn(FileAnalysis file, CommandAst command, CommandSpec spec, string parameterName)
        {
            var use = ByName(parameterName);
            if (use != SecretUse.Unknown) return new SecretDestination(use, spec.Family);
            foreach (var credential in spec.CredentialParameters)
            {
                if (!credential.Equals(parameterName, StringComparison.OrdinalIgnoreCase)) continue;
                return new SecretDestination(SignIns.IsApplication(file.Bind(command, spec)) ? SecretUse.ClientSecret : SecretUse.UserPassword, spec.Family);
            }
            return null;
        }

        /// <summary>The value is part of an object: New-Object's argument list, or a command whose output is the object.</summary>
        private static SecretDestination? ByObject(FileAnalysis file, CommandAst command, string? typeName, string? pendingKey, int hops,
            List<string> names, HashSet<string> visited)
        {
            if (typeName == null) return null;
            if (s_certificateTypes.Contains(typeName)) return new SecretDestination(SecretUse.CertificatePassword, null);
            var library = LibraryUse(file, typeName);
            if (library != null) return library;
            if (LibraryTypes.Credentials.Contains(typeName)) return Follow(file, command, pendingKey, hops + 1, names, visited);
            return null;
        }

        private static SecretDestination? ByMethod(FileAnalysis file, InvokeMemberExpressionAst invoke, Ast child, string? pendingKey, int hops,
            List<string> names, HashSet<string> visited)
        {
            if (invoke.Arguments == null || IndexOf(invoke.Arguments, child) < 0) return null;
            var method = Literals.String(invoke.Member) ?? string.Empty;
            if (invoke.Static && invoke.Expression is TypeExpressionAst type && method.Equals("new", StringComparison.OrdinalIgnoreCase))
            {
                var typeName = type.TypeName.FullName;
                if (s_certificateTypes.Contains(typeName)) return new SecretDestination(SecretUse.CertificatePassword, null);
                var library = LibraryUse(file, typeName);
                if (library != null) return library;
                if (LibraryTypes.Credentials.Contains(typeName)) return Follow(file, invoke, pendingKey, hops + 1, names, visited);
                return null;
            }
            if (method.Equals("Import", StringComparison.OrdinalIgnoreCase)) return new SecretDestination(SecretUse.CertificatePassword, null);
            if (method.Equals("WithClientSecret", StringComparison.OrdinalIgnoreCase)) return new SecretDestination(SecretUse.ClientSecret, ServiceFamily.MsalNet);
            if (method.Equals("AcquireTokenByUsernamePassword", StringComparison.OrdinalIgnoreCase)) return new SecretDestination(SecretUse.UserPassword, ServiceFamily.MsalNet);
            return null;
        }

        /// <summary>Library credential types that say what their secret is: ADAL's user and client credentials, CSOM's.</summary>
        private static SecretDestination? LibraryUse(FileAnalysis file, string typeName)
        {
            if (LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "ClientCredential"))
                return new SecretDestination(SecretUse.ClientSecret, ServiceFamily.Adal);
            if (LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "UserPasswordCredential") || LibraryTypes.Is(file, typeName, LibraryTypes.AdalNamespace, "UserCredential"))
                return new SecretDestination(SecretUse.UserPassword, ServiceFamily.Adal);
            if (LibraryTypes.Is(file, typeName, LibraryTypes.CsomNamespace, "SharePointOnlineCredentials"))
                return new SecretDestination(SecretUse.UserPassword, ServiceFamily.SharePointCsom);
            return null;
        }

        /// <summary>The parameter an argument binds to: the -Name before it, or the parameter the binder gave it.</summary>
        private static string? ParameterOf(FileAnalysis file, CommandAst command, Ast argument)
        {
            var elements = command.CommandElements;
            int index = IndexOf(elements, argument);
            if (index <= 0) return null;
            if (elements[index - 1] is CommandParameterAst parameter && parameter.Argument == null) return parameter.ParameterName;
            var spec = KnownCommands.Find(command.GetCommandName());
            if (spec == null) return null;
            var bound = file.Bind(command, spec);
            foreach (var name in spec.Positional)
                if (bound[name] is BoundArgument positional && ReferenceEquals(positional.Value, argument)) return name;
            return null;
        }

        private static string? KeyOf(HashtableAst hashtable, Ast value)
        {
            foreach (var pair in hashtable.KeyValuePairs)
                if (ReferenceEquals(pair.Item2, value)) return Literals.Key(pair.Item1);
            return null;
        }

        /// <summary>What a parameter, key or variable name says its secret is for.</summary>
        internal static SecretUse ByName(string name)
        {
            if (LooksLikeCertificate(name)) return SecretUse.CertificatePassword;
            if (LooksLikeClientSecret(name)) return SecretUse.ClientSecret;
            return SecretUse.Unknown;
        }

        private static bool LooksLikeCertificate(string name) =>
            Contains(name, "pfx") || (Contains(name, "cert") && (Contains(name, "pass") || Contains(name, "pwd") || Contains(name, "pw")));

        private static bool LooksLikeClientSecret(string name) =>
            Contains(name, "clientsecret") || Contains(name, "client_secret") || Contains(name, "appsecret") || Contains(name, "app_secret")
            || Contains(name, "applicationsecret") || Contains(name, "appkey") || Contains(name, "clientkey") || Contains(name, "spsecret")
            || Contains(name, "secretcredential") || name.Equals("secret", StringComparison.OrdinalIgnoreCase)
            || name.Equals("cspClientSecret", StringComparison.OrdinalIgnoreCase);

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool IsConvertToSecureString(CommandAst command) =>
            KnownCommands.Find(command.GetCommandName()) is CommandSpec spec && spec.Role == CommandRole.ConvertToSecureString;

        private static bool IsAssignmentTarget(VariableExpressionAst use)
        {
            Ast node = use;
            if (node.Parent is ConvertExpressionAst convert) node = convert;
            return node.Parent is AssignmentStatementAst assignment && ReferenceEquals(assignment.Left, node);
        }

        private static string Unqualified(string name)
        {
            int slash = name.LastIndexOf('\\');
            return slash >= 0 ? name.Substring(slash + 1) : name;
        }

        private static int IndexOf<T>(IReadOnlyList<T> list, Ast item) where T : Ast
        {
            for (int i = 0; i < list.Count; i++)
                if (ReferenceEquals(list[i], item)) return i;
            return -1;
        }
    }
}
