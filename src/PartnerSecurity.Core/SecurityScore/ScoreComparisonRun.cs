using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>What one tenant of a comparison produced: its rows, and the error that kept our verdicts out, if any.</summary>
    public sealed class ComparisonBatch
    {
        public ComparisonBatch(TenantTarget tenant, IReadOnlyList<SecurityScoreComparison> rows, PartnerSecurityException? error, IReadOnlyList<string>? warnings = null)
        {
            Tenant = tenant;
            Rows = rows;
            Error = error;
            Warnings = warnings ?? Array.Empty<string>();
        }

        public TenantTarget Tenant { get; }
        public IReadOnlyList<SecurityScoreComparison> Rows { get; }
        public PartnerSecurityException? Error { get; }
        public IReadOnlyList<string> Warnings { get; }
    }

    /// <summary>
    /// Get-PartnerSecurityScore -Compare: Microsoft's MFA figures (the partner's requirement and each customer
    /// insight) read once, our verdicts read tenant by tenant through the MFA posture reader (every user, and every
    /// enabled user's per-user MFA state, since Microsoft reports that too), then <see cref="ScoreComparer"/> sets
    /// them side by side. Tenants stream as they finish; one whose verdicts cannot be read keeps Microsoft's figures.
    /// </summary>
    public static class ScoreComparisonRun
    {
        public static async IAsyncEnumerable<ComparisonBatch> RunAsync(PartnerConnection connection, int throttleLimit, Action<string>? progress,
            [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            progress?.Invoke("Reading Microsoft's score, requirements and customer insights");
            var scoreTask = SecurityScoreReader.ReadScoreAsync(connection, cancellationToken);
            var insightsTask = SecurityScoreReader.ReadCustomerInsightsAsync(connection, cancellationToken);
            var namesTask = CustomerDirectory.TryReadAsync(connection, cancellationToken);
            var score = await scoreTask.ConfigureAwait(false);
            var insights = await insightsTask.ConfigureAwait(false);
            var (directory, warning) = await namesTask.ConfigureAwait(false);

            var partner = TenantScope.Home(connection);
            var targets = new List<TenantTarget> { partner };
            targets.AddRange(insights.Select(i => new TenantTarget(i.TenantId, directory.Name(i.TenantId), isHome: false)));
            var admins = score.Requirements.FirstOrDefault(r => r.RequirementType == SecurityScoreParser.AdminsMfa);
            var customers = score.Requirements.FirstOrDefault(r => r.RequirementType == SecurityScoreParser.CustomersMfa);
            var first = new List<string>();
            if (warning != null) first.Add(warning);
            if (admins == null) first.Add($"Microsoft's score has no '{SecurityScoreParser.AdminsMfa}' requirement: the partner tenant's own figures are not compared.");

            var options = new MfaReadOptions { PerUserMfa = PerUserMfaNeed.AllEnabledUsers };
            var customerResults = new List<(TenantTarget Tenant, MfaTenantResult? Ours)>();
            await foreach (var e in TenantFanOut.RunAsync(connection, targets, (t, a, c) => MfaPostureReader.GetAsync(connection, t, options, a, c), throttleLimit, cancellationToken).ConfigureAwait(false))
            {
                if (e.Kind == TenantEventKind.Progress)
                {
                    progress?.Invoke($"{e.Tenant.Label}: {e.Status}");
                    continue;
                }
                var ours = e.Kind == TenantEventKind.Completed ? e.Result : null;
                var tenant = ours?.Tenant ?? e.Tenant;
                IReadOnlyList<SecurityScoreComparison> rows;
                if (tenant.IsHome || string.Equals(tenant.Id, partner.Id, StringComparison.OrdinalIgnoreCase))
                    rows = admins == null ? Array.Empty<SecurityScoreComparison>() : ScoreComparer.Partner(admins, partner, ours, e.Error?.ErrorId, score.LastRefreshDateTime);
                else
                {
                    var insight = insights.First(i => string.Equals(i.TenantId, e.Tenant.Id, StringComparison.OrdinalIgnoreCase));
                    var named = new TenantTarget(insight.TenantId, tenant.Name ?? e.Tenant.Name, isHome: false, e.Tenant.Requested);
                    rows = ScoreComparer.Customer(insight, named, ours, e.Error?.ErrorId, score.LastRefreshDateTime);
                    customerResults.Add((named, ours));
                }
                var warnings = new List<string>(first);
                first.Clear();
                if (ours != null) warnings.AddRange(ours.Warnings);
                yield return new ComparisonBatch(tenant, rows, e.Error, warnings);
            }
            if (customers != null)
                yield return new ComparisonBatch(partner, new[] { ScoreComparer.CustomerTenants(customers, partner, customerResults) }, null);
        }
    }
}
