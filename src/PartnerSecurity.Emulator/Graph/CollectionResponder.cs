using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// Serves a collection the way Graph does: $filter, $select, $top and $count applied, pages of the
    /// endpoint's size, and an @odata.nextLink whose $skiptoken is opaque and bound to the query it came from.
    /// </summary>
    public static class CollectionResponder
    {
        public static HttpResponseMessage Serve(GraphCall call, IEnumerable<JsonObject> source, CollectionPolicy policy) => Serve(call, source, policy, null);

        /// <summary>
        /// As above; <paramref name="shape"/> turns a stored object into what the endpoint serves (a
        /// directoryObject with its @odata.type, say), applied to the page's items only, so that a large
        /// collection is not copied whole for every page.
        /// </summary>
        public static HttpResponseMessage Serve(GraphCall call, IEnumerable<JsonObject> source, CollectionPolicy policy, Func<JsonObject, JsonObject>? shape)
        {
            var query = call.Request.Query;
            CheckOptions(call, query, policy, allowCount: true);

            IEnumerable<JsonObject> items = source;
            var filter = Filter(call, query, policy);
            CheckAdvanced(call, query, policy, filter);
            if (filter != null)
            {
                var empty = new Dictionary<string, JsonNode?>();
                items = items.Where(i => filter.Evaluate(i, empty));
            }
            items = Searched(call, query, policy, items);
            items = Ordered(query, policy, items);
            var all = items as IList<JsonObject> ?? items.ToList();

            int pageSize = PageSize(query, policy);
            var fingerprint = Fingerprint(call.Request);
            int offset = 0;
            if (query.TryGetValue("$skiptoken", out var skipToken))
                offset = DecodeSkipToken(skipToken, fingerprint);

            var (select, projection) = Projection(query, policy);
            var body = Envelope(call, policy, select);
            if (query.TryGetValue("$count", out var count) && string.Equals(count, "true", StringComparison.OrdinalIgnoreCase))
            {
                if (policy.CountNeedsConsistencyLevel && !string.Equals(call.Request.Header("ConsistencyLevel"), "eventual", StringComparison.OrdinalIgnoreCase))
                    throw GraphException.BadRequest("$count is not currently supported without the header ConsistencyLevel: eventual.", "Request_BadRequest");
                body["@odata.count"] = all.Count;
            }
            var page = all.Skip(offset).Take(pageSize).Select(i => Project(shape == null ? i : shape(i), projection)).ToArray();
            if (offset + pageSize < all.Count)
                body["@odata.nextLink"] = NextLink(call.Request.Uri, EncodeSkipToken(offset + pageSize, fingerprint));
            body["value"] = new JsonArray(page);
            return EmulatorResponse.Json(HttpStatusCode.OK, body, EmulatorResponse.GraphJson);
        }

        /// <summary>
        /// Serves a large, already ordered collection by scanning it: the $skiptoken holds the position in
        /// <paramref name="source"/> where the next page's scan resumes, so a page costs the items it looks at,
        /// not the whole collection (Graph's log endpoints page this way over millions of records).
        /// <paramref name="implicitFilter"/> gives, from the request's parsed $filter (or null), the endpoint's own
        /// rules beside it (retention, default event types). No $count: the log endpoints do not offer it.
        /// </summary>
        public static HttpResponseMessage ServeScan(GraphCall call, IReadOnlyList<JsonObject> source, CollectionPolicy policy,
            Func<FilterNode?, Func<JsonObject, bool>>? implicitFilter, Func<JsonObject, JsonObject>? shape)
        {
            var query = call.Request.Query;
            CheckOptions(call, query, policy, allowCount: false);
            var filter = Filter(call, query, policy);
            int pageSize = PageSize(query, policy);
            var fingerprint = Fingerprint(call.Request);
            int position = 0;
            if (query.TryGetValue("$skiptoken", out var skipToken))
                position = DecodeSkipToken(skipToken, fingerprint);
            var (select, projection) = Projection(query, policy);

            var empty = new Dictionary<string, JsonNode?>();
            var rules = implicitFilter?.Invoke(filter);
            bool Keep(JsonObject item) => (rules == null || rules(item)) && (filter == null || filter.Evaluate(item, empty));
            var page = new List<JsonNode>(Math.Min(pageSize, 1024));
            int i = position;
            for (; i < source.Count && page.Count < pageSize; i++)
            {
                if (Keep(source[i])) page.Add(Project(shape == null ? source[i] : shape(source[i]), projection));
            }
            // A next link only when another item would match, as Graph gives none after the last page.
            int next = i;
            while (next < source.Count && !Keep(source[next])) next++;

            var body = Envelope(call, policy, select);
            if (next < source.Count)
                body["@odata.nextLink"] = NextLink(call.Request.Uri, EncodeSkipToken(next, fingerprint));
            body["value"] = new JsonArray(page.ToArray());
            return EmulatorResponse.Json(HttpStatusCode.OK, body, EmulatorResponse.GraphJson);
        }

        private static bool Eventual(GraphCall call) => string.Equals(call.Request.Header("ConsistencyLevel"), "eventual", StringComparison.OrdinalIgnoreCase);

        private static bool Counted(IReadOnlyDictionary<string, string> query) =>
            query.TryGetValue("$count", out var count) && string.Equals(count, "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>ne, not, endswith, and $filter with $orderby on directory objects: advanced queries, refused without $count=true and ConsistencyLevel: eventual.</summary>
        private static void CheckAdvanced(GraphCall call, IReadOnlyDictionary<string, string> query, CollectionPolicy policy, FilterNode? filter)
        {
            if (!policy.AdvancedQueries || (Eventual(call) && Counted(query))) return;
            var advanced = filter?.Uses().Select(u => u.Operation).FirstOrDefault(op => op == "ne" || op == "not" || op == "endswith");
            if (advanced != null)
                throw GraphException.UnsupportedQuery($"Operator '{advanced}' is not supported because the required parameters might be missing. Try adding $count with a value of true and ConsistencyLevel header with a value of eventual.");
            if (filter != null && query.ContainsKey("$orderby"))
                throw GraphException.UnsupportedQuery("Sorting with $orderby beside $filter is an advanced query: add $count=true and the header ConsistencyLevel: eventual.");
        }

        /// <summary>$search="property:text" (clauses joined by AND or OR), as directory objects take it: only with ConsistencyLevel: eventual.</summary>
        private static IEnumerable<JsonObject> Searched(GraphCall call, IReadOnlyDictionary<string, string> query, CollectionPolicy policy, IEnumerable<JsonObject> items)
        {
            if (!query.TryGetValue("$search", out var search) || search.Trim().Length == 0) return items;
            if (!Eventual(call))
                throw GraphException.UnsupportedQuery("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
            var any = System.Text.RegularExpressions.Regex.IsMatch(search, @"\bOR\b");
            var clauses = System.Text.RegularExpressions.Regex.Split(search, @"\s+(?:AND|OR)\s+").Select(c => c.Trim().Trim('"')).ToList();
            var tests = new List<Func<JsonObject, bool>>();
            foreach (var clause in clauses)
            {
                int colon = clause.IndexOf(':');
                if (colon <= 0 || !policy.Search.Contains(clause.Substring(0, colon)))
                    throw GraphException.UnsupportedQuery($"Invalid $search clause '{clause}': use \"property:text\" with one of {string.Join(", ", policy.Search)}.");
                var property = clause.Substring(0, colon);
                var text = clause.Substring(colon + 1);
                tests.Add(item => ODataFilter.Navigate(item, property) is JsonValue v && v.TryGetValue(out string? value) && value != null
                    && value.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0);
            }
            return items.Where(i => any ? tests.Any(t => t(i)) : tests.All(t => t(i)));
        }

        /// <summary>$orderby on the properties the endpoint sorts by, "asc" or "desc", honoured; anything else is Graph's 400.</summary>
        private static IEnumerable<JsonObject> Ordered(IReadOnlyDictionary<string, string> query, CollectionPolicy policy, IEnumerable<JsonObject> items)
        {
            if (!query.TryGetValue("$orderby", out var orderBy) || orderBy.Trim().Length == 0) return items;
            IOrderedEnumerable<JsonObject>? ordered = null;
            foreach (var term in orderBy.Split(','))
            {
                var parts = term.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0 || parts.Length > 2 || !policy.OrderBy.Contains(parts[0])
                    || (parts.Length == 2 && !parts[1].Equals("asc", StringComparison.OrdinalIgnoreCase) && !parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase)))
                    throw GraphException.UnsupportedQuery($"Order by not supported for '{term.Trim()}' on '{policy.ContextPath}'.");
                var property = parts[0];
                bool descending = parts.Length == 2 && parts[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
                Func<JsonObject, string> key = item => ODataFilter.Navigate(item, property) is JsonValue v && v.TryGetValue(out string? text) ? text ?? string.Empty : string.Empty;
                ordered = ordered == null
                    ? (descending ? items.OrderByDescending(key, StringComparer.OrdinalIgnoreCase) : items.OrderBy(key, StringComparer.OrdinalIgnoreCase))
                    : (descending ? ordered.ThenByDescending(key, StringComparer.OrdinalIgnoreCase) : ordered.ThenBy(key, StringComparer.OrdinalIgnoreCase));
            }
            return ordered ?? items;
        }

        /// <summary>The $select of a request for one entity, its names checked against the type's properties.</summary>
        public static string[]? SelectOf(EmulatorRequest request, string[] properties, string type)
        {
            if (!request.Query.TryGetValue("$select", out var text) || text.Trim().Length == 0) return null;
            var select = text.Split(',').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
            var known = new HashSet<string>(properties, StringComparer.OrdinalIgnoreCase);
            foreach (var name in select)
            {
                if (!known.Contains(name))
                    throw GraphException.BadRequest($"Parsing OData Select and Expand failed: Could not find a property named '{name}' on type '{type}'.");
            }
            return select;
        }

        private static void CheckOptions(GraphCall call, IReadOnlyDictionary<string, string> query, CollectionPolicy policy, bool allowCount)
        {
            bool refuse = call.Context.Options.RefuseUndocumentedQueries;
            foreach (var option in query.Keys.Where(k => k.StartsWith("$", StringComparison.Ordinal)))
            {
                if ((!policy.SupportedOptions.Contains(option) && !(allowCount && option == "$count")) || (refuse && policy.UndocumentedOptions.Contains(option)))
                    throw GraphException.BadRequest($"Query option '{option}' is not supported on '{policy.ContextPath}'.", "Request_UnsupportedQuery");
            }
        }

        private static FilterNode? Filter(GraphCall call, IReadOnlyDictionary<string, string> query, CollectionPolicy policy)
        {
            if (!query.TryGetValue("$filter", out var filterText) || filterText.Trim().Length == 0) return null;
            var filter = ODataFilter.Parse(filterText, policy.CaseSensitive.Count == 0 ? null : policy.CaseSensitive);
            policy.Validate(filter, call.Context.Options.RefuseUndocumentedQueries);
            return filter;
        }

        private static int PageSize(IReadOnlyDictionary<string, string> query, CollectionPolicy policy)
        {
            if (!query.TryGetValue("$top", out var topText)) return policy.DefaultPageSize;
            if (!int.TryParse(topText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var top) || top < 1 || top > policy.MaxPageSize)
                throw GraphException.BadRequest(string.Format(CultureInfo.InvariantCulture, policy.TopErrorFormat, topText, policy.MaxPageSize), "Request_BadRequest");
            return top;
        }

        private static (string[]? Select, string[]? Projection) Projection(IReadOnlyDictionary<string, string> query, CollectionPolicy policy)
        {
            string[]? select = null;
            if (query.TryGetValue("$select", out var selectText) && selectText.Trim().Length > 0)
            {
                select = selectText.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToArray();
                foreach (var property in select)
                {
                    if (policy.Properties != null && !policy.Properties.Contains(property))
                        throw GraphException.BadRequest($"Parsing OData Select and Expand failed: Could not find a property named '{property}' on type '{policy.ResourceType}'.");
                }
            }
            var projection = select ?? policy.DefaultSelect;
            // Navigation properties the endpoint expanded stay in the projection, as Graph returns them beside $select.
            if (projection != null && query.TryGetValue("$expand", out var expandText) && expandText.Trim().Length > 0)
                projection = projection.Concat(ExpandedNames(expandText)).ToArray();
            return (select, projection);
        }

        private static JsonObject Envelope(GraphCall call, CollectionPolicy policy, string[]? select) => new JsonObject
        {
            ["@odata.context"] = $"{call.ServiceRoot}/$metadata#{policy.ContextPath}" + (select != null ? "(" + string.Join(",", select) + ")" : string.Empty),
        };

        /// <summary>A copy of the item with only the named properties (and its @odata.type, as Graph keeps it).</summary>
        public static JsonObject Project(JsonObject item, string[]? properties)
        {
            if (properties == null) return (JsonObject)item.DeepClone();
            var result = new JsonObject();
            if (item["@odata.type"] is JsonNode type) result["@odata.type"] = type.DeepClone();
            foreach (var name in properties)
            {
                var pair = item.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));
                result[pair.Key ?? name] = pair.Value?.DeepClone();
            }
            return result;
        }

        /// <summary>The navigation property names of an $expand value: "principal($select=id),roleDefinition" gives principal, roleDefinition.</summary>
        public static IEnumerable<string> ExpandedNames(string expand)
        {
            int depth = 0, start = 0;
            for (int i = 0; i <= expand.Length; i++)
            {
                char c = i < expand.Length ? expand[i] : ',';
                if (c == '(') depth++;
                else if (c == ')') depth--;
                else if (c == ',' && depth == 0)
                {
                    var part = expand.Substring(start, i - start);
                    int paren = part.IndexOf('(');
                    var name = (paren < 0 ? part : part.Substring(0, paren)).Trim();
                    if (name.Length > 0) yield return name;
                    start = i + 1;
                }
            }
        }

        private static string Fingerprint(EmulatorRequest request)
        {
            var parts = request.Query.Where(p => !string.Equals(p.Key, "$skiptoken", StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                .Select(p => p.Key.ToLowerInvariant() + "=" + p.Value);
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(request.Path.ToLowerInvariant() + "?" + string.Join("&", parts)));
            return Base64Url.Encode(hash).Substring(0, 16);
        }

        private static string EncodeSkipToken(int offset, string fingerprint) =>
            Base64Url.Encode(Encoding.UTF8.GetBytes($"RFNwdA{offset.ToString(CultureInfo.InvariantCulture)}|{fingerprint}"));

        private static int DecodeSkipToken(string token, string fingerprint)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Base64Url.Decode(token));
                var bar = text.IndexOf('|');
                if (bar > 6 && text.StartsWith("RFNwdA", StringComparison.Ordinal) && text.Substring(bar + 1) == fingerprint
                    && int.TryParse(text.Substring(6, bar - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                    return offset;
            }
            catch (FormatException) { }
            throw GraphException.BadRequest("The specified page token value has expired and can no longer be included in your request.", "Request_BadRequest");
        }

        private static string NextLink(Uri uri, string skipToken)
        {
            var kept = uri.Query.TrimStart('?').Split('&')
                .Where(p => p.Length > 0)
                .Where(p =>
                {
                    var name = Uri.UnescapeDataString(p.Split('=')[0]);
                    return !string.Equals(name, "$skiptoken", StringComparison.OrdinalIgnoreCase);
                });
            var query = string.Join("&", kept.Append("$skiptoken=" + skipToken));
            return uri.GetLeftPart(UriPartial.Path) + "?" + query;
        }
    }
}
