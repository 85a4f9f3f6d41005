using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Http;

namespace PartnerSecurity.Graph
{
    /// <summary>What one request of a $batch came back with.</summary>
    public sealed class BatchItemResult
    {
        public BatchItemResult(int status, JsonElement? body, string? errorCode, string? errorMessage, int attempts)
        {
            Status = status;
            Body = body;
            ErrorCode = errorCode;
            ErrorMessage = errorMessage;
            Attempts = attempts;
        }

        public int Status { get; }
        public JsonElement? Body { get; }
        public string? ErrorCode { get; }
        public string? ErrorMessage { get; }
        /// <summary>How many times the item was sent (more than one when it was throttled).</summary>
        public int Attempts { get; }
        public bool Succeeded => Status >= 200 && Status < 300;
    }

    /// <summary>One request of a $batch: a key the caller matches results by, the method, the URL relative to the version root, a JSON body.</summary>
    public sealed class BatchRequest
    {
        public BatchRequest(string key, string method, string relativeUrl, string? jsonBody = null)
        {
            Key = key;
            Method = method;
            RelativeUrl = relativeUrl;
            JsonBody = jsonBody;
        }

        public string Key { get; }
        public string Method { get; }
        public string RelativeUrl { get; }
        public string? JsonBody { get; }
    }

    /// <summary>
    /// Sends many independent requests (GETs, or idempotent writes such as PATCH) as Graph JSON batches of 20 (the documented maximum). Graph may
    /// throttle some items of a batch that itself succeeds; the SDKs do not retry those, this does: only
    /// the throttled items go again, after the longest Retry-After they were given (backoff when none).
    /// Responses are matched to requests by id, whatever order they come back in.
    /// </summary>
    internal sealed class GraphBatchClient
    {
        public const int MaxBatchSize = 20;

        private readonly IGraphConnection _connection;
        private readonly string _tenantId;
        private readonly bool _beta;
        private readonly int _parallelism;

        public GraphBatchClient(IGraphConnection connection, string tenantId, bool beta, int parallelism = 4)
        {
            _connection = connection;
            _tenantId = tenantId;
            _beta = beta;
            _parallelism = Math.Max(1, parallelism);
        }

        /// <summary>Runs every GET; the result holds one entry per key (failed items included, with their status).</summary>
        public Task<IReadOnlyDictionary<string, BatchItemResult>> GetAsync(IReadOnlyList<(string Key, string RelativeUrl)> requests, string operation,
            Action<int>? completed, CancellationToken cancellationToken) =>
            SendAsync(requests.Select(r => new BatchRequest(r.Key, "GET", r.RelativeUrl)).ToList(), operation, completed, cancellationToken);

