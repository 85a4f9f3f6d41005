using System.Net.Http;
using Microsoft.Identity.Client;
using PartnerSecurity.Http;

namespace PartnerSecurity.Authentication
{
    /// <summary>Hands MSAL a client over the connection's shared HTTP pipeline (retry, logging, transport).</summary>
    internal sealed class MsalHttpClientFactory : IMsalHttpClientFactory
    {
        private readonly HttpClient _client;

        public MsalHttpClientFactory(HttpPipeline pipeline) => _client = pipeline.CreateClient();

        public HttpClient GetHttpClient() => _client;
    }
}
