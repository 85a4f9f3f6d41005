namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>Reading a bound sign-in call: the user credential it is given, and whether the same call marks it as an application's.</summary>
    internal static class SignIns
    {
        /// <summary>The credential argument given to the call (by name, abbreviation, position or splat); null when none, $null or a switch turned off.</summary>
        public static BoundArgument? Credential(BoundCommand bound)
        {
            foreach (var name in bound.Spec.CredentialParameters)
            {
                var argument = bound[name];
                if (argument != null && argument.IsOn && !Literals.IsNull(argument.Value)) return argument;
            }
            return null;
        }

        /// <summary>
        /// True when the call marks its credential as an application's: -ServicePrincipal, a managed identity, a
        /// certificate, or (Partner Center) -RefreshToken / -AccessToken, with which -Credential is the app's id and secret.
        /// </summary>
        public static bool IsApplication(BoundCommand bound)
        {
            foreach (var name in bound.Spec.AppCredentialParameters)
            {
                var argument = bound[name];
                if (argument != null && argument.IsOn && !Literals.IsNull(argument.Value)) return true;
            }
            return false;
        }
    }
}
