using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>One incoming request, decoded once: path segments, query options, form or JSON body.</summary>
    public sealed class EmulatorRequest
    {
        private EmulatorRequest(HttpRequestMessage message, string body)
        {
            Message = message;
            Uri = message.RequestUri ?? throw new ArgumentException("The request has no URI.");
            Method = message.Method.Method.ToUpperInvariant();
            Path = Uri.AbsolutePath;
            Query = ParseUrlEncoded(Uri.Query.TrimStart('?'));
            Body = body;
        }

        public HttpRequestMessage Message { get; }
        public Uri Uri { get; }
        public string Method { get; }
        /// <summary>The decoded absolute path, for example "/v1.0/users".</summary>
        public string Path { get; }
        public IReadOnlyDictionary<string, string> Query { get; }
        public string Body { get; }
        /// <summary>Values captured by the route pattern that matched.</summary>
        public Match? RouteMatch { get; internal set; }

        public string Route(string group) => Uri.UnescapeDataString(RouteMatch?.Groups[group].Value ?? string.Empty);

        public static async System.Threading.Tasks.Task<EmulatorRequest> ReadAsync(HttpRequestMessage message)
        {
            var body = message.Content == null ? string.Empty : await message.Content.ReadAsStringAsync().ConfigureAwait(false);
            return new EmulatorRequest(message, body);
        }

        public string? Header(string name)
        {
            if (Message.Headers.TryGetValues(name, out var values)) return values.FirstOrDefault();
            if (Message.Content != null && Message.Content.Headers.TryGetValues(name, out var contentValues)) return contentValues.FirstOrDefault();
            return null;
        }

        public IReadOnlyDictionary<string, string> Form() => ParseUrlEncoded(Body);

        /// <summary>The JSON body as an object, or null when it is absent or not a JSON object.</summary>
        public JsonObject? JsonBody()
        {
            if (string.IsNullOrWhiteSpace(Body)) return null;
            try { return JsonNode.Parse(Body) as JsonObject; }
            catch (System.Text.Json.JsonException) { return null; }
        }

        /// <summary>Decodes "a=1&amp;b=x%20y"; names keep their first value; "+" is a space as in forms.</summary>
        public static IReadOnlyDictionary<string, string> ParseUrlEncoded(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (string.IsNullOrEmpty(text)) return result;
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                var name = Decode(eq < 0 ? pair : pair.Substring(0, eq));
                var value = eq < 0 ? string.Empty : Decode(pair.Substring(eq + 1));
                if (!result.ContainsKey(name)) result[name] = value;
            }
            return result;
        }

        private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }
}
