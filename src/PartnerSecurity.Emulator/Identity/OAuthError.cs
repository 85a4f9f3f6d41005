using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>Entra ID's token-endpoint error body: OAuth error, AADSTS code, trace and correlation ids.</summary>
    public static class OAuthError
    {
        public static HttpResponseMessage Response(string error, int aadsts, string description, DateTimeOffset now, string? correlationId = null, HttpStatusCode status = HttpStatusCode.BadRequest, string? suberror = null)
        {
            var trace = Guid.NewGuid().ToString();
            var correlation = correlationId ?? Guid.NewGuid().ToString();
            var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            var body = new JsonObject
            {
                ["error"] = error,
                ["error_description"] = $"AADSTS{aadsts}: {description}\r\nTrace ID: {trace}\r\nCorrelation ID: {correlation}\r\nTimestamp: {timestamp}",
                ["error_codes"] = new JsonArray(aadsts),
                ["timestamp"] = timestamp,
                ["trace_id"] = trace,
                ["correlation_id"] = correlation,
                ["error_uri"] = $"https://login.microsoftonline.com/error?code={aadsts}",
            };
            if (suberror != null) body["suberror"] = suberror;
            return EmulatorResponse.Json(status, body);
        }
    }
}
