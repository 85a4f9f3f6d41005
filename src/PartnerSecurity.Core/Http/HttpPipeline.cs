using System;
using System.Net.Http;
using System.Threading;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// The one HTTP stack of a connection. MSAL (through its IMsalHttpClientFactory), the Graph SDK and the
    /// Partner Center client all send through <see cref="Handler"/>: retry, then logging, then the transport,
    /// which is the network or, for -Demo and -Snapshot, the in-process tenant emulator.
    /// </summary>
    public sealed class HttpPipeline : IDisposable
    {
        private readonly HttpMessageHandler _transport;

        public HttpPipeline(HttpMessageHandler? transport = null, RetryPolicy? retryPolicy = null)
        {
            _transport = transport ?? new HttpClientHandler();
            Handler = new RetryHandler(retryPolicy ?? RetryPolicy.Default, new LoggingHandler(_transport), this);
        }

        public HttpMessageHandler Handler { get; }

        /// <summary>
        /// Renews a bearer token the server called expired: given the refused token, a fresh one for the same
        /// resource and tenant, or null when this sign-in cannot renew it. Set by the connection once it has its tokens.
        /// </summary>
        public Func<string, CancellationToken, System.Threading.Tasks.Task<string?>>? RenewBearer { get; set; }

        /// <summary>A client over the shared handlers; disposing it leaves the handlers alive.</summary>
        public HttpClient CreateClient() => new HttpClient(Handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

        public void Dispose() => Handler.Dispose();
    }
}
