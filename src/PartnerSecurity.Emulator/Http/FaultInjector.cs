using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
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
        /// <summary>The connection fails: the handler throws HttpRequestException.</summary>
        ConnectionFailure,
        /// <summary>403 Authorization_RequestDenied, as a missing permission or directory role gives (not retried).</summary>
        Forbidden,
    }

    /// <summary>A fault to inject on the next <see cref="Times"/> requests whose "METHOD url" matches <see cref="Pattern"/>.</summary>
    public sealed class Fault
    {
        public Fault(string pattern, FaultKind kind, int times = 1, string? retryAfter = null)
        {
            Pattern = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            Kind = kind;
            Remaining = times;
            RetryAfter = retryAfter;
        }

        public Regex Pattern { get; }
        public FaultKind Kind { get; }
        public string? RetryAfter { get; }
        public int Remaining { get; internal set; }
        public int Injected { get; internal set; }
    }

    /// <summary>Injects throttling and failures so that tests can prove the client's retries lose nothing.</summary>
    public sealed class FaultInjector
    {
        private readonly List<Fault> _faults = new List<Fault>();

        public Fault Add(Fault fault)
        {
            lock (_faults) _faults.Add(fault);
            return fault;
        }

        /// <summary>The fault response for this request, null to serve it normally; throws for connection failures.</summary>
        public HttpResponseMessage? Apply(EmulatorRequest request, DateTimeOffset now)
        {
            Fault? hit = null;
            var line = request.Method + " " + request.Uri.AbsoluteUri;
            lock (_faults)
            {
                foreach (var fault in _faults)
                {
                    if (fault.Remaining > 0 && fault.Pattern.IsMatch(line))
                    {
                        fault.Remaining--;
                        fault.Injected++;
                        hit = fault;
                        break;
                    }
                }
            }
            if (hit == null) return null;
            switch (hit.Kind)
            {
                case FaultKind.ConnectionFailure:
                    throw new HttpRequestException("An error occurred while sending the request (injected connection failure).");
                case FaultKind.Throttle:
                    var throttled = PartnerCenter.PartnerCenterService.Hosts.Contains(request.Uri.Host.ToLowerInvariant())
                        ? PartnerCenter.PartnerCenterService.Throttled(hit.RetryAfter)
                        : GraphError.Response((HttpStatusCode)429, "TooManyRequests", "Please retry again later.", request, now);
                    if (hit.RetryAfter != null) throttled.Headers.TryAddWithoutValidation("Retry-After", hit.RetryAfter);
                    return throttled;
                case FaultKind.Forbidden:
                    return GraphError.Response(HttpStatusCode.Forbidden, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", request, now);
                default:
                    var status = hit.Kind == FaultKind.ServiceUnavailable ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.GatewayTimeout;
                    var response = GraphError.Response(status, "serviceNotAvailable", "The service is temporarily unavailable.", request, now);
                    if (hit.RetryAfter != null) response.Headers.TryAddWithoutValidation("Retry-After", hit.RetryAfter);
                    return response;
            }
        }

        public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
