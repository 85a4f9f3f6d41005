using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Http;

namespace PartnerSecurity.Connections
{
    /// <summary>
    /// A signed-in session: the HTTP pipeline, the token source, and the Graph clients per tenant built on
    /// them. Every feature of the core works through one of these.
    /// </summary>
    public sealed class PartnerConnection : IGraphConnection, IDisposable
    {
        private readonly ConcurrentDictionary<string, GraphServiceClient> _graphClients = new ConcurrentDictionary<string, GraphServiceClient>(StringComparer.OrdinalIgnoreCase);
        private PartnerConnection(ConnectionRequest request, HttpPipeline pipeline, TokenSource tokens)
        {
            Cloud = request.Cloud;
            Pipeline = pipeline;
            Tokens = tokens;
            RetryPolicy = request.Cloud.Retries(request.RetryPolicy);
        }

        public CloudEnvironment Environment => Cloud.Environment;
        /// <summary>Where this connection was made (environment, transport, browser, clock), for other sign-ins of the session; not how (no secrets are kept).</summary>
        public Cloud Cloud { get; }
        public HttpPipeline Pipeline { get; }
        public TokenSource Tokens { get; }
        /// <summary>The pipeline's retry rules, for what retries outside it (throttled items of a Graph $batch).</summary>
        public RetryPolicy RetryPolicy { get; }
        public PartnerSecurityContext Context { get; private set; } = null!;
        public string HomeTenantId => Context.TenantId;
        /// <summary>"Now" as the connected cloud sees it (the emulator's clock for snapshots).</summary>
        public DateTimeOffset Now => Cloud.Now;

        /// <summary>Signs in as the request says, proves the token works, and reads the tenant's name.</summary>
        public static async Task<PartnerConnection> ConnectAsync(ConnectionRequest request, CancellationToken cancellationToken)
        {
            var pipeline = new HttpPipeline(request.Cloud.Transport, request.Cloud.Retries(request.RetryPolicy));
            try
            {
                TokenSource tokens;
                switch (request.Mode)
                {
                    case ConnectionMode.Interactive:
                    case ConnectionMode.DeviceCode:
                        tokens = await UserTokenSource.SignInAsync(request, pipeline, cancellationToken).ConfigureAwait(false);
                        break;
                    case ConnectionMode.ClientSecret:
                    case ConnectionMode.Certificate:
                        tokens = AppTokenSource.Create(request, pipeline);
                        break;
                    case ConnectionMode.RefreshToken:
                        tokens = await SecureAppModel.SecureAppModelTokenSource.SignInAsync(request, pipeline, cancellationToken).ConfigureAwait(false);
                        break;
                    case ConnectionMode.ManagedIdentity:
                        tokens = ManagedIdentityTokenSource.Create(request, pipeline);
                        break;
                    case ConnectionMode.AccessToken:
                        tokens = BearerTokenSource.Create(request);
                        break;
                    default:
                        throw new PartnerSecurityException("ModeNotAvailable", ErrorKind.NotSupported,
                            $"Signing in with {request.Mode} is not available in this version.", "Use -Demo, -Snapshot, interactive sign-in, or an application id with a secret or certificate.");
                }
                var renewing = new RenewingTokenSource(tokens);
                pipeline.RenewBearer = renewing.RenewBearerAsync;
                tokens = renewing;
                var tenant = tokens.HomeTenantId ?? request.TenantId ?? string.Empty;
                var token = await tokens.AcquireAsync(ApiResource.Graph, tenant, cancellationToken).ConfigureAwait(false);
                var tenantId = token.Claims.TenantId ?? tenant;
                var connection = new PartnerConnection(request, pipeline, tokens);
                var name = await TenantNames.ReadAsync(connection, tenantId, cancellationToken).ConfigureAwait(false);
                connection.Context = new PartnerSecurityContext(
                    tenantId, name, tokens.Account, tokens.AuthMode, request.Cloud.Label,
                    token.Claims.HasMfaClaim, token.ExpiresOn);
                return connection;
            }
            catch
            {
                pipeline.Dispose();
                throw;
            }
        }

        /// <summary>A collection read in a tenant, for <see cref="GraphPaging"/>: its retries and its error.</summary>
        public PagedRead Paged(string operation, string tenantId) => new PagedRead(operation, tenantId, RetryPolicy);

        /// <summary>The Graph client for a tenant (the home tenant or a customer's), v1.0 or beta.</summary>
        public GraphServiceClient Graph(string tenantId, bool beta = false) =>
            _graphClients.GetOrAdd(tenantId + (beta ? "|beta" : "|v1.0"), _ => PartnerSecurity.Graph.GraphClientFactory.Create(this, tenantId, beta));

        /// <summary>A Graph client whose token carries the given resource's permissions (for example app-registration writes).</summary>
        public GraphServiceClient Graph(string tenantId, ApiResource permissions) =>
            _graphClients.GetOrAdd(tenantId + "|v1.0|" + permissions.Name, _ => PartnerSecurity.Graph.GraphClientFactory.Create(this, tenantId, false, permissions));

        public async Task DisconnectAsync()
        {
            await Tokens.SignOutAsync().ConfigureAwait(false);
            Dispose();
        }

        public void Dispose()
        {
            _graphClients.Clear();
            Pipeline.Dispose();
        }
    }
}
