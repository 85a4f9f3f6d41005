using System.Globalization;
using System.Text;

namespace PartnerSecurity.Formatting
{
    /// <summary>
    /// Tenant data reaches the terminal only through here: user, group, policy, app and tenant names can hold ANSI escape
    /// sequences and other control characters (clear the screen, retitle the window, hide the module's own text). Views
    /// and the module's messages show them as PowerShell escapes (ESC as `e, a carriage return as `r, others as
    /// `u{..}); the objects keep the true value. Public so that the format files (*.Format.ps1xml) can call it.
    /// </summary>
    public static class TerminalText
    {
        /// <summary>Every control character escaped, line breaks included: for a table cell or a list value.</summary>
        public static string Escape(object? value) => Escape(value?.ToString(), keepLineBreaks: false);

        /// <summary>For the module's messages (warnings, errors, prompts, progress): the module's own line breaks stay.</summary>
        public static string EscapeMessage(string? text) => Escape(text, keepLineBreaks: true);

        private static string Escape(string? text, bool keepLineBreaks)
        {
            if (string.IsNullOrEmpty(text)) return text ?? string.Empty;
            int i = 0;
            while (i < text!.Length && !NeedsEscape(text[i], keepLineBreaks)) i++;
            if (i == text.Length) return text;
            var builder = new StringBuilder(text.Length + 16).Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (!NeedsEscape(c, keepLineBreaks)) { builder.Append(c); continue; }
                builder.Append(c switch
                {
                    '\u001b' => "`e",
                    '\r' => "`r",
                    '\n' => "`n",
                    '\t' => "`t",
                    '\0' => "`0",
                    '\a' => "`a",
                    '\b' => "`b",
                    '\f' => "`f",
                    '\v' => "`v",
                    _ => "`u{" + ((int)c).ToString("X", CultureInfo.InvariantCulture) + "}",
                });
            }
            return builder.ToString();
        }

        // C0 and C1 controls (0x9B is a one-byte CSI), DEL, and the Unicode format characters that reorder or hide text
        // (bidirectional overrides and isolates, line and paragraph separators).
        private static bool NeedsEscape(char c, bool keepLineBreaks) =>
            (c < 0x20 && !(keepLineBreaks && c == '\n')) || (c >= 0x7F && c <= 0x9F)
            || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u2028' || c == '\u2029';
    }
}
