namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>What a finding is: the way a script signs in or handles a credential that breaks under MFA.</summary>
    /// <remarks>Based on long so that ConvertTo-Json writes the name, not a number (docs/design.md, "Output objects").</remarks>
    public enum FindingKind : long
    {
        /// <summary>A sign-in given a user credential: a sign-in cmdlet (no application-credential marker on the same call), or a library's user-password credential (ADAL, MSAL.NET, SharePoint CSOM).</summary>
        UserCredential,
        /// <summary>An OAuth resource-owner password grant (grant_type=password) built for an HTTP call.</summary>
        PasswordGrant,
        /// <summary>A password written in the script: ConvertTo-SecureString -AsPlainText on a literal, a literal handed to PSCredential.</summary>
        PlainTextPassword,
        /// <summary>Exchange Online remote PowerShell over Basic authentication (New-PSSession -Authentication Basic).</summary>
        BasicAuthRemoting,
        /// <summary>Import-Module, #Requires -Modules, using module or RequiredModules of a retired module (MSOnline, AzureAD, AzureADPreview, AzureRM, Azure, SkypeOnlineConnector, PartnerCenterPowerShellModule).</summary>
        LegacyModule,
        /// <summary>An application's client secret written in the script (it signs in as the app, not a user; it is still a credential in a file).</summary>
        PlainTextSecret,
    }

    /// <summary>How urgent a finding is. Ordered: sorting by severity puts High last (or first with -Descending).</summary>
    /// <remarks>Based on long so that ConvertTo-Json writes the name, not a number (docs/design.md, "Output objects").</remarks>
    public enum FindingSeverity : long
    {
        /// <summary>A dependency on a retired module (the script stops working when the module does), or a password grant to a service that is not Microsoft's.</summary>
        Low = 1,
        /// <summary>A user-credential sign-in: fails as soon as MFA is enforced on the account.</summary>
        Medium = 2,
        /// <summary>A password or secret written in the script, a password grant to Microsoft, or Basic authentication: fails under MFA or exposes a credential.</summary>
        High = 3,
    }

    /// <summary>One place in one script that signs in with, builds or holds a user credential, and what replaces it.</summary>
    public sealed class CredentialUsageFinding
    {
        public CredentialUsageFinding(string path, int line, int column, FindingKind kind, string command, string module,
            FindingSeverity severity, string snippet, string recommendation, string encoding = "", bool fileHasParseErrors = false)
        {
            Path = path;
            Line = line;
            Column = column;
            Kind = kind;
            Command = command;
            Module = module;
            Severity = severity;
            Snippet = snippet;
            Recommendation = recommendation;
            Encoding = encoding;
            FileHasParseErrors = fileHasParseErrors;
        }

        /// <summary>The script's full path.</summary>
        public string Path { get; }

        /// <summary>1-based line of the finding.</summary>
        public int Line { get; }

        /// <summary>1-based column of the finding.</summary>
        public int Column { get; }

        public FindingKind Kind { get; }

        /// <summary>The command (or construct: #Requires, using module, RequiredModules) at fault; empty when there is none.</summary>
        public string Command { get; }

        /// <summary>The module that provides the command, or the retired module a LegacyModule finding names; empty when none.</summary>
        public string Module { get; }

        public FindingSeverity Severity { get; }

        /// <summary>The finding's line, trimmed, with literal passwords and secrets replaced by asterisks.</summary>
        public string Snippet { get; }

        /// <summary>What to use instead: the replacement command for the module at fault.</summary>
        public string Recommendation { get; }

        /// <summary>The encoding the script was read in (utf-8, utf-16LE, windows-1252...); empty when the text did not come from a file.</summary>
        public string Encoding { get; }

        /// <summary>
        /// True when the script does not parse: the finding comes from the part the parser could read (its parse error
        /// is reported beside it), and others may be hidden behind the error.
        /// </summary>
        public bool FileHasParseErrors { get; }

        public override string ToString() => $"{Path}:{Line}:{Column} {Kind} {Command}";
    }
}
