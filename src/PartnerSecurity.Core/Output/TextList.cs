using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace PartnerSecurity.Output
{
    /// <summary>
    /// A list of names in an output object (policies, roles, applications...): a list in the pipeline
    /// (<c>-contains</c>, <c>-join</c>, indexing, <c>Count</c> and <c>Length</c>) and a JSON array in ConvertTo-Json,
    /// but one "; "-joined cell in Export-Csv, which writes a property's ToString() (an array would write
    /// "System.String[]"). See docs/design.md, "Output objects".
    /// </summary>
    public sealed class TextList : JoinedList<string>
    {
        public static TextList Empty { get; } = new TextList(Array.Empty<string>());

        public TextList(IEnumerable<string> items) : base(items) { }

        [return: NotNullIfNotNull("items")]
        public static implicit operator TextList?(string[]? items) => items == null ? null : new TextList(items);
    }
}
