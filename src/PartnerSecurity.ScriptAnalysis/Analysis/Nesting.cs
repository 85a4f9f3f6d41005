namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>
    /// How deeply a script nests its (), {} and [] before the parser sees it: one pass that skips comments, quoted strings
    /// and here-strings (their brackets are text). It may count less than the parser would (brackets inside "$(...)" are
    /// not counted), never more, so it only turns away scripts that really nest that deep. PowerShell's parser, near its
    /// stack guard, spends memory that grows with the square of the depth (610 MB for a 26 KB file nested 8,700 deep,
    /// found by fuzzing), and sometimes returns no tree at all.
    /// </summary>
    internal static class Nesting
    {
        /// <summary>Above the 3,000 nested script blocks that pwsh parses; below where the parser's cost explodes.</summary>
        public const int Limit = 4000;

        /// <summary>The deepest nesting, counted until it passes <paramref name="stopAbove"/>.</summary>
        public static int MaxDepth(string text, int stopAbove = Limit)
        {
            int depth = 0, max = 0, i = 0, n = text.Length;
            while (i < n)
            {
                char c = text[i];
                switch (c)
                {
                    case '(':
                    case '{':
                    case '[':
                        if (++depth > max && (max = depth) > stopAbove) return max;
                        i++;
                        break;
                    case ')':
                    case '}':
                    case ']':
                        if (depth > 0) depth--;
                        i++;
                        break;
                    case '`':
                        i += 2;
                        break;
                    case '#':
                        while (i < n && text[i] != '\n' && text[i] != '\r') i++;
                        break;
                    case '<' when i + 1 < n && text[i + 1] == '#':
                        i = Skip(text, i + 2, "#>");
                        break;
                    case '@' when i + 1 < n && (IsSingleQuote(text[i + 1]) || IsDoubleQuote(text[i + 1])) && LineEndsAfter(text, i + 2):
                        i = SkipHereString(text, i + 2, IsSingleQuote(text[i + 1]));
                        break;
                    default:
                        if (IsSingleQuote(c)) i = SkipQuoted(text, i + 1, single: true);
                        else if (IsDoubleQuote(c)) i = SkipQuoted(text, i + 1, single: false);
                        else i++;
                        break;
                }
            }
            return max;
        }

        // PowerShell reads typographic quotes as quotes.
        private static bool IsSingleQuote(char c) => c == '\'' || c == '\u2018' || c == '\u2019' || c == '\u201A' || c == '\u201B';

        private static bool IsDoubleQuote(char c) => c == '"' || c == '\u201C' || c == '\u201D' || c == '\u201E';

        private static int Skip(string text, int from, string end)
        {
            int at = text.IndexOf(end, from, System.StringComparison.Ordinal);
            return at < 0 ? text.Length : at + end.Length;
        }

        private static int SkipQuoted(string text, int i, bool single)
        {
            while (i < text.Length)
            {
                char c = text[i];
                if (!single && c == '`')
                {
                    i += 2;
                    continue;
                }
                if (single ? IsSingleQuote(c) : IsDoubleQuote(c))
                {
                    // A doubled quote is an escaped quote.
                    if (i + 1 < text.Length && (single ? IsSingleQuote(text[i + 1]) : IsDoubleQuote(text[i + 1])))
                    {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return i;
        }

        private static bool LineEndsAfter(string text, int i)
        {
            while (i < text.Length && (text[i] == ' ' || text[i] == '\t')) i++;
            return i >= text.Length || text[i] == '\n' || text[i] == '\r';
        }

        /// <summary>A here-string ends at a line that starts with its closing quote and @.</summary>
        private static int SkipHereString(string text, int i, bool single)
        {
            while (i < text.Length)
            {
                if (text[i] == '\n' || text[i] == '\r')
                {
                    int j = i + 1;
                    if (text[i] == '\r' && j < text.Length && text[j] == '\n') j++;
                    if (j + 1 < text.Length && (single ? IsSingleQuote(text[j]) : IsDoubleQuote(text[j])) && text[j + 1] == '@') return j + 2;
                    i = j;
                    continue;
                }
                i++;
            }
            return i;
        }
    }
}
