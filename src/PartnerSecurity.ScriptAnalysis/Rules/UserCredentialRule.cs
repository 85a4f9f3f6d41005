using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// UserCredential: a sign-in cmdlet given a user credential (-Credential by name, abbreviation, position or splat;
    /// Exchange's -InlineCredential), unless the same call marks it as an application credential (-ServicePrincipal,
    /// -Identity, -ManagedIdentity, certificate parameters).
    /// </summary>
    internal static class UserCredentialRule
    {
        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role != CommandRole.SignIn) continue;
                var bound = file.Bind(command, spec);
                BoundArgument? credential = null;
                foreach (var name in spec.CredentialParameters)
                {
                    var argument = bound[name];
                    if (argument != null && argument.IsOn && !Literals.IsNull(argument.Value))
                    {
                        credential = argument;
                        break;
                    }
                }
                if (credential == null) continue;
                bool application = false;
                foreach (var name in spec.AppCredentialParameters)
                {
                    var argument = bound[name];
                    if (argument != null && argument.IsOn && !Literals.IsNull(argument.Value)) application = true;
                }
                if (application) continue;
                file.Report(command.Extent, FindingKind.UserCredential, spec.Name, spec.Module, Recommendations.For(spec.Family));
            }
        }
    }
}
