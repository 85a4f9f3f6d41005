using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Benchmarks.Reference;

/// <summary>
/// What a partner's script has for Graph (Invoke-MgGraphRequest / Invoke-RestMethod with a bearer token): one request
/// at a time, @odata.nextLink followed page by page, and on 429 a wait of Retry-After (or the Graph SDK's retry
/// handler's 3 s doubling when there is none) on the emulator's clock, then the same request again. Reference
/// strategies only: the module does not use this.
/// </summary>
internal sealed class ScriptGraphClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Func<string> _token;
    private readonly Func<TimeSpan, Task> _wait;
    private string _bearer;
    private DateTimeOffset _issued;
    private readonly Func<DateTimeOffset> _now;

    public ScriptGraphClient(HttpMessageHandler transport, Func<string> token, Func<DateTimeOffset> now, Func<TimeSpan, Task> wait)
    {
        _http = new HttpClient(transport, disposeHandler: false);
        _token = token;
        _now = now;
        _wait = wait;
        _bearer = token();
        _issued = now();
    }

    public int Throttled { get; private set; }

    public async Task<JsonObject> GetAsync(string url) => (JsonObject)JsonNode.Parse(await SendAsync(HttpMethod.Get, url, null))!;

    /// <summary>Every item of a collection, following @odata.nextLink.</summary>
    public async Task<List<JsonObject>> GetAllAsync(string url)
    {
        var items = new List<JsonObject>();
        for (string? next = url; next != null;)
        {
            var page = await GetAsync(next);
            items.AddRange(((JsonArray)page["value"]!).Select(v => (JsonObject)v!));
            next = (string?)page["@odata.nextLink"];
        }
        return items;
    }

    /// <summary>A Graph $batch of GET requests (at most 20); items answered 429 are sent again in a batch of their own after the wait.</summary>
    public async Task<Dictionary<string, JsonObject>> BatchAsync(string version, IReadOnlyList<string> relativeUrls)
    {
        var results = new Dictionary<string, JsonObject>();
        var pending = relativeUrls.Select((u, i) => (Id: i.ToString(System.Globalization.CultureInfo.InvariantCulture), Url: u)).ToList();
        for (int attempt = 0; pending.Count > 0; attempt++)
        {
            var body = new JsonObject { ["requests"] = new JsonArray(pending.Select(p => (JsonNode)new JsonObject { ["id"] = p.Id, ["method"] = "GET", ["url"] = p.Url }).ToArray()) };
            var answer = (JsonObject)JsonNode.Parse(await SendAsync(HttpMethod.Post, $"https://graph.microsoft.com/{version}/$batch", body.ToJsonString()))!;
            var retry = new List<(string, string)>();
            TimeSpan wait = TimeSpan.Zero;
            foreach (var response in ((JsonArray)answer["responses"]!).Select(r => (JsonObject)r!))
            {
                var id = (string)response["id"]!;
                int status = (int)response["status"]!;
                if (status == 429)
                {
                    Throttled++;
                    retry.Add(pending.Single(p => p.Id == id));
                    var after = response["headers"]?["Retry-After"]?.ToString();
                    var seconds = int.TryParse(after, out var s) ? s : 3 << Math.Min(attempt, 5);
                    if (TimeSpan.FromSeconds(seconds) > wait) wait = TimeSpan.FromSeconds(seconds);
                }
                else if (status >= 400) throw new InvalidOperationException($"Batch item {pending.Single(p => p.Id == id).Url} failed: {status} {response["body"]}");
                else results[pending.Single(p => p.Id == id).Url] = (JsonObject)response["body"]!;
            }
            if (retry.Count > 0) await _wait(wait);
            pending = retry;
        }
        return results;
    }

    private async Task<string> SendAsync(HttpMethod method, string url, string? json)
    {
        for (int attempt = 0; ; attempt++)
        {
            // Connect-MgGraph refreshes its token before it expires; so does this, on the emulator's clock.
            if (_now() - _issued > TimeSpan.FromMinutes(50))
            {
                _bearer = _token();
                _issued = _now();
            }
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearer);
            if (json != null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == (HttpStatusCode)429 && attempt < 10)
            {
                Throttled++;
                var after = response.Headers.RetryAfter?.Delta;
                await _wait(after ?? TimeSpan.FromSeconds(3 << Math.Min(attempt, 5)));
                continue;
            }
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {url} failed: {(int)response.StatusCode} {text}");
            return text;
        }
    }

    public void Dispose() => _http.Dispose();
}
