using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis.Rules
{
    /// <summary>
    /// UserCredential: a sign-in cmdlet given a user credential (-Credential by name, abbreviation, position or splat;
    /// Exchange's -InlineCredential; MSAL.PS's -UserCredential; Power Apps' -Password), unless the same call marks it as
    /// an application credential (-ServicePrincipal, -Identity, -ManagedIdentity, certificate parameters, Partner
    /// Center's -RefreshToken). A credential typed in by a person gets the interactive sign-in first.
    /// </summary>
    internal static class UserCredentialRule
    {
        public static void Apply(FileAnalysis file)
        {
            foreach (var (command, spec) in file.KnownCalls)
            {
                if (spec.Role != CommandRole.SignIn) continue;
                file.CancellationToken.ThrowIfCancellationRequested();
                var bound = file.Bind(command, spec);
                var credential = SignIns.Credential(bound);
                if (credential == null || SignIns.IsApplication(bound)) continue;
                // -InlineCredential asks for the credential at the console: a person is there.
                bool prompted = credential.Parameter == "InlineCredential" || Prompts.IsPrompted(file, credential.Value, command);
                file.Report(command.Extent, FindingKind.UserCredential, spec.Name, spec.Module, Recommendations.SignIn(spec.Family, prompted));
            }
        }
    }
}
