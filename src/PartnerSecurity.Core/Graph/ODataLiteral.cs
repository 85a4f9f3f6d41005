namespace PartnerSecurity.Graph
{
    /// <summary>Values written into OData $filter expressions.</summary>
    public static class ODataLiteral
    {
        /// <summary>A string literal: quotes doubled, so o'brien becomes 'o''brien' and a quote cannot end the literal early.</summary>
        public static string String(string value) => "'" + value.Replace("'", "''") + "'";
    }
}
