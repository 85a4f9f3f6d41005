using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace PartnerSecurity.Http
{
    /// <summary>A request captured once (content buffered) so that identical copies can be sent again.</summary>
    internal sealed class RequestTemplate
    {
        private readonly HttpMethod _method;
        private readonly Uri? _uri;
        private readonly Version _version;
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _headers;
        private readonly byte[]? _content;
        private readonly List<KeyValuePair<string, IEnumerable<string>>> _contentHeaders;
        private readonly IDictionary<string, object?> _properties;

        private RequestTemplate(HttpRequestMessage request, byte[]? content)
        {
            _method = request.Method;
            _uri = request.RequestUri;
            _version = request.Version;
            _headers = request.Headers.ToList();
            _content = content;
            _contentHeaders = request.Content?.Headers.ToList() ?? new List<KeyValuePair<string, IEnumerable<string>>>();
#pragma warning disable CS0618 // Properties is the netstandard2.0 surface; Options does not exist there.
            _properties = request.Properties;
#pragma warning restore CS0618
        }

        public static async Task<RequestTemplate> CaptureAsync(HttpRequestMessage request)
        {
            byte[]? content = null;
            if (request.Content != null)
            {
                await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                content = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            }
            return new RequestTemplate(request, content);
        }

        /// <summary>A fresh copy; <paramref name="authorization"/> replaces the Authorization header (a renewed token).</summary>
        public HttpRequestMessage Create(string? authorization = null)
        {
            var copy = new HttpRequestMessage(_method, _uri) { Version = _version };
            foreach (var header in _headers)
            {
                if (authorization != null && string.Equals(header.Key, "Authorization", StringComparison.OrdinalIgnoreCase)) continue;
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            if (authorization != null) copy.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (_content != null)
            {
                copy.Content = new ByteArrayContent(_content);
                foreach (var header in _contentHeaders) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
#pragma warning disable CS0618
            foreach (var property in _properties) copy.Properties[property.Key] = property.Value;
#pragma warning restore CS0618
            return copy;
        }
    }
}
