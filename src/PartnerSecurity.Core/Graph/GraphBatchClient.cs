using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
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

    /// <summary>
    /// Sends many independent GET requests as Graph JSON batches of 20 (the documented maximum). Graph may
    /// throttle some items of a batch that itself succeeds; the SDKs do not retry those, this does: only
    /// the throttled items go again, after the longest Retry-After they were given (backoff when none).
    /// Responses are matched to requests by id, whatever order they come back in.
    /// </summary>
    internal sealed class GraphBatchClient
    {
        public const int MaxBatchSize = 20;

        private readonly PartnerConnection _connection;
        private readonly string _tenantId;
        private readonly bool _beta;
        private readonly int _parallelism;

        public GraphBatchClient(PartnerConnection connection, string tenantId, bool beta, int parallelism = 4)
        {
            _connection = connection;
            _tenantId = tenantId;
            _beta = beta;
            _parallelism = Math.Max(1, parallelism);
        }

        /// <summary>Runs every request; the result holds one entry per key (failed items included, with their status).</summary>
        public async Task<IReadOnlyDictionary<string, BatchItemResult>> GetAsync(IReadOnlyList<(string Key, string RelativeUrl)> requests, string operation,
            Action<int>? completed, CancellationToken cancellationToken)
        {
            var results = new Dictionary<string, BatchItemResult>(StringComparer.Ordinal);
            var attempts = new Dictionary<string, int>(StringComparer.Ordinal);
            var pending = requests.ToList();
            var policy = _connection.RetryPolicy;
            for (int round = 1; pending.Count > 0; round++)
            {
                var chunks = new List<List<(string Key, string RelativeUrl)>>();
                for (int i = 0; i < pending.Count; i += MaxBatchSize) chunks.Add(pending.GetRange(i, Math.Min(MaxBatchSize, pending.Count - i)));
                var answers = new List<(string Key, string Url, int Status, JsonElement? Body, string? RetryAfter)>();
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

                var retry = new List<(string Key, string RelativeUrl)>();
                string? longestRetryAfter = null;
                TimeSpan longest = TimeSpan.Zero;
                foreach (var answer in answers)
                {
                    attempts[answer.Key] = attempts.TryGetValue(answer.Key, out var n) ? n + 1 : 1;
                    bool retryable = answer.Status == 429 || answer.Status == 503 || answer.Status == 504;
                    if (retryable && attempts[answer.Key] <= policy.MaxRetries)
                    {
                        retry.Add((answer.Key, answer.Url));
                        var wait = policy.DelayFor(answer.RetryAfter, round, DateTimeOffset.UtcNow);
                        if (wait > longest) { longest = wait; longestRetryAfter = answer.RetryAfter; }
                        continue;
                    }
                    var (code, message) = answer.Body is JsonElement body ? GraphRest.ReadError(body) : (null, null);
                    results[answer.Key] = new BatchItemResult(answer.Status, answer.Body, code, message, attempts[answer.Key]);
                }
                completed?.Invoke(results.Count);
                pending = retry;
                if (pending.Count > 0)
                {
                    OperationLog.Verbose($"{operation}: {pending.Count} batched request(s) throttled or unavailable in tenant '{_tenantId}'; retrying only those in {longest.TotalSeconds:0.##} s{(longestRetryAfter == null ? " (backoff)" : " (Retry-After)")}.");
                    await Task.Delay(longest, cancellationToken).ConfigureAwait(false);
                }
            }
            return results;
        }

        private async Task<List<(string Key, string Url, int Status, JsonElement? Body, string? RetryAfter)>> SendBatchAsync(
            List<(string Key, string RelativeUrl)> chunk, string operation, CancellationToken cancellationToken)
        {
            var requests = chunk.Select((item, index) => new Dictionary<string, object>
            {
                ["id"] = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["method"] = "GET",
                ["url"] = item.RelativeUrl,
            }).ToList();
            var payload = JsonSerializer.Serialize(new Dictionary<string, object> { ["requests"] = requests });
            using var document = await GraphRest.SendAsync(_connection, _tenantId, HttpMethod.Post, GraphRest.Url(_connection, _beta, "/$batch"), payload, operation, cancellationToken).ConfigureAwait(false);
            var byId = new Dictionary<string, (int Status, JsonElement? Body, string? RetryAfter)>(StringComparer.Ordinal);
            if (document != null && document.RootElement.TryGetProperty("responses", out var responses) && responses.ValueKind == JsonValueKind.Array)
            {
                foreach (var response in responses.EnumerateArray())
                {
                    var id = response.TryGetProperty("id", out var i) ? i.GetString() ?? string.Empty : string.Empty;
                    int status = response.TryGetProperty("status", out var s) && s.TryGetInt32(out var code) ? code : 0;
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
            var answers = new List<(string, string, int, JsonElement?, string?)>();
            for (int index = 0; index < chunk.Count; index++)
            {
                var id = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                // An item the batch did not answer is treated as unavailable and retried.
                var (status, body, retryAfter) = byId.TryGetValue(id, out var found) ? found : (503, (JsonElement?)null, (string?)null);
                answers.Add((chunk[index].Key, chunk[index].RelativeUrl, status, body, retryAfter));
            }
            return answers;
        }
    }
}
