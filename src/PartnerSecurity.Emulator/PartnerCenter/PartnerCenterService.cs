using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator.PartnerCenter
{
    /// <summary>
    /// The Partner Center REST API (api.partnercenter.microsoft.com): bearer validation against its own
    /// audience, its own error body ({ code, description, data, source }), and seek-based paging where the
    /// next page is asked for with seekOperation=Next and the MS-ContinuationToken header.
    /// </summary>
    public sealed partial class PartnerCenterService
    {
        public static readonly string[] Hosts = { "api.partnercenter.microsoft.com" };

        /// <summary>The most customers one page holds, whatever size asks for.</summary>
        public const int MaxPageSize = 500;
        public const int DefaultPageSize = 100;

        private readonly EmulatorContext _context;
        private readonly Router<PartnerCenterCall> _router = new Router<PartnerCenterCall>();

        public PartnerCenterService(EmulatorContext context)
        {
            _context = context;
            _router
                .Map("GET", "/v1/customers", (r, call) => Customers(call))
                .Map("GET", "/v1/customers/(?<id>[^/]+)", (r, call) => Customer(call, r.Route("id")));
            MapSecurityEndpoints(_router);
        }

        public Task<HttpResponseMessage> HandleAsync(EmulatorRequest request)
        {
            var response = Handle(request);
            foreach (var name in new[] { "MS-RequestId", "MS-CorrelationId" })
                response.Headers.TryAddWithoutValidation(name, request.Header(name) ?? Guid.NewGuid().ToString());
            response.Headers.TryAddWithoutValidation("MS-CV", Convert.ToBase64String(Guid.NewGuid().ToByteArray()).Substring(0, 22) + ".0");
            response.Headers.TryAddWithoutValidation("MS-ServerId", "101112616");
            return Task.FromResult(response);
        }

        private HttpResponseMessage Handle(EmulatorRequest request)
        {
            var handler = _router.Find(request, request.Path, out var pathKnown);
            if (handler == null)
                return pathKnown
                    ? Error(HttpStatusCode.MethodNotAllowed, 405, $"The requested resource does not support http method '{request.Method}'.")
                    : Error(HttpStatusCode.NotFound, 404, "The requested resource was not found.");
            var claims = Authenticate(request, out var authError);
            if (claims == null) return authError!;
            var tenant = _context.Cloud.FindTenant((string?)claims["tid"] ?? string.Empty);
            if (tenant == null) return Error(HttpStatusCode.Unauthorized, 800001, "Partner Token missing in request context.");
            var throttled = Throttle(request, tenant);
            if (throttled != null) return throttled;
            try
            {
                return handler(request, new PartnerCenterCall(request, tenant, claims)).GetAwaiter().GetResult();
            }
            catch (PartnerCenterException ex)
            {
                return Error(ex.Status, ex.Code, ex.Message);
            }
        }

        private JsonObject? Authenticate(EmulatorRequest request, out HttpResponseMessage? error)
        {
            error = null;
            var header = request.Header("Authorization");
            if (string.IsNullOrEmpty(header) || !header!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            {
                error = Unauthorized(800001, "Partner Token missing in request context.");
                return null;
            }
            var claims = _context.Signer.Verify(header.Substring(7).Trim());
            var audience = (string?)claims?["aud"] ?? string.Empty;
            var exp = claims?["exp"]?.GetValue<long>() ?? 0;
            if (claims == null || !KnownResources.PartnerCenter.Aliases.Contains(audience, StringComparer.OrdinalIgnoreCase) || exp <= _context.Clock.UtcNow.ToUnixTimeSeconds())
            {
                error = Unauthorized(900401, "Authentication failed: the token is invalid, expired, or not issued for https://api.partnercenter.microsoft.com.");
                return null;
            }
            // Since April 2026 every App+User call without an MFA claim is refused with 401 and code 900421
            // (Microsoft's partner blog, CSP technical changes FY26 Q4). The body's wording is not documented.
            bool appOnly = (string?)claims["idtyp"] == "app";
            bool mfa = claims["amr"] is JsonArray amr && amr.Any(a => string.Equals((string?)a, "mfa", StringComparison.OrdinalIgnoreCase));
            if (!appOnly && !mfa)
            {
                error = Unauthorized("900421", "Multi-factor authentication is required for App+User calls to the Partner Center API: the access token carries no MFA claim.");
                return null;
            }
            return claims;
        }

        /// <summary>
        /// Partner Center's limit on the customer resource: 500 requests a minute per partner tenant, then 429 with
        /// Retry-After (api-throttling-guidance, customer-resources).
        /// </summary>
        private HttpResponseMessage? Throttle(EmulatorRequest request, EmulatedTenant tenant)
        {
            var limits = _context.Options.Throttling;
            if (limits == null || !request.Path.StartsWith("/v1/customers", StringComparison.OrdinalIgnoreCase)) return null;
            var wait = _context.Throttle.Admit(_context.Clock.UtcNow, ("pc-customers|" + tenant.Id, limits.PartnerCenterCustomersPerTenantPerMinute, ThrottleLimits.PartnerCenterWindow));
            return wait is TimeSpan w ? Throttled(Math.Max(1, (int)Math.Ceiling(w.TotalSeconds)).ToString(CultureInfo.InvariantCulture)) : null;
        }

        // ------------------------------------------------------------ customers

        private static HttpResponseMessage Customers(PartnerCenterCall call)
        {
            var query = call.Request.Query;
            int size = DefaultPageSize;
            if (query.TryGetValue("size", out var sizeText))
            {
                if (!int.TryParse(sizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out size) || size < 0)
                    throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: size must be a number of 0 or more.");
                // size=0 asks for everything (the .NET SDK's "no paging"); pages never exceed the maximum.
                if (size == 0 || size > MaxPageSize) size = MaxPageSize;
            }
            IEnumerable<JsonObject> customers = call.Tenant.Customers.Select(c => c.AsCustomer!.Customer);
            string? filterText = query.TryGetValue("filter", out var f) ? f : null;
            if (filterText != null) customers = customers.Where(Filter(filterText));
            var all = customers.ToList();

            var fingerprint = Fingerprint(call.Tenant.Id, size, filterText);
            int offset = 0;
            bool next = query.TryGetValue("seekOperation", out var seek);
            if (next)
            {
                if (!string.Equals(seek, "Next", StringComparison.OrdinalIgnoreCase))
                    throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, $"Invalid request input: seekOperation '{seek}' is not supported.");
                var token = call.Request.Header("MS-ContinuationToken");
                if (string.IsNullOrEmpty(token) || !TryDecode(token!, fingerprint, out offset))
                    throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: the continuation token is missing, expired or belongs to another query.");
            }

            var page = all.Skip(offset).Take(size).Select(c => (JsonNode)c.DeepClone()).ToArray();
            var selfUri = "/v1/customers?size=" + size.ToString(CultureInfo.InvariantCulture) + (filterText == null ? string.Empty : "&filter=" + Uri.EscapeDataString(filterText));
            var body = new JsonObject
            {
                ["totalCount"] = page.Length,
                ["items"] = new JsonArray(page),
                ["links"] = new JsonObject { ["self"] = Link(selfUri + (next ? "&seekOperation=Next" : string.Empty), null) },
                ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
            };
            if (offset + size < all.Count)
            {
                var token = Encode(offset + size, fingerprint);
                body["links"]!["next"] = Link(selfUri + "&seekOperation=Next", token);
                body["continuationToken"] = token;
            }
            return EmulatorResponse.Json(HttpStatusCode.OK, body);
        }

        private static HttpResponseMessage Customer(PartnerCenterCall call, string id)
        {
            var customer = call.Tenant.Customers.Select(c => c.AsCustomer!.Customer)
                .FirstOrDefault(c => string.Equals((string?)c["id"], id, StringComparison.OrdinalIgnoreCase))
                ?? throw new PartnerCenterException(HttpStatusCode.NotFound, 60003, "Tenant not found.");
            var copy = (JsonObject)customer.DeepClone();
            copy["allowDelegatedAccess"] = true;
            return EmulatorResponse.Json(HttpStatusCode.OK, copy);
        }

        /// <summary>filter={"Field":"CompanyName"|"Domain","Value":"...","Operator":"starts_with"}, the one operator Partner Center documents.</summary>
        private static Func<JsonObject, bool> Filter(string text)
        {
            string? field, value, op;
            try
            {
                var filter = JsonNode.Parse(text) as JsonObject;
                field = (string?)filter?["Field"];
                value = (string?)filter?["Value"];
                op = (string?)filter?["Operator"];
            }
            catch (JsonException)
            {
                throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: the filter is not valid JSON.");
            }
            if (value == null || !string.Equals(op, "starts_with", StringComparison.OrdinalIgnoreCase))
                throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, "Invalid request input: the filter operator must be starts_with.");
            string property = field?.ToLowerInvariant() switch
            {
                "companyname" => "companyName",
                "domain" => "domain",
                _ => throw new PartnerCenterException(HttpStatusCode.BadRequest, 800002, $"Invalid request input: cannot filter customers on '{field}'."),
            };
            return c => ((string?)c["companyProfile"]?[property] ?? string.Empty).StartsWith(value, StringComparison.OrdinalIgnoreCase);
        }

        private static JsonObject Link(string uri, string? continuationToken)
        {
            var headers = new JsonArray();
            if (continuationToken != null) headers.Add(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = continuationToken });
            return new JsonObject { ["uri"] = uri, ["method"] = "GET", ["headers"] = headers };
        }

        private static string Fingerprint(string tenantId, int size, string? filter)
        {
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes($"{tenantId}|{size}|{filter}"))).Substring(0, 12);
        }

        private static string Encode(int offset, string fingerprint) =>
            Convert.ToBase64String(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + "|" + fingerprint));

        private static bool TryDecode(string token, string fingerprint, out int offset)
        {
            offset = 0;
            try
            {
                var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
                return parts.Length == 2 && parts[1] == fingerprint && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        // ------------------------------------------------------------ errors

        /// <summary>Partner Center's error body: { code, description, data, source }.</summary>
        public static HttpResponseMessage Error(HttpStatusCode status, int code, string description) => Error(status, JsonValue.Create(code), description);

        private static HttpResponseMessage Error(HttpStatusCode status, JsonNode code, string description) =>
            EmulatorResponse.Json(status, new JsonObject
            {
                ["code"] = code,
                ["description"] = description,
                ["data"] = new JsonArray(),
                ["source"] = "PartnerFD",
            });

        private HttpResponseMessage Unauthorized(int code, string description) => Unauthorized(JsonValue.Create(code), description);

        /// <summary>A 401 with a code Partner Center sends as a string (900421).</summary>
        private HttpResponseMessage Unauthorized(string code, string description) => Unauthorized(JsonValue.Create(code)!, description);

        private HttpResponseMessage Unauthorized(JsonNode code, string description)
        {
            var response = Error(HttpStatusCode.Unauthorized, code, description);
            response.Headers.TryAddWithoutValidation("WWW-Authenticate", $"OAuth realm=urn:cpsvc:cpid:{_context.Cloud.Home.Id}");
            return response;
        }

        /// <summary>The 429 Partner Center sends: its own body, and Retry-After when given.</summary>
        public static HttpResponseMessage Throttled(string? retryAfter)
        {
            var seconds = retryAfter ?? "57";
            var response = EmulatorResponse.Json((HttpStatusCode)429, new JsonObject
            {
                ["statusCode"] = 429,
                ["message"] = $"Rate limit is exceeded. Try again in {seconds} seconds.",
            });
            if (retryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
            return response;
        }

        private sealed class PartnerCenterCall
        {
            public PartnerCenterCall(EmulatorRequest request, EmulatedTenant tenant, JsonObject claims)
            {
                Request = request;
                Tenant = tenant;
                Claims = claims;
            }

            public EmulatorRequest Request { get; }
            public EmulatedTenant Tenant { get; }
            public JsonObject Claims { get; }
        }

        private sealed class PartnerCenterException : Exception
        {
            public PartnerCenterException(HttpStatusCode status, int code, string message) : base(message)
            {
                Status = status;
                Code = code;
            }

            public HttpStatusCode Status { get; }
            public int Code { get; }
        }
    }
}
