using System;
using System.Collections.Generic;
using System.Text;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>
    /// A script's text by line, for snippets. Spans that hold a secret (a literal password, a client secret in a
    /// request body) are registered as the rules find them, and every snippet shows them as *** instead.
    /// </summary>
    internal sealed class SourceText
    {
        /// <summary>Snippets longer than this (a minified one-line script) are cut, with an ellipsis.</summary>
        internal const int MaxSnippetLength = 240;

        private readonly string _text;
        private readonly List<int> _lineStarts = new List<int> { 0 };
        private readonly List<(int Start, int End, string Replacement)> _secrets = new List<(int, int, string)>();

        public SourceText(string text)
        {
            _text = text;
            for (int i = 0; i < text.Length; i++)
            {
                // PowerShell counts \r\n, \n and a lone \r as line ends.
                if (text[i] == '\r')
                {
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    _lineStarts.Add(i + 1);
                }
                else if (text[i] == '\n')
                {
                    _lineStarts.Add(i + 1);
                }
            }
        }

        public string Text => _text;

        /// <summary>Marks [start, end) as secret; <paramref name="replacement"/> is shown instead.</summary>
        public void AddSecret(int start, int end, string replacement = "***")
        {
            if (start < 0 || end > _text.Length || end <= start) return;
            _secrets.Add((start, end, replacement));
        }

        /// <summary>The 1-based line, trimmed, secrets masked, at most <see cref="MaxSnippetLength"/> characters.</summary>
        public string Snippet(int line)
        {
            if (line < 1 || line > _lineStarts.Count) return string.Empty;
            int start = _lineStarts[line - 1];
            int end = line < _lineStarts.Count ? _lineStarts[line] : _text.Length;
            while (end > start && (_text[end - 1] == '\n' || _text[end - 1] == '\r')) end--;

            var builder = new StringBuilder(end - start);
            int position = start;
            foreach (var secret in Overlapping(start, end))
            {
                if (secret.Start > position) builder.Append(_text, position, secret.Start - position);
                if (secret.End > position)
                {
                    builder.Append(secret.Replacement);
                    position = Math.Min(secret.End, end);
                }
            }
            if (position < end) builder.Append(_text, position, end - position);

            var snippet = builder.ToString().Trim();
            return snippet.Length <= MaxSnippetLength ? snippet : snippet.Substring(0, MaxSnippetLength - 1).TrimEnd() + "…";
        }

        private IEnumerable<(int Start, int End, string Replacement)> Overlapping(int start, int end)
        {
            if (_secrets.Count == 0) yield break;
            var spans = new List<(int Start, int End, string Replacement)>();
            foreach (var secret in _secrets)
                if (secret.Start < end && secret.End > start)
                    spans.Add((Math.Max(secret.Start, start), secret.End, secret.Replacement));
            spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
            foreach (var span in spans) yield return span;
        }
    }
}