        /// <summary>
        /// Runs every request; the result holds one entry per key (failed items included, with their status).
        /// Throttled or unavailable items are sent again, alone: only idempotent requests belong here.
        /// </summary>
        public async Task<IReadOnlyDictionary<string, BatchItemResult>> SendAsync(IReadOnlyList<BatchRequest> requests, string operation,
            Action<int>? completed, CancellationToken cancellationToken)
        {
            var results = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
            var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
            var pending = requests.ToList();
            var policy = _connection.RetryPolicy;
            for (int round = 1; pending.Count > 0; round++)
            {
                var chunks = new List<List<BatchRequest>>();
                for (int i = 0; i < pending.Count; i += MaxBatchSize) chunks.Add(pending.GetRange(i, Math.Min(MaxBatchSize, pending.Count - i)));
                var answers = new List<(BatchRequest Request, int Status, JsonElement? Body, string? RetryAfter)>();
                using (var gate = new SemaphoreSlim(_parallelism))
                {
                    var tasks = chunks.Select(async chunk =>
                    {
                        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                        try { return await SendBatchAsync(chunk, operation, cancellationToken).ConfigureAwait(false); }
                        finally { gate.Release(); }
                    }).ToList();
                    foreach (var batch in await Task.WhenAll(tasks).ConfigureAwait(false)) answers.AddRange(batch);
                }

                var retry = new List<BatchRequest>();
                string? longestRetryAfter = null, capped = null;
                TimeSpan longest = TimeSpan.Zero;
                foreach (var answer in answers)
                {
                    var key = answer.Request.Key;
                    attempts[key] = attempts.TryGetValue(key, out var n) ? n + 1 : 1;
                    // Every item here is safe to send twice (reads and PATCHes), so every transient status is retried.
                    bool retryable = answer.Status == 0 || RetryPolicy.IsRetryable((System.Net.HttpStatusCode)answer.Status);
                    if (retryable && attempts[key] <= policy.MaxRetries)
                    {
                        retry.Add(answer.Request);
                        var wait = policy.DelayFor(answer.RetryAfter, round, policy.Clock.UtcNow, out var itemCapped);
                        capped ??= itemCapped;
                        if (wait > longest) { longest = wait; longestRetryAfter = answer.RetryAfter; }
                        continue;
                    }
                    var (code, message) = answer.Body is JsonElement body ? GraphRest.ReadError(body) : (null, null);
                    results[key] = new BatchItemResult(answer.Status, answer.Body, code, message, attempts[key]);
                }
                completed?.Invoke(results.Count);
                pending = retry;
                if (pending.Count > 0)
                {
                    if (capped != null)
                        OperationLog.Warning($"{operation}: Graph asked to wait before retrying batched requests with {capped}; waiting {longest.TotalSeconds:0.##} s instead, the longest this module waits.");
                    OperationLog.Verbose($"{operation}: {pending.Count} batched request(s) throttled or unavailable in tenant '{_tenantId}'; retrying only those in {longest.TotalSeconds:0.##} s{(longestRetryAfter == null ? " (backoff)" : " (Retry-After)")}.");
                    await policy.Clock.DelayAsync(longest, cancellationToken).ConfigureAwait(false);
                }
            }
            return results;
        }

        private async Task<List<(BatchRequest Request, int Status, JsonElement? Body, string? RetryAfter)>> SendBatchAsync(
            List<BatchRequest> chunk, string operation, CancellationToken cancellationToken)
        {
            var requests = chunk.Select((item, index) =>
            {
                var request = new Dictionary<string, object>
                {
                    ["id"] = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["method"] = item.Method,
                    ["url"] = item.RelativeUrl,
                };
                if (item.JsonBody != null)
                {
                    using var body = JsonDocument.Parse(item.JsonBody);
                    request["body"] = body.RootElement.Clone();
                    request["headers"] = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
                }
                return request;
            }).ToList();
            var payload = JsonSerializer.Serialize(new Dictionary<string, object> { ["requests"] = requests });
            using var document = await GraphRest.SendAsync(_connection, _tenantId, HttpMethod.Post, GraphRest.Url(_connection, _beta, "/$batch"), payload, operation, cancellationToken).ConfigureAwait(false);
            var byId = new Dictionary<string, (int Status, JsonElement? Body, string? RetryAfter)>(StringComparer.Ordinal);
            if (document != null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Array)
            {
                foreach (var response in responses.EnumerateArray())
                {
                    if (response.ValueKind != JsonValueKind.Object) continue;
                    var id = response.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? string.Empty : string.Empty;
                    // An unreadable status (0) counts as a failed item and is sent again.
                    int status = response.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var code) ? code : 0;
                    JsonElement? body = response.TryGetProperty("body", out var b) ? b.Clone() : (JsonElement?)null;
                    string? retryAfter = null;
                    if (response.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var header in headers.EnumerateObject())
                        {
                            if (string.Equals(header.Name, "Retry-After", StringComparison.OrdinalIgnoreCase)) retryAfter = header.Value.ToString();
                        }
                    }
                    byId[id] = (status, body, retryAfter);
                }
            }
            var answers = new List<(BatchRequest, int, JsonElement?, string?)>();
            for (int index = 0; index < chunk.Count; index++)
            {
                var id = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // An item the batch did not answer is treated as unavailable and retried.
                var (status, body, retryAfter) = byId.TryGetValue(id, out var found) ? found : (503, (JsonElement?)null, (string?)null);
                answers.Add((chunk[index], status, body, retryAfter));
            }
            return answers;
        }
    }
}
