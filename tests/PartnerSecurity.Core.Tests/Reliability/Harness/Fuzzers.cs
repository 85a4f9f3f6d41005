using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Graph;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Graph;
using PartnerSecurity.Http;

namespace PartnerSecurity.Reliability;

/// <summary>What a fuzzer saw: outcomes by name, and the cases that broke a rule (a crash, a hang, an injected filter...).</summary>
public sealed class FuzzResult
{
    public FuzzResult(string name) => Name = name;

    public string Name { get; }
    public int Cases { get; private set; }
    public Dictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);
    public List<string> Failures { get; } = new();

    public void Count(string outcome)
    {
        Cases++;
        Outcomes[outcome] = Outcomes.TryGetValue(outcome, out var n) ? n + 1 : 1;
    }

    public void Fail(int seed, int index, string what)
    {
        Count("FAILED");
        if (Failures.Count < 20) Failures.Add($"seed {seed} case {index}: {what}");
    }
}

/// <summary>
/// Bounded, seeded fuzzers for what reaches the module from outside: snapshot files, strings written into OData
/// filters and URL paths, and Retry-After values. The rule each enforces: a clear error or a right answer; never a
/// crash, a hang, an injected filter or a path that reaches another endpoint. The same seed runs the same cases.
/// </summary>
public static class Fuzzers
{
    private static readonly string[] s_nasty =
    {
        "'", "''", "\"", "\\", "/", "/../", "..", "%", "%27", "%2F", "&", "#", "?", "+", " ", "=", "(", ")", ",", "$filter=", " or ", " eq ",
        " and true", "') or ('1' eq '1", "\u0000", "\u001b[2J", "\r\n", "\t", "\u202e", "\ud83d\ude00", "é", "ß", "İ", "\uFEFF", "{", "}", "[", "]", "*", ":", "@", ";",
    };

    // ------------------------------------------------------------------ snapshots

    /// <summary>Mutations of well-formed snapshot documents: each must load, or be refused with a JSON path and words (never .NET text), fast.</summary>
    public static FuzzResult Snapshots(IReadOnlyList<string> baseDocuments, int seed, int cases, TimeSpan slowCase)
    {
        var result = new FuzzResult("snapshot loader");
        var random = new Random(seed);
        for (int i = 0; i < cases; i++)
        {
            var text = Mutate(baseDocuments[random.Next(baseDocuments.Count)], random, out var mutation);
            var watch = Stopwatch.StartNew();
            try
            {
                var snapshot = SnapshotReader.Read(text, "fuzz.json", maxBytes: 8 * 1024 * 1024);
                _ = new TenantEmulator(snapshot);
                result.Count("loaded");
            }
            catch (SnapshotFormatException ex)
            {
                if (!ex.JsonPath.StartsWith("$", StringComparison.Ordinal) || ex.Message.Contains("System.") || ex.Problem.StartsWith("the document could not be read", StringComparison.Ordinal))
                    result.Fail(seed, i, $"{mutation}: refused without a path or in .NET words: {ex.Message}");
                else result.Count("refused at its path");
            }
            catch (Exception ex)
            {
                result.Fail(seed, i, $"{mutation}: {ex.GetType().Name}: {ex.Message}");
            }
            if (watch.Elapsed > slowCase) result.Fail(seed, i, $"{mutation}: took {watch.Elapsed.TotalSeconds:0.0} s");
        }
        return result;
    }

