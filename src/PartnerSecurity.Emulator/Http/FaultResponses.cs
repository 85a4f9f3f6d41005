using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>The damaged answers of body faults, made from the service's real answer.</summary>
    internal static class FaultResponses
    {
        public const string GatewayPage = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an upstream server.</p></body></html>";
        public const string ProxyPage = "<!DOCTYPE html><html><head><title>Sign in to continue</title></head><body><form action=\"/login\"><p>Your network requires you to sign in.</p></form></body></html>";

        public static HttpResponseMessage Damage(FaultKind kind, HttpResponseMessage response)
        {
            var bytes = response.Content == null ? Array.Empty<byte>() : response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            switch (kind)
            {
                case FaultKind.ResetMidBody:
                    return Replace(response, new ResetContent(bytes, Math.Max(1, bytes.Length / 2)), keepType: true);
                case FaultKind.TruncatedBody:
                    return Replace(response, new ByteArrayContent(bytes, 0, bytes.Length / 2), keepType: true);
                case FaultKind.HtmlBody:
                    return Html(response, HttpStatusCode.OK, ProxyPage);
                case FaultKind.EmptyBody:
                    return Replace(response, new ByteArrayContent(Array.Empty<byte>()), keepType: false, status: HttpStatusCode.OK);
                case FaultKind.NullItems:
                case FaultKind.MissingValue:
                    var page = Page(bytes, out var itemsKey);
                    if (page == null) return Replace(response, new ByteArrayContent(bytes, 0, bytes.Length / 2), keepType: true);
                    if (kind == FaultKind.MissingValue) page.Remove(itemsKey!);
                    else
                    {
                        var items = (JsonArray)page[itemsKey!]!;
                        var nulls = new JsonArray();
                        for (int i = 0; i < Math.Max(1, items.Count); i++) nulls.Add(null);
                        page[itemsKey!] = nulls;
                    }
                    return Replace(response, new StringContent(page.ToJsonString(), Encoding.UTF8), keepType: true);
                default:
                    return response;
            }
        }

        /// <summary>The answer as a collection page (Graph's "value", Partner Center's "items"), or null when it is something else.</summary>
        private static JsonObject? Page(byte[] bytes, out string? itemsKey)
        {
            itemsKey = null;
            try
            {
                if (!(JsonNode.Parse(bytes) is JsonObject page)) return null;
                itemsKey = page["value"] is JsonArray ? "value" : page["items"] is JsonArray ? "items" : null;
                return itemsKey == null ? null : page;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static HttpResponseMessage Html(HttpResponseMessage original, HttpStatusCode status, string page)
        {
            var replaced = EmulatorResponse.Text(status, page, "text/html; charset=utf-8");
            replaced.RequestMessage = original.RequestMessage;
            original.Dispose();
            return replaced;
        }

        private static HttpResponseMessage Replace(HttpResponseMessage original, HttpContent content, bool keepType, HttpStatusCode? status = null)
        {
            content.Headers.Remove("Content-Type");
            if (keepType && original.Content?.Headers.ContentType != null)
                content.Headers.TryAddWithoutValidation("Content-Type", original.Content.Headers.ContentType.ToString());
            var replaced = new HttpResponseMessage(status ?? original.StatusCode) { Content = content, RequestMessage = original.RequestMessage };
            foreach (var header in original.Headers) replaced.Headers.TryAddWithoutValidation(header.Key, header.Value);
            original.Dispose();
            return replaced;
        }

        /// <summary>A body whose stream gives the first bytes, then fails as a connection reset by the peer does.</summary>
        internal sealed class ResetContent : HttpContent
        {
            private readonly byte[] _bytes;
            private readonly int _before;

            public ResetContent(byte[] bytes, int before)
            {
                _bytes = bytes;
                _before = Math.Min(before, bytes.Length);
            }

            /// <summary>The whole answer's length, as the server declared it before the connection dropped.</summary>
            public int DeclaredLength => _bytes.Length;

            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                await stream.WriteAsync(_bytes, 0, _before).ConfigureAwait(false);
                throw new IOException("Unable to read data from the transport connection: Connection reset by peer (injected).");
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}
