using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>Builders for the responses the emulated services send.</summary>
    public static class EmulatorResponse
    {
        public const string GraphJson = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

        // Microsoft's services write apostrophes and non-ASCII text as they are, not as \u escapes.
        private static readonly System.Text.Json.JsonSerializerOptions s_json = new System.Text.Json.JsonSerializerOptions
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public static HttpResponseMessage Json(HttpStatusCode status, JsonNode body, string contentType = "application/json; charset=utf-8")
        {
            var response = new HttpResponseMessage(status)
            {
                Content = new StringContent(body.ToJsonString(s_json), Encoding.UTF8),
            };
            response.Content.Headers.Remove("Content-Type");
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return response;
        }

        public static HttpResponseMessage Empty(HttpStatusCode status) =>
            new HttpResponseMessage(status) { Content = new ByteArrayContent(Array.Empty<byte>()) };

        public static HttpResponseMessage Redirect(Uri location)
        {
            var response = Empty(HttpStatusCode.Found);
            response.Headers.Location = location;
            return response;
        }

        public static HttpResponseMessage Text(HttpStatusCode status, string text, string contentType = "text/plain; charset=utf-8")
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8) };
            response.Content.Headers.Remove("Content-Type");
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            return response;
        }

        public static HttpResponseMessage WithHeaders(this HttpResponseMessage response, IEnumerable<KeyValuePair<string, string>> headers)
        {
            foreach (var header in headers) response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return response;
        }
    }
}
