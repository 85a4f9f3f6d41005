using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Reads an answer's whole body inside the attempt (so a connection reset or a stalled body is a failed
    /// attempt, not an exception in the caller's parser) and says what is wrong with a successful answer that
    /// cannot be used: JSON cut short or empty, or an HTML page (a proxy's or gateway's) where an API answer belongs.
    /// </summary>
    internal static class ResponseIntegrity
    {
        /// <summary>Buffers the body; cancellation (the attempt's time-out) abandons the read.</summary>
        public static async Task<byte[]> BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            if (response.Content == null) return Array.Empty<byte>();
            using (cancellationToken.Register(response.Dispose))
            {
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Null when the answer can be used; otherwise what is wrong with it, in words. An error answer is checked too
        /// when it declares JSON: an error code cut off the body would turn a precise refusal (no licence, no GDAP)
        /// into a vague one.
        /// </summary>
        public static string? Problem(HttpResponseMessage response, byte[] body)
        {
            if (!response.IsSuccessStatusCode)
            {
                var declared = response.Content?.Headers.ContentType?.MediaType ?? string.Empty;
                return body.Length > 0 && declared.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0 ? JsonProblem(body) : null;
            }
            // 204 (and 205) carry no body by definition; a 200 without one is an answer lost on the way.
            if (body.Length == 0 && (int)response.StatusCode == 200 && response.RequestMessage?.Method != HttpMethod.Head)
                return "an empty answer came back";
            var mediaType = response.Content?.Headers.ContentType?.MediaType ?? string.Empty;
            if (mediaType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0 || (mediaType.Length == 0 && LooksLikeMarkup(body)))
                return $"an HTML page ({body.Length:N0} bytes) came back instead of the service's answer";
            if (mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0) return null;
            if (body.Length == 0) return "an empty answer came back where JSON was declared";
            return JsonProblem(body);
        }

        /// <summary>Whether the answer declares JSON, or has no body to declare at all.</summary>
        public static bool IsJson(HttpResponseMessage response)
        {
            if (response.Content == null || response.Content.Headers.ContentLength == 0) return true;
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
            return mediaType.IndexOf("json", StringComparison.OrdinalIgnoreCase) >= 0;
        }

        private static string? JsonProblem(byte[] body)
        {
            int start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(body, start, body.Length - start), new JsonReaderOptions { MaxDepth = 256 });
                while (reader.Read()) { }
                return null;
            }
            catch (JsonException)
            {
                return $"the answer is not complete JSON ({body.Length:N0} bytes; cut short or damaged)";
            }
        }

        private static bool LooksLikeMarkup(byte[] body)
        {
            foreach (var b in body)
            {
                if (b == ' ' || b == '\t' || b == '\r' || b == '\n') continue;
                return b == '<';
            }
            return false;
        }
    }
}
