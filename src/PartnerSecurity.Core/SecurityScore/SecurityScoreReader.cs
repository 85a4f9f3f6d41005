using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>
    /// Reads Microsoft's partner security score from Graph beta in the connected partner tenant: the score, its
    /// requirements, its history and the customer insights (the one collection Microsoft pages, by
    /// @odata.nextLink). Each read refuses a national cloud first and fails whole on a malformed answer.
    /// </summary>
    public static class SecurityScoreReader
    {
        private const string ScoreSource = "Graph's partner security score";

        public static async Task<PartnerSecurityScore> ReadScoreAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireScoreCloud(connection);
            var scoreTask = PartnerSecurityGraph.GetEntityAsync(connection, PartnerSecurityGraph.ScorePath, ScoreSource, cancellationToken);
            var requirementsTask = ReadRequirementsAsync(connection, cancellationToken);
            var score = SecurityScoreParser.Score(await scoreTask.ConfigureAwait(false), await requirementsTask.ConfigureAwait(false));
            score.TenantId = connection.HomeTenantId;
            score.TenantName = connection.Context.TenantName;
            return score;
        }

        public static async Task<IReadOnlyList<SecurityRequirementStatus>> ReadRequirementsAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireScoreCloud(connection);
            var items = await PartnerSecurityGraph.GetCollectionAsync(connection, PartnerSecurityGraph.ScorePath + "/requirements",
                "Graph's partner security requirements", "requirement", cancellationToken).ConfigureAwait(false);
            return items.Select(SecurityScoreParser.Requirement).ToList();
        }

        /// <summary>The history, oldest first.</summary>
        public static async Task<IReadOnlyList<SecurityScoreHistoryEntry>> ReadHistoryAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireScoreCloud(connection);
            var items = await PartnerSecurityGraph.GetCollectionAsync(connection, PartnerSecurityGraph.ScorePath + "/history",
                "Graph's partner security score history", "history entry", cancellationToken).ConfigureAwait(false);
            return items.Select(SecurityScoreParser.History).OrderBy(h => h.CreatedDateTime).ToList();
        }

        /// <summary>Every customer insight, page after page; without customer names (the caller joins Partner Center's).</summary>
        public static async Task<IReadOnlyList<CustomerMfaInsight>> ReadCustomerInsightsAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            PartnerSecurityGraph.RequireScoreCloud(connection);
            var items = await PartnerSecurityGraph.GetCollectionAsync(connection, PartnerSecurityGraph.ScorePath + "/customerInsights",
                "Graph's partner security customer insights", "customer insight", cancellationToken).ConfigureAwait(false);
            var insights = items.Select(SecurityScoreParser.Insight).ToList();
            var twice = insights.GroupBy(i => i.TenantId, System.StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (twice != null)
                throw Json.StrictJson.Unreadable("Graph's partner security customer insights", $"customer tenant {twice.Key} appears {twice.Count()} times");
            return insights;
        }
    }
}
