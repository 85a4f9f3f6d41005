using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>Completes Find-PartnerCredentialUsage -AnsiEncoding with the Windows ANSI code pages that scripts are saved in.</summary>
    public sealed class AnsiEncodingCompleter : IArgumentCompleter
    {
        private static readonly (string Name, string Description)[] s_codePages =
        {
            ("windows-1252", "Western European (the default where the system has no ANSI code page)"),
            ("windows-1250", "Central European"), ("windows-1251", "Cyrillic"), ("windows-1253", "Greek"), ("windows-1254", "Turkish"),
            ("windows-1255", "Hebrew"), ("windows-1256", "Arabic"), ("windows-1257", "Baltic"), ("windows-1258", "Vietnamese"),
            ("windows-874", "Thai"), ("shift_jis", "Japanese (932)"), ("gb2312", "Simplified Chinese (936)"), ("ks_c_5601-1987", "Korean (949)"),
            ("big5", "Traditional Chinese (950)"),
        };

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            foreach (var (name, description) in s_codePages)
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, description);
        }
    }
}
