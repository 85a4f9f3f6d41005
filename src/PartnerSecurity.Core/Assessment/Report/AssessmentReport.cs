using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>
    /// The tenants one report shows, whatever run or -Shard job they came from: one per tenant (the latest when a tenant
    /// comes twice), the partner tenant first, then by name and id. So the report of shards 1/2 and 2/2 is the report of
    /// one run, apart from the times of reading. The report's time is the latest of its tenants' (when the data was read).
    /// </summary>
    public sealed class AssessmentReport
    {
        /// <summary>The formats a report is written in (Export-PartnerSecurityReport -Format).</summary>
        public static readonly string[] Formats = { "Html", "Json", "Csv" };

        public AssessmentReport(IEnumerable<TenantAssessment> tenants, string moduleVersion, Action<string>? duplicate = null)
        {
            var unique = new Dictionary<string, TenantAssessment>(StringComparer.OrdinalIgnoreCase);
            foreach (var tenant in tenants)
            {
                if (unique.TryGetValue(tenant.TenantId, out var other))
                {
                    duplicate?.Invoke($"{tenant.TenantName} ({tenant.TenantId}) is in more than one assessment: the one read at {Later(tenant, other).AssessedAt:u} is kept.");
                    unique[tenant.TenantId] = Later(tenant, other);
                }
                else unique[tenant.TenantId] = tenant;
            }
            Tenants = unique.Values
                .OrderByDescending(t => t.IsPartnerTenant)
                .ThenBy(t => t.TenantName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(t => t.TenantId, StringComparer.OrdinalIgnoreCase)
                .ToList();
            ModuleVersion = moduleVersion;
            GeneratedAt = Tenants.Count == 0 ? DateTimeOffset.MinValue : Tenants.Max(t => t.AssessedAt);
        }

        private static TenantAssessment Later(TenantAssessment a, TenantAssessment b) => a.AssessedAt >= b.AssessedAt ? a : b;

        public IReadOnlyList<TenantAssessment> Tenants { get; }
        public string ModuleVersion { get; }
        public DateTimeOffset GeneratedAt { get; }
        public TenantAssessment? Partner => Tenants.FirstOrDefault(t => t.IsPartnerTenant);
    }
}
