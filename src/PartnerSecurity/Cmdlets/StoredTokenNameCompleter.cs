using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>Completes stored Secure Application Model token names (-RefreshTokenName, -Name), as SecretManagement completes vault names.</summary>
    public sealed class StoredTokenNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            bool allowUnencrypted = fakeBoundParameters != null && fakeBoundParameters.Contains("AllowUnencryptedTokenCache")
                && LanguagePrimitives.IsTrue(fakeBoundParameters["AllowUnencryptedTokenCache"]);
            foreach (var (name, description) in StoredTokenNames.List(allowUnencrypted))
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, description);
        }
    }
}
