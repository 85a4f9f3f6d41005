using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Linq;

namespace PartnerSecurity.Output
{
    /// <summary>
    /// A list of records in an output object (requirements, alert activity, users behind a difference...): a list in
    /// the pipeline and JSON, one "; "-joined cell of the items' ToString() in Export-Csv, which writes a property's
    /// ToString() (an array would write "Foo[]"). <see cref="TextList"/> is the same for names. See docs/design.md,
    /// "Output objects".
    /// </summary>
    public class JoinedList<T> : ReadOnlyCollection<T>
    {
        public const string Separator = "; ";

        public JoinedList(IEnumerable<T> items) : base(items.ToArray()) { }

        /// <summary>As an array has it, for code written against the arrays these lists replaced.</summary>
        public int Length => Count;

        public override string ToString() => string.Join(Separator, this.Select(item => item?.ToString()));

        [return: NotNullIfNotNull("items")]
        public static implicit operator JoinedList<T>?(T[]? items) => items == null ? null : new JoinedList<T>(items);
    }
}
