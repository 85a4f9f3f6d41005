using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Graph
{
    /// <summary>
    /// Graph calls made as plain JSON through the connection's pipeline, for what the SDK does not fit:
    /// reading objects verbatim (conditional access policies keep Graph's own strings) and $batch. Same
    /// token source, retries, logging and error translation as the SDK clients.
    /// </summary>
    internal static class GraphRest
    {
        public static string Url(IGraphConnection connection, bool beta, string relative) =>
            connection.Environment.GraphEndpoint + (beta ? "/beta" : "/v1.0") + relative;

        /// <summary>
        /// Sends one request and returns the JSON body (null for 204); failures become PartnerSecurityException.
        /// <paramref name="resource"/> chooses the token's permissions (Microsoft Graph's assessment set by default).
        /// </summary>
        public static async Task<JsonDocument?> SendAsync(IGraphConnection connection, string tenantId, HttpMethod method, string url, string? jsonBody, string operation, CancellationToken cancellationToken,
            ApiResource? resource = null)
        {
            var token = await connection.Tokens.AcquireAsync(resource ?? ApiResource.Graph, tenantId, cancellationToken).ConfigureAwait(false);
            using var client = connection.Pipeline.CreateClient();
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("client-request-id", Guid.NewGuid().ToString());
            if (jsonBody != null) request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var (code, message) = ReadError(text);
                throw GraphErrors.Translate((int)response.StatusCode, code, message ?? response.ReasonPhrase ?? "request failed", null, tenantId, operation);
            }
            if (text.Length == 0) return null;
            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new PartnerSecurityException("GraphResponseUnreadable", ErrorKind.InvalidData,
                    $"{operation} failed in tenant '{tenantId}': the response is not JSON ({ex.Message}).", null, ex, tenantId);
            }
        }

        /// <summary>Every item of a collection (each an object), following @odata.nextLink verbatim to the end (<see cref="GraphPaging"/>).</summary>
        public static async Task<List<JsonElement>> GetAllAsync(IGraphConnection connection, string tenantId, string url, string operation, CancellationToken cancellationToken)
        {
            var items = new List<JsonElement>();
            await foreach (var item in ReadAllAsync(connection, tenantId, url, operation, e => (JsonElement?)e.Clone(), cancellationToken).ConfigureAwait(false))
                items.Add(item!.Value);
            return items;
        }

        /// <summary>A collection read as JSON, page by page: each item (an object) mapped by <paramref name="map"/>.</summary>
        public static IAsyncEnumerable<T> ReadAllAsync<T>(IGraphConnection connection, string tenantId, string url, string operation,
            Func<JsonElement, T> map, CancellationToken cancellationToken) =>
            GraphPaging.ReadAllAsync<JsonDocument, T>(connection.Paged(operation, tenantId),
                (link, ct) => SendAsync(connection, tenantId, HttpMethod.Get, link ?? url, null, operation, ct),
                page => GraphPaging.JsonPage(page, map), null, cancellationToken);

        /// <summary>Graph's error envelope: { "error": { "code", "message" } }; nulls when the body is something else.</summary>
        public static (string? Code, string? Message) ReadError(string text)
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return ReadError(document.RootElement);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        public static (string? Code, string? Message) ReadError(JsonElement body)
        {
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                return (code, message);
            }
            return (null, null);
        }
    }
}
