using System.Management.Automation;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// A -Name style filter: a wildcard pattern, and always the literal text too, so "Contoso [EU]" finds the
    /// company of that name and "[" (not a valid pattern) is matched literally instead of stopping the command.
    /// </summary>
    internal sealed class NamePattern
    {
        private readonly string _text;
        private readonly WildcardPattern? _pattern;

        public NamePattern(string text)
        {
            _text = text;
            if (!WildcardPattern.ContainsWildcardCharacters(text)) return;
            var pattern = new WildcardPattern(text, WildcardOptions.IgnoreCase);
            try
            {
                pattern.IsMatch(string.Empty);
                _pattern = pattern;
            }
            catch (WildcardPatternException)
            {
                _pattern = null;
            }
        }

        /// <summary>True when the text is matched as written (no wildcards, or an invalid pattern): a miss is then "not found".</summary>
        public bool IsLiteral => _pattern == null;

        public bool IsMatch(string? value) =>
            value != null && (string.Equals(value, _text, System.StringComparison.OrdinalIgnoreCase) || (_pattern?.IsMatch(value) ?? false));
    }
}
