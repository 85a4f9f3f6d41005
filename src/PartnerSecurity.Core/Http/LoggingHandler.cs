using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Writes one verbose line per HTTP attempt: method, redacted URL, status and time. Never headers or
    /// bodies, which is where tokens and secrets travel.
    /// </summary>
    public sealed class LoggingHandler : DelegatingHandler
    {
        public LoggingHandler(HttpMessageHandler inner) : base(inner) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var watch = Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            OperationLog.Verbose($"HTTP {request.Method} {UrlRedactor.Redact(request.RequestUri)} -> {(int)response.StatusCode} {response.ReasonPhrase} ({watch.ElapsedMilliseconds} ms)");
            return response;
        }
    }
}
