using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Graph.Endpoints;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>
    /// Microsoft Graph (v1.0 and beta) over the emulated directory: bearer-token validation, routing to the
    /// endpoint files under Endpoints/, and Graph's error envelope for everything that goes wrong.
    /// </summary>
    public sealed class GraphService
    {
        public static readonly string[] Hosts = { "graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "microsoftgraph.chinacloudapi.cn" };

        private static readonly Regex s_versioned = new Regex("^/(?<version>v1\\.0|beta)(?<rest>/.*)?$", RegexOptions.Compiled | RegexOptions.IgnoreCase);

        /// <summary>Every endpoint family; a feature adds its Register method here.</summary>
        private static readonly Action<GraphService>[] s_endpoints =
        {
            OrganizationEndpoints.Register,
            SecurityDefaultsEndpoints.Register,
            ConditionalAccessEndpoints.Register,
            UserEndpoints.Register,
            GroupEndpoints.Register,
            RoleManagementEndpoints.Register,
            ReportEndpoints.Register,
            AuthenticationRequirementsEndpoints.Register,
            AuthenticationMethodsEndpoints.Register,
            SignInEndpoints.Register,
            TenantRelationshipEndpoints.Register,
            DirectoryObjectEndpoints.Register,
            ApplicationEndpoints.Register,
            PartnerSecurityEndpoints.Register,
        };

        private readonly EmulatorContext _context;
        private readonly Router<GraphCall> _v1 = new Router<GraphCall>();
        private readonly Router<GraphCall> _beta = new Router<GraphCall>();

        public GraphService(EmulatorContext context)
        {
            _context = context;
            foreach (var register in s_endpoints) register(this);
        }

        public EmulatorContext Context => _context;

        /// <summary>Every operation served, as (version, method, anchored path pattern): what <see cref="GraphAccess.Rules"/> must cover.</summary>
        public IEnumerable<(string Version, string Method, string Pattern)> Routes =>
            _v1.Routes.Select(r => ("v1.0", r.Method, r.Pattern)).Concat(_beta.Routes.Select(r => ("beta", r.Method, r.Pattern)));

        /// <summary>Maps a route on v1.0, beta, or both ("*").</summary>
        public GraphService Map(string versions, string method, string pattern, Func<EmulatorRequest, GraphCall, HttpResponseMessage> handler)
        {
            if (versions == "*" || versions == "v1.0") _v1.Map(method, pattern, handler);
            if (versions == "*" || versions == "beta") _beta.Map(method, pattern, handler);
            return this;
        }

        /// <summary>Handles a request whose version and path are given separately (used by $batch too).</summary>
        public Task<HttpResponseMessage> HandleAsync(EmulatorRequest request)
        {
            var now = _context.Clock.UtcNow;
            var match = s_versioned.Match(request.Path);
            if (!match.Success)
                return Task.FromResult(GraphError.Response(HttpStatusCode.BadRequest, "BadRequest", "Invalid version: the URL must start with /v1.0 or /beta.", request, now));
            var version = match.Groups["version"].Value.ToLowerInvariant();
            var rest = match.Groups["rest"].Success && match.Groups["rest"].Value.Length > 0 ? match.Groups["rest"].Value : "/";

            var claims = Authenticate(request, out var authError);
            if (claims == null) return Task.FromResult(authError!);
            var tenant = _context.Cloud.FindTenant((string?)claims["tid"] ?? string.Empty);
            if (tenant == null)
                return Task.FromResult(GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "The tenant of the access token is unknown.", request, now));

            if (string.Equals(rest.TrimEnd('/'), "/$batch", StringComparison.OrdinalIgnoreCase))
            {
                if (request.Method != "POST")
                    return Task.FromResult(GraphError.Response(HttpStatusCode.MethodNotAllowed, "Request_BadRequest", $"The HTTP method '{request.Method}' is not supported on '/$batch'.", request, now));
                return GraphBatch.HandleAsync(this, request, version);
            }

            var call = new GraphCall(request, _context, tenant, claims, version);
            var router = version == "beta" ? _beta : _v1;
            var handler = router.Find(request, rest, out var pathKnown);
            try
            {
                if (handler == null)
                {
                    if (pathKnown) throw new GraphException(HttpStatusCode.MethodNotAllowed, "Request_BadRequest", $"The HTTP method '{request.Method}' is not supported on '{rest}'.");
                    var segment = rest.Trim('/').Split('/')[0];
                    throw GraphException.BadRequest($"Resource not found for the segment '{segment}'.");
                }
                GraphThrottling.Admit(call, rest);
                GraphAccess.Check(call, request.Method, rest);
                lock (tenant.Sync)
                {
                    return handler(request, call);
                }
            }
            catch (GraphException ex)
            {
                var response = GraphError.Response(ex.Status, ex.Code, ex.Message, request, now);
                if (ex.RetryAfterSeconds is int seconds) response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return Task.FromResult(response);
            }
        }

        /// <summary>The verified claims of the bearer token, or null with Graph's 401 in <paramref name="error"/>.</summary>
        private JsonObject? Authenticate(EmulatorRequest request, out HttpResponseMessage? error)
        {
            var now = _context.Clock.UtcNow;
            error = null;
            var header = request.Header("Authorization");
            if (string.IsNullOrEmpty(header) || !header!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
            {
                error = GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token is empty.", request, now);
                return null;
            }
            var claims = _context.Signer.Verify(header.Substring(7).Trim());
            if (claims == null)
            {
                error = GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "CompactToken parsing failed with error code: 80049217", request, now);
                return null;
            }
            if (!KnownResources.Graph.Aliases.Contains((string?)claims["aud"] ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                error = GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Invalid audience.", request, now);
                return null;
            }
            var exp = claims["exp"]?.GetValue<long>() ?? 0;
            var nbf = claims["nbf"]?.GetValue<long>() ?? 0;
            var unixNow = now.ToUnixTimeSeconds();
            if (exp <= unixNow || nbf > unixNow + 300)
            {
                error = GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.", request, now);
                return null;
            }
            return claims;
        }
    }
}
