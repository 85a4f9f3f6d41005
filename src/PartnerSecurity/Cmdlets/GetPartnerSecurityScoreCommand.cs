using System.Management.Automation;
using System.Threading.Tasks;
using PartnerSecurity.Customers;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Microsoft's partner security score of the connected partner tenant (Graph beta): the score with its
    /// requirements, or the requirements, the history, the customer insights, or (-Compare) Microsoft's MFA
    /// figures beside our verdicts with the users behind each difference.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerSecurityScore", DefaultParameterSetName = ScoreSet)]
    [OutputType(typeof(PartnerSecurityScore), ParameterSetName = new[] { ScoreSet })]
    [OutputType(typeof(SecurityRequirementStatus), ParameterSetName = new[] { RequirementSet })]
    [OutputType(typeof(SecurityScoreHistoryEntry), ParameterSetName = new[] { HistorySet })]
    [OutputType(typeof(CustomerMfaInsight), ParameterSetName = new[] { InsightSet })]
    [OutputType(typeof(SecurityScoreComparison), ParameterSetName = new[] { CompareSet })]
    public sealed class GetPartnerSecurityScoreCommand : PartnerSecurityCmdlet
    {
        private const string ScoreSet = "Score";
        private const string RequirementSet = "Requirement";
        private const string HistorySet = "History";
        private const string InsightSet = "CustomerInsight";
        private const string CompareSet = "Compare";

        /// <summary>Each requirement with its figures, one object each.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RequirementSet)]
        public SwitchParameter Requirement { get; set; }

        /// <summary>The changes of the score, oldest first.</summary>
        [Parameter(Mandatory = true, ParameterSetName = HistorySet)]
        public SwitchParameter History { get; set; }

        /// <summary>Microsoft's MFA figures for each customer.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InsightSet)]
        public SwitchParameter CustomerInsight { get; set; }

        /// <summary>Microsoft's MFA figures beside our verdicts, per tenant, naming the users behind each difference.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CompareSet)]
        public SwitchParameter Compare { get; set; }

        /// <summary>How many tenants' verdicts are read at once (with -Compare).</summary>
        [Parameter(ParameterSetName = CompareSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = TenantFanOut.DefaultThrottleLimit;

        protected override void EndProcessing()
        {
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                switch (ParameterSetName)
                {
                    case RequirementSet:
                        foreach (var requirement in await SecurityScoreReader.ReadRequirementsAsync(connection, ct).ConfigureAwait(false)) pump.WriteObject(requirement);
                        break;
                    case HistorySet:
                        foreach (var entry in await SecurityScoreReader.ReadHistoryAsync(connection, ct).ConfigureAwait(false)) pump.WriteObject(entry);
                        break;
                    case InsightSet:
                        var insightsTask = SecurityScoreReader.ReadCustomerInsightsAsync(connection, ct);
                        var directoryTask = CustomerDirectory.TryReadAsync(connection, ct);
                        var insights = await insightsTask.ConfigureAwait(false);
                        var (directory, warning) = await directoryTask.ConfigureAwait(false);
                        if (warning != null) pump.Warning(warning);
                        foreach (var insight in insights)
                        {
                            insight.CustomerName = directory.Name(insight.TenantId) ?? string.Empty;
                            pump.WriteObject(insight);
                        }
                        break;
                    case CompareSet:
                        await CompareAsync(connection, pump, ct).ConfigureAwait(false);
                        break;
                    default:
                        pump.WriteObject(await SecurityScoreReader.ReadScoreAsync(connection, ct).ConfigureAwait(false));
                        break;
                }
            });
        }

        private async System.Threading.Tasks.Task CompareAsync(Connections.PartnerConnection connection, CmdletPump pump, System.Threading.CancellationToken ct)
        {
            const string activity = "Comparing Microsoft's MFA figures with the verdicts";
            int done = 0;
            await foreach (var batch in ScoreComparisonRun.RunAsync(connection, ThrottleLimit,
                status => pump.WriteProgress(new ProgressRecord(1, activity, $"{done} tenant(s) compared") { CurrentOperation = status }), ct).ConfigureAwait(false))
            {
                done++;
                foreach (var warning in batch.Warnings) pump.Warning(warning);
                if (batch.Error != null) pump.WriteError(ErrorRecords.From(batch.Error, batch.Tenant.Requested));
                foreach (var row in batch.Rows) pump.WriteObject(row);
            }
            pump.WriteProgress(new ProgressRecord(1, activity, $"{done} tenant(s) compared") { RecordType = ProgressRecordType.Completed });
        }
    }
}
