using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using PartnerSecurity.Emulator.Graph;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>What an injected fault does to a matching request.</summary>
    public enum FaultKind
    {
        /// <summary>429 with Retry-After when <see cref="Fault.RetryAfter"/> is set, without it otherwise.</summary>
        Throttle,
        ServiceUnavailable,
        GatewayTimeout,
        /// <summary>The connection is refused before anything is sent: the handler throws HttpRequestException.</summary>
        ConnectionFailure,
        /// <summary>403 Authorization_RequestDenied, as a missing permission or directory role gives (not retried).</summary>
        Forbidden,
        /// <summary>500 InternalServerError.</summary>
        InternalServerError,
        /// <summary>502 with an HTML page, as a gateway in front of the service sends it.</summary>
        BadGateway,
        /// <summary>No answer: the request hangs until the client gives up (or <see cref="Fault.Hang"/> passes).</summary>
        Hang,
        /// <summary>401 InvalidAuthenticationToken: the access token has expired, and stays refused from then on.</summary>
        TokenExpired,
        /// <summary>The request is served, then the connection drops half-way through the answer's body.</summary>
        ResetMidBody,
        /// <summary>The request is served and its body cut in half.</summary>
        TruncatedBody,
        /// <summary>The request is served, and a proxy's HTML page comes back with 200 instead of the answer.</summary>
        HtmlBody,
        /// <summary>The request is served, and 200 comes back with no body at all.</summary>
        EmptyBody,
        /// <summary>A collection page comes back with every item null (its next link kept).</summary>
        NullItems,
        /// <summary>A collection page comes back without its item array (its next link kept).</summary>
        MissingValue,
    }

    /// <summary>
    /// A fault to inject on the next <see cref="Times"/> requests whose "METHOD url" matches <see cref="Pattern"/>
    /// (and, when <see cref="TenantId"/> is set, whose access token or token request is for that tenant).
    /// </summary>
    public sealed class Fault
    {
        public Fault(string pattern, FaultKind kind, int times = 1, string? retryAfter = null, string? tenantId = null)
        {
            Pattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            Kind = kind;
            Remaining = times;
            RetryAfter = retryAfter;
            TenantId = tenantId;
        }

        public Regex Pattern { get; }
        public FaultKind Kind { get; }
        public string? RetryAfter { get; }
        public string? TenantId { get; }
        /// <summary>How long a <see cref="FaultKind.Hang"/> holds the answer if the client does not give up first.</summary>
        public TimeSpan Hang { get; set; } = TimeSpan.FromSeconds(30);
        public int Remaining { get; internal set; }
        public int Injected { get; internal set; }
    }

    /// <summary>
    /// Injects throttling and failures so that tests (explicit <see cref="Fault"/>s) and users (a seeded
    /// <see cref="FaultProfile"/>, Connect-PartnerSecurity -FaultProfile) can prove that retries lose nothing.
    /// Faults act at the HTTP seam, before routing and after it: status faults answer instead of the service
    /// (nothing was applied); body faults damage the answer of a request the service did apply. A throttling
    /// layer inside the services composes with them: a request a fault lets through meets it as usual.
    /// </summary>
    public sealed class FaultInjector
    {
        private readonly List<Fault> _faults = new List<Fault>();
        private readonly ConcurrentDictionary<string, bool> _expiredTokens = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<FaultKind, int> _injected = new ConcurrentDictionary<FaultKind, int>();
        private long _seen;

        public Fault Add(Fault fault)
        {
            lock (_faults) _faults.Add(fault);
            return fault;
        }

        /// <summary>The seeded profile applied to every request no explicit fault takes; null (the default) for none.</summary>
        public FaultProfile? Profile { get; set; }

        /// <summary>Requests (and $batch items) the injector has looked at.</summary>
        public long Seen => System.Threading.Interlocked.Read(ref _seen);

        /// <summary>Faults injected so far, by kind (explicit and profile alike).</summary>
        public IReadOnlyDictionary<FaultKind, int> Injected => _injected.ToDictionary(p => p.Key, p => p.Value);

        /// <summary>
        /// What happens to this request: null to serve it normally. <paramref name="batchItem"/> limits the choice
        /// to what Graph does to one item of a $batch (its own status: 429, 5xx).
        /// </summary>
        public FaultDecision? Decide(EmulatorRequest request, bool batchItem = false)
        {
            System.Threading.Interlocked.Increment(ref _seen);
            var token = Bearer(request);
            // A $batch is authorized once, as a whole: its items are not refused for a token that expired meanwhile.
            if (!batchItem && token != null && _expiredTokens.ContainsKey(Signature(token)))
                return new FaultDecision(FaultKind.TokenExpired, null, TimeSpan.Zero, counted: false);
            var line = request.Method + " " + request.Uri.AbsoluteUri;
            string? tenant = null;
            lock (_faults)
            {
                foreach (var fault in _faults)
                {
                    if (fault.Remaining <= 0 || !fault.Pattern.IsMatch(line)) continue;
                    if (fault.TenantId != null && !string.Equals(fault.TenantId, tenant ??= TenantOf(request, token), StringComparison.OrdinalIgnoreCase)) continue;
                    // A connection failure on an item is answered by Graph's gateway (504); other transport faults have no item form.
                    if (batchItem && !FaultProfile.IsBatchItemKind(fault.Kind) && fault.Kind != FaultKind.ConnectionFailure) continue;
                    fault.Remaining--;
                    fault.Injected++;
                    return Count(new FaultDecision(fault.Kind, fault.RetryAfter, fault.Hang));
                }
            }
            var chosen = Profile?.Decide(request, tenant ?? TenantOf(request, token), token != null, batchItem);
            return chosen == null ? null : Count(chosen);
        }

        private FaultDecision Count(FaultDecision decision)
        {
            _injected.AddOrUpdate(decision.Kind, 1, (_, n) => n + 1);
            return decision;
        }

        /// <summary>
        /// The answer a status fault gives instead of the service (null for a body fault, which needs the
        /// service's answer first); throws for a refused connection.
        /// </summary>
        public HttpResponseMessage? Answer(FaultDecision decision, EmulatorRequest request, DateTimeOffset now)
        {
            bool partnerCenter = PartnerCenter.PartnerCenterService.Hosts.Contains(request.Uri.Host.ToLowerInvariant());
            switch (decision.Kind)
            {
                case FaultKind.ConnectionFailure:
                    throw new HttpRequestException("An error occurred while sending the request (injected connection failure).",
                        new SocketException((int)SocketError.ConnectionRefused));
                case FaultKind.Throttle:
                    var throttled = partnerCenter
                        ? PartnerCenter.PartnerCenterService.Throttled(decision.RetryAfter)
                        : GraphError.Response((HttpStatusCode)429, "TooManyRequests", "Please retry again later.", request, now);
                    if (decision.RetryAfter != null) throttled.Headers.TryAddWithoutValidation("Retry-After", decision.RetryAfter);
                    return throttled;
                case FaultKind.Forbidden:
                    return GraphError.Response(HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", request, now);
                case FaultKind.TokenExpired:
                    var token = Bearer(request);
                    if (token != null) _expiredTokens[Signature(token)] = true;
                    return partnerCenter
                        ? PartnerCenter.PartnerCenterService.Error(HttpStatusCode.Unauthorized, 900401, "Authentication failed: the token is invalid, expired, or not issued for https://api.partnercenter.microsoft.com.")
                        : GraphError.Response(HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.", request, now);
                case FaultKind.BadGateway:
                    return EmulatorResponse.Text(HttpStatusCode.BadGateway, FaultResponses.GatewayPage, "text/html; charset=utf-8");
                case FaultKind.InternalServerError:
                    return GraphError.Response(HttpStatusCode.InternalServerError, "InternalServerError", "An internal server error occurred.", request, now);
                case FaultKind.ServiceUnavailable:
                case FaultKind.GatewayTimeout:
                    var status = decision.Kind == FaultKind.ServiceUnavailable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.GatewayTimeout;
                    var response = GraphError.Response(status, "serviceNotAvailable", "The service is temporarily unavailable.", request, now);
                    if (decision.RetryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", decision.RetryAfter);
                    return response;
                default:
                    return null;
            }
        }

        /// <summary>A status fault's answer for one $batch item (Graph's gateway answers for it when the item's connection fails).</summary>
        public HttpResponseMessage BatchItemAnswer(FaultDecision decision, EmulatorRequest request, DateTimeOffset now)
        {
            try
            {
                return Answer(decision, request, now)
                    ?? GraphError.Response(HttpStatusCode.GatewayTimeout, "serviceNotAvailable", "The service did not answer in time.", request, now);
            }
            catch (HttpRequestException)
            {
                return GraphError.Response(HttpStatusCode.GatewayTimeout, "serviceNotAvailable", "The service did not answer in time.", request, now);
            }
        }

        /// <summary>The service's answer as a body fault damages it.</summary>
        public static HttpResponseMessage Damage(FaultDecision decision, HttpResponseMessage response) => FaultResponses.Damage(decision.Kind, response);

        public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

        private static string? Bearer(EmulatorRequest request)
        {
            var header = request.Header("Authorization");
            return header != null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7 ? header.Substring(7).Trim() : null;
        }

        private static string Signature(string token)
        {
            int dot = token.LastIndexOf('.');
            return dot < 0 ? token : token.Substring(dot + 1);
        }

        /// <summary>The tenant a request is for: its access token's tid, or the tenant segment of a token endpoint URL.</summary>
        private static string? TenantOf(EmulatorRequest request, string? token)
        {
            if (token != null)
            {
                var parts = token.Split('.');
                if (parts.Length == 3)
                {
                    try
                    {
                        var payload = System.Text.Json.Nodes.JsonNode.Parse(Identity.Base64Url.Decode(parts[1]));
                        return (string?)payload?["tid"];
                    }
                    catch (Exception ex) when (ex is FormatException || ex is System.Text.Json.JsonException || ex is InvalidOperationException) { return null; }
                }
                return null;
            }
            var segments = request.Path.Trim('/').Split('/');
            return IdentityHost(request) && segments.Length > 1 ? segments[0] : null;
        }

        private static bool IdentityHost(EmulatorRequest request) => Identity.IdentityService.Hosts.Contains(request.Uri.Host.ToLowerInvariant());
    }

    /// <summary>One fault chosen for one request.</summary>
    public sealed class FaultDecision
    {
        public FaultDecision(FaultKind kind, string? retryAfter, TimeSpan hang, bool counted = true)
        {
            Kind = kind;
            RetryAfter = retryAfter;
            Hang = hang;
            Counted = counted;
        }

        public FaultKind Kind { get; }
        public string? RetryAfter { get; }
        public TimeSpan Hang { get; }
        /// <summary>False for a token refused again because an earlier fault expired it.</summary>
        public bool Counted { get; }
        /// <summary>True for faults that damage the answer of a request the service applied.</summary>
        public bool AfterService => FaultProfile.IsBodyKind(Kind);
    }
}
