using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Graph;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;
using PartnerSecurity.Emulator.KeyVault;
using PartnerSecurity.Emulator.PartnerCenter;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator
{
    /// <summary>
    /// The in-process Microsoft cloud. Plug it in as the transport of an HttpClient (MSAL through its
    /// IMsalHttpClientFactory, the Graph SDK, Partner Center REST) and every request to the identity
    /// platform, Graph or Partner Center is answered from the snapshot, on the real wire protocol.
    /// </summary>
    public sealed class TenantEmulator : HttpMessageHandler
    {
        private readonly IdentityService _identity;
        private readonly GraphService _graph;
        private readonly PartnerCenterService _partnerCenter;
        private readonly KeyVaultService _keyVault;

        public TenantEmulator(TenantSnapshot snapshot, EmulatorOptions? options = null)
        {
            Snapshot = snapshot;
            Context = new EmulatorContext(new EmulatedCloud(snapshot), options ?? new EmulatorOptions());
            _identity = new IdentityService(Context);
            DeviceCodeFlow.Register(_identity);
            ClientAssertions.Register(_identity);
            MfaPolicy.Register(_identity);
            _graph = new GraphService(Context);
            _partnerCenter = new PartnerCenterService(Context);
            _keyVault = new KeyVaultService(Context, snapshot.KeyVaults);
            Browser = new SimulatedBrowser(this);
        }

        public static TenantEmulator FromFile(string path, EmulatorOptions? options = null) => new TenantEmulator(SnapshotReader.ReadFile(path), options);

        public TenantSnapshot Snapshot { get; }
        public EmulatorContext Context { get; }
        public EmulatorClock Clock => Context.Clock;
        public EmulatorOptions Options => Context.Options;
        public EmulatedCloud Cloud => Context.Cloud;
        public IdentityService Identity => _identity;
        public GraphService Graph => _graph;
        public PartnerCenterService PartnerCenter => _partnerCenter;
        /// <summary>Azure Key Vault's secrets API for the snapshot's vaults (https://&lt;vault&gt;.vault.azure.net).</summary>
        public KeyVaultService KeyVault => _keyVault;
        public SimulatedBrowser Browser { get; }
        public FaultInjector Faults => Context.Faults;
        public RequestLog Requests { get; } = new RequestLog();
        /// <summary>The items of Graph $batch requests, each with its own status.</summary>
        public RequestLog BatchItems => Context.BatchItems;
        /// <summary>Every change writes made to the directory (a write that changed nothing is not one).</summary>
        public ChangeLog Changes => Context.Changes;

        /// <summary>
        /// An access token as an interactive sign-in of the user would get it (amr with mfa when they registered
        /// a strong method), for tests that bring their own token. <paramref name="scope"/> is one resource's
        /// scope, for example "https://graph.microsoft.com/.default".
        /// </summary>
        public string IssueUserAccessToken(string userIdOrUpn, string scope)
        {
            var (home, user) = Cloud.FindUser(userIdOrUpn) ?? throw new ArgumentException($"No user '{userIdOrUpn}' in the emulated cloud.", nameof(userIdOrUpn));
            var scopes = ScopeRequest.Parse(scope, out var error) ?? throw new ArgumentException(error, nameof(scope));
            var client = ClientRegistry.Find(Cloud, "14d82eec-204b-4c2f-b7e8-296a70dab67e")!;
            var granted = Consent.Delegated(client, home, scopes, out _) ?? Array.Empty<string>();
            return _identity.Issuer.UserAccessToken(home, home, user, client, scopes, granted, IdentityService.AuthenticationMethods(home, user), 0);
        }

        /// <summary>
        /// A client's wait in this cloud (a retry after 429): with <see cref="EmulatorOptions.VirtualClientWaits"/> the
        /// emulator's clock moves on by <paramref name="wait"/> at once, so a throttled run costs no real time and the
        /// throttle sees the time pass; otherwise a real sleep.
        /// </summary>
        public Task ClientWaitAsync(TimeSpan wait, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Options.VirtualClientWaits) return Task.Delay(wait, cancellationToken);
            if (wait > TimeSpan.Zero) Clock.Advance(wait);
            return Task.CompletedTask;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var latency = Options.Latency;
            using var inFlight = latency == null ? null : await latency.EnterAsync(Clock, cancellationToken).ConfigureAwait(false);
            var request = await EmulatorRequest.ReadAsync(message).ConfigureAwait(false);
            HttpResponseMessage response;
            try
            {
                var fault = Faults.Decide(request);
                if (fault?.Kind == FaultKind.Hang) await Task.Delay(fault.Hang, cancellationToken).ConfigureAwait(false);
                response = (fault == null ? null : Faults.Answer(fault, request, Clock.UtcNow)) ?? await RouteAsync(request).ConfigureAwait(false);
                if (fault != null && fault.AfterService) response = FaultInjector.Damage(fault, response);
            }
            catch (HttpRequestException)
            {
                Requests.Add(new RequestRecord(request.Method, request.Uri.AbsoluteUri, 0));
                throw;
            }
            response.RequestMessage = message;
            var requestId = Guid.NewGuid().ToString();
            response.Headers.TryAddWithoutValidation("request-id", requestId);
            response.Headers.TryAddWithoutValidation("client-request-id", request.Header("client-request-id") ?? requestId);
            response.Headers.Date = DateTimeOffset.UtcNow;
            Requests.Add(new RequestRecord(request.Method, request.Uri.AbsoluteUri, (int)response.StatusCode));
            return response;
        }

        private Task<HttpResponseMessage> RouteAsync(EmulatorRequest request)
        {
            var host = request.Uri.Host.ToLowerInvariant();
            if (request.Uri.Scheme == Uri.UriSchemeHttp && host == ManagedIdentityEndpoint.Host)
                return Task.FromResult(ManagedIdentityEndpoint.Handle(request, _identity));
            if (request.Uri.Scheme == Uri.UriSchemeHttp && ManagedIdentityEndpoint.IsLocalEndpoint(request))
                return Task.FromResult(ManagedIdentityEndpoint.HandleLocal(request, _identity));
            if (request.Uri.Scheme != Uri.UriSchemeHttps)
                return Task.FromResult(EmulatorResponse.Text(HttpStatusCode.BadRequest, "The emulated cloud only answers HTTPS."));
            if (IdentityService.Hosts.Contains(host)) return _identity.HandleAsync(request);
            if (GraphService.Hosts.Contains(host)) return _graph.HandleAsync(request);
            if (PartnerCenterService.Hosts.Contains(host)) return _partnerCenter.HandleAsync(request);
            if (KeyVaultService.IsVaultHost(host)) return _keyVault.HandleAsync(request);
            // No such host in the emulated cloud: behave as an unreachable network, not a server.
            throw new HttpRequestException($"No such host is known in the tenant emulator: {host}.");
        }
    }
}
