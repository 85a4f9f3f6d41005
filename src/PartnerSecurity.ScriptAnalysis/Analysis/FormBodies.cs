using System;
using System.Text.RegularExpressions;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>
    /// Reading the value of a string literal the parser found as an HTTP body or URL: does it carry a password grant,
    /// and where are the secrets in it. These look inside one literal's value, never across source text.
    /// </summary>
    internal static class FormBodies
    {
        private static readonly Regex s_jsonGrant = new Regex("\"grant_type\"\\s*:\\s*\"password\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex s_querySecret = new Regex("(?<![A-Za-z0-9_])(?:password|client_secret|refresh_token|pwd|passwd)=(?<value>[^&\\s'\"`]+)",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex s_jsonSecret = new Regex("\"(?:password|client_secret|refresh_token)\"\\s*:\\s*\"(?<value>[^\"]*)\"",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>
        /// True when the value is a form or query string (name=value pairs joined by &amp;, after an optional URL and ?)
        /// with grant_type=password, or a JSON object with "grant_type": "password". Prose that mentions
        /// grant_type=password is not a form: its first "name" has spaces in it.
        /// </summary>
        public static bool HasPasswordGrant(string value)
        {
            if (value.IndexOf("grant_type", StringComparison.OrdinalIgnoreCase) < 0) return false;
            var text = value.Trim();
            if (text.StartsWith("{", StringComparison.Ordinal)) return s_jsonGrant.IsMatch(text);
            int question = text.LastIndexOf('?');
            if (question >= 0) text = text.Substring(question + 1);
            bool grant = false;
            foreach (var part in text.Split('&'))
            {
                var pair = part.Trim();
                if (pair.Length == 0) continue;
                int equals = pair.IndexOf('=');
                if (equals <= 0) return false;
                var name = pair.Substring(0, equals);
                foreach (var c in name)
                    if (char.IsWhiteSpace(c) || c == '"' || c == '\'' || c == '(' || c == ')' || c == ',' || c == ';') return false;
                if (name.Equals("grant_type", StringComparison.OrdinalIgnoreCase)
                    && pair.Substring(equals + 1).Trim().Equals("password", StringComparison.OrdinalIgnoreCase))
                    grant = true;
            }
            return grant;
        }

        /// <summary>Where secrets sit in a literal's source text (password=..., "client_secret": "..."): offsets within it.</summary>
        public static void FindSecrets(string sourceText, Action<int, int> secret)
        {
            if (sourceText.IndexOf("password", StringComparison.OrdinalIgnoreCase) < 0
                && sourceText.IndexOf("secret", StringComparison.OrdinalIgnoreCase) < 0
                && sourceText.IndexOf("pwd", StringComparison.OrdinalIgnoreCase) < 0
                && sourceText.IndexOf("refresh_token", StringComparison.OrdinalIgnoreCase) < 0) return;
            foreach (Match match in s_querySecret.Matches(sourceText))
            {
                var value = match.Groups["value"];
                secret(value.Index, value.Index + value.Length);
            }
            foreach (Match match in s_jsonSecret.Matches(sourceText))
            {
                var value = match.Groups["value"];
                if (value.Length > 0) secret(value.Index, value.Index + value.Length);
            }
        }
    }
}
