using System;
using System.Management.Automation.Language;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>Where a token request goes: the URL as the script writes it, and whether its host is Microsoft's identity platform.</summary>
    internal static class TokenEndpoints
    {
        private const int MaxDepth = 4;

        /// <summary>Microsoft Entra ID sign-in hosts in every cloud, and the older and consumer ones.</summary>
        private static readonly string[] s_microsoftHosts =
        {
            "login.microsoftonline.com", "login.microsoftonline.us", "login.microsoftonline.de", "login.chinacloudapi.cn",
            "login.partner.microsoftonline.cn", "login.windows.net", "login.microsoft.com", "sts.windows.net", "login.live.com",
            "login.windows-ppe.net",
        };

        /// <summary>Host suffixes of Microsoft's identity platform serving other tenants' names (Azure AD B2C, External ID).</summary>
        private static readonly string[] s_microsoftSuffixes = { ".b2clogin.com", ".ciamlogin.com", ".microsoftonline.com" };

        /// <summary>
        /// The URL's host when it is written literally and is not Microsoft's identity platform (nor AD FS, whose token
        /// endpoint is /adfs/oauth2/token on the organisation's own host); null when it is Microsoft's or cannot be told.
        /// </summary>
        public static string? NonMicrosoftHost(string? url)
        {
            if (url == null) return null;
            int scheme = url.IndexOf("://", StringComparison.Ordinal);
            if (scheme <= 0) return null;
            int start = scheme + 3, end = start;
            while (end < url.Length && url[end] != '/' && url[end] != '?' && url[end] != '#' && url[end] != ':') end++;
            var host = url.Substring(start, end - start).Trim().ToLowerInvariant();
            if (host.Length == 0) return null;
            foreach (var c in host)
                if (!(char.IsLetterOrDigit(c) || c == '.' || c == '-')) return null; // $variables, {0} placeholders, user@host
            if (url.IndexOf("/adfs/", StringComparison.OrdinalIgnoreCase) >= 0) return null;
            foreach (var known in s_microsoftHosts)
                if (host == known) return null;
            foreach (var suffix in s_microsoftSuffixes)
                if (host.EndsWith(suffix, StringComparison.Ordinal)) return null;
            return host;
        }

        /// <summary>
        /// The text of a URL argument as written: a string (variables left as written), the format string of -f, the
        /// first operand of a concatenation, or what a variable was last assigned. Null when computed otherwise.
        /// </summary>
        public static string? UrlText(FileAnalysis file, Ast? value, Ast at) => UrlText(file, value, at, 0);

        private static string? UrlText(FileAnalysis file, Ast? value, Ast at, int depth)
        {
            if (value == null || depth > MaxDepth) return null;
            var expression = value as ExpressionAst ?? Literals.Unwrap(value);
            switch (expression)
            {
                case StringConstantExpressionAst constant:
                    return constant.Value;
                case ExpandableStringExpressionAst expandable:
                    return expandable.Value;
                case ParenExpressionAst paren:
                    return UrlText(file, Literals.Unwrap(paren), at, depth + 1);
                case BinaryExpressionAst binary when binary.Operator == TokenKind.Format || binary.Operator == TokenKind.Plus:
                    return UrlText(file, binary.Left, at, depth + 1);
                case ConvertExpressionAst convert:
                    return UrlText(file, convert.Child, at, depth + 1);
                case VariableExpressionAst variable:
                    return UrlText(file, Literals.Unwrap(file.Facts.ResolveValue(Literals.Name(variable.VariablePath), at)), at, depth + 1);
                default:
                    return null;
            }
        }
    }
}
