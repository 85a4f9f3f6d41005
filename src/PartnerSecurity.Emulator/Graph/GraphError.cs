using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>Microsoft Graph's error envelope: { "error": { code, message, innerError { date, request-id, client-request-id } } }.</summary>
    public static class GraphError
    {
        public static HttpResponseMessage Response(HttpStatusCode status, string code, string message, EmulatorRequest? request, DateTimeOffset now)
        {
            var requestId = Guid.NewGuid().ToString();
            var body = new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = code,
                    ["message"] = message,
                    ["innerError"] = new JsonObject
                    {
                        ["date"] = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                        ["request-id"] = requestId,
                        ["client-request-id"] = request?.Header("client-request-id") ?? requestId,
                    },
                },
            };
            return EmulatorResponse.Json(status, body, EmulatorResponse.GraphJson);
        }
    }

    /// <summary>A Graph error raised while handling a request; the service turns it into the envelope.</summary>
    public sealed class GraphException : Exception
    {
        public GraphException(HttpStatusCode status, string code, string message) : base(message)
        {
            Status = status;
            Code = code;
        }

        public HttpStatusCode Status { get; }
        public string Code { get; }
        /// <summary>Seconds for the Retry-After header of a 429, when the endpoint gives one.</summary>
        public int? RetryAfterSeconds { get; private set; }

        public static GraphException BadRequest(string message, string code = "BadRequest") => new GraphException(HttpStatusCode.BadRequest, code, message);
        public static GraphException UnsupportedQuery(string message) => new GraphException(HttpStatusCode.BadRequest, "Request_UnsupportedQuery", message);
        public static GraphException NotFound(string message) => new GraphException(HttpStatusCode.NotFound, "Request_ResourceNotFound", message);
        /// <summary>429 TooManyRequests; without seconds, no Retry-After header (conditional access sends none).</summary>
        public static GraphException Throttled(int? retryAfterSeconds) =>
            new GraphException((HttpStatusCode)429, "TooManyRequests", "Please retry again later.") { RetryAfterSeconds = retryAfterSeconds };
        public static GraphException Forbidden(string message, string code = "Authorization_RequestDenied") => new GraphException(HttpStatusCode.Forbidden, code, message);
    }
}