    private static string Mutate(string document, Random random, out string mutation)
    {
        switch (random.Next(9))
        {
            case 0:
                mutation = "truncated";
                return document.Substring(0, random.Next(document.Length));
            case 1:
                mutation = "bytes inserted";
                var junk = new string(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)random.Next(0, 0x2FF)).ToArray());
                return document.Insert(random.Next(document.Length), junk);
            case 2:
                mutation = "nested deep";
                int depth = random.Next(1, 3000);
                var deep = string.Concat(Enumerable.Repeat("[", depth)) + "1" + string.Concat(Enumerable.Repeat("]", depth));
                return document.Insert(document.LastIndexOf('}'), ",\"deep\":" + deep);
            case 3:
                mutation = "key written twice";
                int brace = document.IndexOf('{', random.Next(document.Length / 2));
                return brace < 0 ? document : document.Insert(brace + 1, "\"id\":\"twice\",");
            default:
                var root = JsonNode.Parse(document)!;
                var nodes = new List<(JsonNode? Parent, object Key, JsonNode? Node)>();
                Collect(root, null, "$", nodes);
                var (parent, key, node) = nodes[random.Next(nodes.Count)];
                var replacement = Value(random);
                mutation = $"{(node == null ? "null" : node.GetValueKind().ToString())} at {key} replaced by {(replacement?.ToJsonString() ?? "null")}";
                if (parent is JsonObject obj && key is string name)
                {
                    if (random.Next(4) == 0) { obj.Remove(name); mutation = $"{name} removed"; }
                    else obj[name] = replacement;
                }
                else if (parent is JsonArray array && key is int index) array[index] = replacement;
                return root.ToJsonString();
        }
    }

    private static void Collect(JsonNode? node, JsonNode? parent, object key, List<(JsonNode?, object, JsonNode?)> nodes)
    {
        if (parent != null) nodes.Add((parent, key, node));
        if (node is JsonObject obj) foreach (var property in obj.ToList()) Collect(property.Value, obj, property.Key, nodes);
        else if (node is JsonArray array) for (int i = 0; i < array.Count; i++) Collect(array[i], array, i, nodes);
    }

    private static JsonNode? Value(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 1_000_000)),
        3 => JsonValue.Create(random.NextDouble() * 1e300),
        4 => new JsonArray(JsonValue.Create(Nasty(random)), JsonValue.Create(7)),
        5 => new JsonObject { ["x"] = Nasty(random) },
        6 => JsonValue.Create(new string('a', random.Next(1, 200_000))),
        7 => JsonValue.Create("2026-13-45T99:00:00Z"),
        _ => JsonValue.Create(Nasty(random)),
    };

    private static string Nasty(Random random)
    {
        var text = new StringBuilder();
        int parts = random.Next(1, 6);
        for (int i = 0; i < parts; i++)
        {
            text.Append(random.Next(3) switch
            {
                0 => s_nasty[random.Next(s_nasty.Length)],
                1 => ((char)random.Next(0x20, 0x7f)).ToString(),
                _ => "user" + random.Next(100),
            });
        }
        return text.ToString();
    }

    // ------------------------------------------------------------------ OData strings and URL paths

    /// <summary>
    /// Hostile strings written as OData string literals (the module's filters on user principal names, display names,
    /// app ids) and as URL path segments: the emulator's filter parser must read back exactly one comparison with
    /// exactly that value, and a path segment must stay one segment that decodes to the string.
    /// </summary>
    public static FuzzResult ODataStrings(int seed, int cases)
    {
        var result = new FuzzResult("OData strings and path segments");
        var random = new Random(seed);
        for (int i = 0; i < cases; i++)
        {
            var value = Nasty(random);
            try
            {
                var filter = ODataFilter.Parse("userPrincipalName eq " + ODataLiteral.String(value));
                var uses = filter.Uses().ToList();
                bool matches = filter.Evaluate(new JsonObject { ["userPrincipalName"] = value }, new Dictionary<string, JsonNode?>());
                bool decoy = filter.Evaluate(new JsonObject { ["userPrincipalName"] = value + "x" }, new Dictionary<string, JsonNode?>())
                             || filter.Evaluate(new JsonObject { ["userPrincipalName"] = "admin@contoso.com" }, new Dictionary<string, JsonNode?>());
                if (uses.Count != 1 || uses[0] != ("userPrincipalName", "eq") || !matches || decoy)
                {
                    result.Fail(seed, i, $"filter for {Show(value)} read back as {string.Join(", ", uses)} (matches {matches}, decoy {decoy})");
                    continue;
                }
                var list = ODataFilter.Parse("userPrincipalName in (" + ODataLiteral.String(value) + "," + ODataLiteral.String("other") + ")");
                if (list.Uses().Count() != 1 || !list.Evaluate(new JsonObject { ["userPrincipalName"] = value }, new Dictionary<string, JsonNode?>()))
                {
                    result.Fail(seed, i, $"'in' list for {Show(value)} read back wrong");
                    continue;
                }
            }
            catch (Exception ex)
            {
                result.Fail(seed, i, $"filter for {Show(value)}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            if (!GraphPath.IsSendable(value))
            {
                result.Count("exact filter; no object id, never sent in a path");
                continue;
            }
            var uri = new Uri("https://graph.microsoft.com/beta" + GraphPath.PerUserMfaRequirements(value));
            var segments = uri.AbsolutePath.Split('/');
            if (segments.Length != 6 || segments[1] != "beta" || segments[2] != "users" || segments[4] != "authentication" || Uri.UnescapeDataString(segments[3]) != value)
                result.Fail(seed, i, $"path for {Show(value)} became {uri.AbsolutePath}");
            else result.Count("exact filter; one path segment");
        }
        return result;
    }

    // ------------------------------------------------------------------ Retry-After

    /// <summary>Retry-After values: the wait is always within [0, the cap], said when capped, and nothing throws.</summary>
    public static FuzzResult RetryAfter(int seed, int cases)
    {
        var result = new FuzzResult("Retry-After values");
        var random = new Random(seed);
        var policy = new RetryPolicy(6, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2), maxRetryAfter: TimeSpan.FromMinutes(5), seed: seed);
        var now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < cases; i++)
        {
            var value = RetryAfterValue(random, now);
            try
            {
                var wait = policy.DelayFor(value, random.Next(1, 8), now, out var capped);
                using var response = new HttpResponseMessage((System.Net.HttpStatusCode)429);
                response.Headers.TryAddWithoutValidation("Retry-After", value);
                var headerWait = policy.DelayFor(response, 1, now, out _);
                if (wait < TimeSpan.Zero || wait > policy.MaxRetryAfter || headerWait < TimeSpan.Zero || headerWait > policy.MaxRetryAfter)
                    result.Fail(seed, i, $"{Show(value)} waited {wait}");
                else if (capped != null && wait != policy.MaxRetryAfter)
                    result.Fail(seed, i, $"{Show(value)} said capped but waited {wait}");
                else result.Count(capped != null ? "capped and said" : RetryPolicy.ParseRetryAfter(value, now) != null ? "honoured" : "backoff");
            }
            catch (Exception ex)
            {
                result.Fail(seed, i, $"{Show(value)}: {ex.GetType().Name}: {ex.Message}");
            }
        }
        return result;
    }

    private static string RetryAfterValue(Random random, DateTimeOffset now) => random.Next(10) switch
    {
        0 => random.Next(-100, 100_000).ToString(CultureInfo.InvariantCulture),
        1 => (random.NextDouble() * Math.Pow(10, random.Next(0, 310))).ToString("R", CultureInfo.InvariantCulture),
        2 => new[] { "Infinity", "-Infinity", "NaN", "1e20", "1E+308", "4.9E-324", "0x10", "1,5", "+7", " 7 ", "٣" }[random.Next(11)],
        3 => now.AddSeconds(random.NextDouble() * 1e10 - 1e9).ToString("R", CultureInfo.InvariantCulture),
        4 => new DateTimeOffset(random.Next(1, 9999), random.Next(1, 13), random.Next(1, 29), 0, 0, 0, TimeSpan.Zero).ToString("R", CultureInfo.InvariantCulture),
        5 => Nasty(random),
        6 => new string('9', random.Next(1, 400)),
        7 => "2099-01-01T00:00:00Z",
        8 => (random.NextDouble() * 10).ToString("0.###", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };

    private static string Show(string value) => "'" + new string(value.Take(40).Select(c => c < ' ' || c == '\u007f' ? '?' : c).ToArray()) + (value.Length > 40 ? "…" : "") + "'";
}
