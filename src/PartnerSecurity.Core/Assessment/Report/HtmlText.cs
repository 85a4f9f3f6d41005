using System.Globalization;
using System.Text;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>
    /// Tenant text as HTML text or attribute values: markup characters as entities, and control characters and
    /// bidirectional overrides shown as visible escapes (\u001B), so a display name like &lt;script&gt; or one that
    /// reorders the line renders as the text it is.
    /// </summary>
    public static class HtmlText
    {
        public static string Escape(string? value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            var text = new StringBuilder(value!.Length + 16);
            foreach (var c in value)
            {
                switch (c)
                {
                    case '&': text.Append("&amp;"); break;
                    case '<': text.Append("&lt;"); break;
                    case '>': text.Append("&gt;"); break;
                    case '"': text.Append("&quot;"); break;
                    case '\'': text.Append("&#39;"); break;
                    default:
                        if (IsInvisible(c)) text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            return text.ToString();
        }

        /// <summary>C0 and C1 controls, DEL, and the bidirectional embedding, override and isolate characters.</summary>
        private static bool IsInvisible(char c) =>
            c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';
    }
}
