using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Graph
{
    /// <summary>What is being read, for the retries and the error of a collection read page by page.</summary>
    public sealed class PagedRead
    {
        public PagedRead(string operation, string tenantId, RetryPolicy policy)
        {
            Operation = operation;
            TenantId = tenantId;
            Policy = policy;
        }

        /// <summary>"Reading users": the start of the error message.</summary>
        public string Operation { get; }
        public string TenantId { get; }
        public RetryPolicy Policy { get; }
    }

    /// <summary>One page as its reader understood it: the items (null when the page has none to give) and the next page's cursor.</summary>
    public readonly struct PageContent<TItem>
    {
        public PageContent(IReadOnlyList<TItem?>? items, string? next, string? problem = null)
        {
            Items = items;
            Next = string.IsNullOrEmpty(next) ? null : next;
            Problem = problem;
        }

        public IReadOnlyList<TItem?>? Items { get; }
        public string? Next { get; }
        /// <summary>Set by a reader that found the page unusable for a reason of its own.</summary>
        public string? Problem { get; }
    }

    /// <summary>
    /// The one paging idiom of the module, for Graph SDK pages, Graph pages read as JSON and Partner Center pages:
    /// follow the next-page cursor verbatim to the end, yielding items page by page as they arrive. A page that
    /// cannot be used (an empty answer, no item array, an empty item, a next link back to a page already read)
    /// is asked for again with backoff; when it stays unusable the read fails with an error naming the operation
    /// and the tenant. It never ends early: a shorter list would read as "no more users" (docs/reliability.md).
    /// </summary>
    public static class GraphPaging
    {
        /// <summary>
        /// A Graph SDK collection: <paramref name="firstPage"/> asks for the first page with its query options; the
        /// next pages follow @odata.nextLink verbatim through the same client. An entity without an id counts as an
        /// empty item. Graph's errors come out as the SDK's (ApiException), for the caller to translate.
        /// </summary>
        public static IAsyncEnumerable<TItem> ReadAllAsync<TPage, TItem>(
            GraphServiceClient graph,
            PagedRead read,
            Func<CancellationToken, Task<TPage?>> firstPage,
            ParsableFactory<TPage> factory,
            Func<TPage, List<TItem>?> items,
            CancellationToken cancellationToken = default)
            where TPage : BaseCollectionPaginationCountResponse
            where TItem : Entity =>
            ReadAllAsync(read,
                (link, ct) => link == null ? firstPage(ct) : NextPageAsync(graph, link, factory, ct),
                page => new PageContent<TItem>(items(page), page.OdataNextLink),
                item => item.Id != null, cancellationToken);

        private static Task<TPage?> NextPageAsync<TPage>(GraphServiceClient graph, string link, ParsableFactory<TPage> factory, CancellationToken cancellationToken)
            where TPage : IParsable
        {
            var request = new RequestInformation { HttpMethod = Method.GET, URI = new Uri(link) };
            request.Headers.TryAdd("Accept", "application/json");
            return graph.RequestAdapter.SendAsync(request, factory, s_errors, cancellationToken);
        }

        private static readonly Dictionary<string, ParsableFactory<IParsable>> s_errors = new Dictionary<string, ParsableFactory<IParsable>>
        {
            ["XXX"] = ODataError.CreateFromDiscriminatorValue,
        };

        /// <summary>Any pages: <paramref name="open"/> reads one (materialised: a page that is disposable is disposed once read).</summary>
        public static async IAsyncEnumerable<TItem> ReadAllAsync<TPage, TItem>(
            PagedRead read,
            Func<string?, CancellationToken, Task<TPage?>> fetch,
            Func<TPage, PageContent<TItem>> open,
            Func<TItem, bool>? complete,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
            where TPage : class
        {
            string? cursor = null;
            var visited = new HashSet<string>(StringComparer.Ordinal);
            for (int pageNumber = 1; ; pageNumber++)
            {
                PageContent<TItem> content = default;
                for (int attempt = 1; ; attempt++)
                {
                    string? problem;
                    try
                    {
                        var page = await fetch(cursor, cancellationToken).ConfigureAwait(false);
                        if (page == null) problem = "an empty answer";
                        else
                        {
                            try { content = open(page); }
                            finally { (page as IDisposable)?.Dispose(); }
                            problem = Problem(content, complete, visited);
                        }
                    }
                    catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException)
                    {
                        problem = "an answer that could not be read (" + ex.GetType().Name + ")";
                    }
                    catch (MalformedResponseException ex)
                    {
                        // The pipeline already asked for it again as many times as it may.
                        throw Malformed(read, pageNumber, ex.Message, ex);
                    }
                    if (problem == null) break;
                    if (attempt > read.Policy.MaxRetries)
                        throw Malformed(read, pageNumber, $"page {pageNumber} came back as {problem} {attempt} times", null);
                    var wait = read.Policy.Backoff(attempt);
                    OperationLog.Verbose($"{read.Operation} in tenant '{read.TenantId}': page {pageNumber} came back as {problem}; asking for it again ({attempt} of {read.Policy.MaxRetries}) in {wait.TotalSeconds:0.##} s.");
                    await read.Policy.Clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                }
                if (cursor != null) visited.Add(cursor);
                foreach (var item in content.Items!) yield return item!;
                if (content.Next == null) yield break;
                cursor = content.Next;
            }
        }

        private static PartnerSecurityException Malformed(PagedRead read, int pageNumber, string what, Exception? inner) =>
            new PartnerSecurityException("ResponseMalformed", ErrorKind.InvalidData,
                $"{read.Operation} failed in tenant '{read.TenantId}' at page {pageNumber}: {what.TrimEnd('.')}. Reading stopped rather than return an incomplete list.",
                "Run the command again. If it keeps happening, something between this computer and Microsoft (a proxy, a gateway) may be altering answers.",
                inner, read.TenantId);

        private static string? Problem<TItem>(PageContent<TItem> content, Func<TItem, bool>? complete, HashSet<string> visited)
        {
            if (content.Problem != null) return content.Problem;
            if (content.Items == null) return "a page without its list of items";
            for (int i = 0; i < content.Items.Count; i++)
            {
                var item = content.Items[i];
                if (item == null || (complete != null && !complete(item))) return $"a page whose item {i + 1} is empty";
            }
            if (content.Next != null && visited.Contains(content.Next)) return "a page whose next link leads back to a page already read";
            return null;
        }

        /// <summary>
        /// A Graph collection read as JSON: its "value" array and "@odata.nextLink". Each item that is an object is
        /// mapped; any other item becomes default (null), which the reader counts as an empty item: use a class or
        /// a nullable type for <typeparamref name="T"/>.
        /// </summary>
        public static PageContent<T> JsonPage<T>(JsonDocument page, Func<JsonElement, T> map)
        {
            var root = page.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                return new PageContent<T>(null, null);
            var items = new List<T?>(value.GetArrayLength());
            foreach (var item in value.EnumerateArray())
                items.Add(item.ValueKind == JsonValueKind.Object ? map(item) : default);
            if (!root.TryGetProperty("@odata.nextLink", out var next) || next.ValueKind == JsonValueKind.Null)
                return new PageContent<T>(items, null);
            return next.ValueKind == JsonValueKind.String
                ? new PageContent<T>(items, next.GetString())
                : new PageContent<T>(items, null, "a page whose next link is not a link");
        }
    }
}
