using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Graph
{
    /// <summary>Follows @odata.nextLink verbatim to the end, yielding items page by page as they arrive.</summary>
    public static class GraphPaging
    {
        public static async IAsyncEnumerable<TItem> ReadAllAsync<TPage, TItem>(
            Func<string?, CancellationToken, Task<TPage?>> fetch,
            Func<TPage, IEnumerable<TItem>?> items,
            Func<TPage, string?> nextLink,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            where TPage : class
        {
            string? link = null;
            do
            {
                var page = await fetch(link, cancellationToken).ConfigureAwait(false);
                if (page == null) yield break;
                foreach (var item in items(page) ?? Array.Empty<TItem>()) yield return item;
                link = nextLink(page);
            }
            while (!string.IsNullOrEmpty(link));
        }
    }
}
