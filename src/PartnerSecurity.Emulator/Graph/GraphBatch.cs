using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// JSON batching (POST /v1.0/$batch, /beta/$batch): at most 20 requests with URLs relative to the
    /// version root, each answered with its own status, headers and body, in an order different from the
    /// request's (clients must correlate by id). Injected faults apply to each item, so a batch can come
    /// back 200 with some items throttled (429 and their own Retry-After), as Graph does.
    /// </summary>
    internal static class GraphBatch
    {
        public const int MaxRequests = 20;
        private static readonly string[] s_methods = { "GET", "POST", "PATCH", "PUT", "DELETE" };
        private static readonly string[] s_itemHeaders = { "Retry-After", "Location", "OData-Version" };

        public static async Task<HttpResponseMessage> HandleAsync(GraphService graph, EmulatorRequest request, string version)
        {
            var now = graph.Context.Clock.UtcNow;
            var body = request.JsonBody();
            if (body == null || !(body["requests"] is JsonArray requests))
                return GraphError.Response(HttpStatusCode.BadRequest, "BadRequest", "Invalid batch payload format: the body must be a JSON object with a 'requests' array.", request, now);
            if (requests.Count == 0)
                return GraphError.Response(HttpStatusCode.BadRequest, "BadRequest", "Invalid batch payload format: 'requests' is empty.", request, now);
            if (requests.Count > MaxRequests)
                return GraphError.Response(HttpStatusCode.BadRequest, "BadRequest", $"Number of batch request steps exceeds the maximum of {MaxRequests}.", request, now);

            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in requests)
            {
                var id = (string?)(node as JsonObject)?["id"];
                if (string.IsNullOrEmpty(id) || !ids.Add(id!))
                    return GraphError.Response(HttpStatusCode.BadRequest, "BadRequest", "Invalid batch payload format: every request needs a unique 'id'.", request, now);
            }

            var statusById = new Dictionary<string, int>(StringComparer.Ordinal);
            var responses = new List<JsonObject>();
            foreach (JsonObject item in requests.Cast<JsonObject>())
            {
                var id = (string)item["id"]!;
                var answer = await AnswerAsync(graph, request, version, item, statusById).ConfigureAwait(false);
                statusById[id] = (int)answer["status"]!;
                responses.Add(answer);
            }
            // Graph documents that responses may come back in any order: serve them in reverse.
            responses.Reverse();
            var result = new JsonObject { ["responses"] = new JsonArray(responses.Select(r => (JsonNode)r).ToArray()) };
            return EmulatorResponse.Json(HttpStatusCode.OK, result, "application/json; charset=utf-8");
        }

        private static async Task<JsonObject> AnswerAsync(GraphService graph, EmulatorRequest batch, string version, JsonObject item, IReadOnlyDictionary<string, int> statusById)
        {
            var id = (string)item["id"]!;
            var now = graph.Context.Clock.UtcNow;
            var method = ((string?)item["method"] ?? string.Empty).ToUpperInvariant();
            var url = (string?)item["url"] ?? string.Empty;
            if (Array.IndexOf(s_methods, method) < 0)
                return Error(id, 400, "BadRequest", $"Invalid method '{method}' in batch request '{id}'.", now);
            if (url.Length == 0 || url.StartsWith("http", StringComparison.OrdinalIgnoreCase)
                || url.TrimStart('/').StartsWith("v1.0/", StringComparison.OrdinalIgnoreCase) || url.TrimStart('/').StartsWith("beta/", StringComparison.OrdinalIgnoreCase))
                return Error(id, 400, "BadRequest", $"Invalid request URL '{url}' in batch request '{id}': it must be relative to the version root, such as /users/{{id}}.", now);

            if (item["dependsOn"] is JsonArray dependsOn)
            {
                foreach (var dependency in dependsOn.Select(d => (string?)d ?? string.Empty))
                {
                    if (!statusById.TryGetValue(dependency, out var status))
                        return Error(id, 400, "BadRequest", $"Request '{id}' depends on '{dependency}', which is not an earlier request of the batch.", now);
                    if (status >= 400)
                        return Error(id, 424, "FailedDependency", $"Request '{id}' was not run: request '{dependency}' failed.", now);
                }
            }

            using var message = new HttpRequestMessage(new HttpMethod(method), new Uri($"https://{batch.Uri.Host}/{version}/{url.TrimStart('/')}"));
            var authorization = batch.Header("Authorization");
            if (authorization != null) message.Headers.TryAddWithoutValidation("Authorization", authorization);
            var headers = item["headers"] as JsonObject;
            if (item["body"] is JsonNode itemBody)
            {
                var contentType = (string?)headers?.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
                if (contentType == null)
                    return Error(id, 400, "BadRequest", $"Request '{id}' has a body but no Content-Type header.", now);
                message.Content = new StringContent(itemBody.ToJsonString(), Encoding.UTF8);
                message.Content.Headers.Remove("Content-Type");
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
            foreach (var header in headers ?? new JsonObject())
            {
                if (!string.Equals(header.Key, "Content-Type", StringComparison.OrdinalIgnoreCase))
                    message.Headers.TryAddWithoutValidation(header.Key, (string?)header.Value);
            }

            var itemRequest = await EmulatorRequest.ReadAsync(message).ConfigureAwait(false);
            var fault = graph.Context.Faults.Decide(itemRequest, batchItem: true);
            var response = fault != null
                ? graph.Context.Faults.BatchItemAnswer(fault, itemRequest, now)
                : await graph.HandleAsync(itemRequest).ConfigureAwait(false);
            graph.Context.BatchItems.Add(new RequestRecord(method, itemRequest.Uri.AbsoluteUri, (int)response.StatusCode));
            using (response)
            {
                var answer = new JsonObject { ["id"] = id, ["status"] = (int)response.StatusCode };
                var answerHeaders = new JsonObject();
                if (response.Content?.Headers.ContentType != null) answerHeaders["Content-Type"] = response.Content.Headers.ContentType.ToString();
                foreach (var name in s_itemHeaders)
                {
                    if (response.Headers.TryGetValues(name, out var values)) answerHeaders[name] = string.Join(",", values);
                }
                answer["headers"] = answerHeaders;
                var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (text.Length > 0)
                {
                    try { answer["body"] = JsonNode.Parse(text); }
                    catch (JsonException) { answer["body"] = text; }
                }
                return answer;
            }
        }

        private static JsonObject Error(string id, int status, string code, string message, DateTimeOffset now) => new JsonObject
        {
            ["id"] = id,
            ["status"] = status,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
            ["body"] = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = code,
                    ["message"] = message,
                    ["innerError"] = new JsonObject { ["date"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), ["request-id"] = Guid.NewGuid().ToString() },
                },
            },
        };
    }
}
