using Microsoft.Graph;
using PartnerSecurity.Authentication;
using PartnerSecurity.Http;

namespace PartnerSecurity.Graph
{
    /// <summary>
    /// What the Graph helpers need of a connection (its cloud, HTTP pipeline, tokens and retry rules), so that they
    /// depend on this narrow view and not on <c>Connections.PartnerConnection</c>, which implements it: the Graph
    /// namespace references no namespace that references it back.
    /// </summary>
    public interface IGraphConnection
    {
        CloudEnvironment Environment { get; }
        /// <summary>The signed-in (partner) tenant.</summary>
        string HomeTenantId { get; }
        HttpPipeline Pipeline { get; }
        TokenSource Tokens { get; }
        /// <summary>The pipeline's retry rules, for what retries outside it (throttled items of a Graph $batch).</summary>
        RetryPolicy RetryPolicy { get; }

        /// <summary>A collection read in a tenant, for <see cref="GraphPaging"/>: its retries and its error.</summary>
        PagedRead Paged(string operation, string tenantId);

        /// <summary>The Graph client for a tenant (the home tenant or a customer's), v1.0 or beta.</summary>
        GraphServiceClient Graph(string tenantId, bool beta = false);
    }
}
