using System;
using System.Collections.Generic;
using System.Text;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Makes a URL safe to show in verbose output: query parameters that can carry a credential (an
    /// authorization code, a token, a secret, an assertion) keep their name and lose their value.
    /// </summary>
    public static class UrlRedactor
    {
        private static readonly HashSet<string> s_secretParameters = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "code", "client_secret", "client_assertion", "refresh_token", "access_token", "id_token",
            "assertion", "password", "code_verifier", "device_code", "token", "sig", "state", "nonce",
        };

        public const string Mask = "***";

        public static string Redact(Uri? uri)
        {
            if (uri == null) return string.Empty;
            if (!uri.IsAbsoluteUri) return uri.OriginalString;
            if (string.IsNullOrEmpty(uri.Query)) return uri.AbsoluteUri;
            var builder = new StringBuilder();
            builder.Append(uri.GetLeftPart(UriPartial.Path));
            builder.Append(RedactQuery(uri.Query));
            return builder.ToString();
        }

        /// <summary>Redacts a query string ("?a=1&amp;b=2" or "a=1&amp;b=2") or an x-www-form-urlencoded body.</summary>
        public static string RedactQuery(string query)
        {
            var builder = new StringBuilder();
            var text = query;
            if (text.StartsWith("?", StringComparison.Ordinal))
            {
                builder.Append('?');
                text = text.Substring(1);
            }
            var pairs = text.Split('&');
            for (int i = 0; i < pairs.Length; i++)
            {
                if (i > 0) builder.Append('&');
                var pair = pairs[i];
                int eq = pair.IndexOf('=');
                var name = eq < 0 ? pair : pair.Substring(0, eq);
                if (eq >= 0 && s_secretParameters.Contains(Uri.UnescapeDataString(name)))
                    builder.Append(name).Append('=').Append(Mask);
                else
                    builder.Append(pair);
            }
            return builder.ToString();
        }
    }
}
