using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Base of the cmdlets that run in the connected tenant or in customer tenants: -CustomerTenantId (ids
    /// or domains; pipeline by property name, aliases TenantId and CustomerId), -AllCustomers (every
    /// customer Partner Center lists), -ThrottleLimit. Tenants run concurrently; each tenant's output is
    /// written as soon as it finishes; Write-Progress counts tenants (and what the cmdlet evaluates); a
    /// tenant that fails writes one non-terminating error naming it and the fix, and the others go on.
    /// </summary>
    public abstract class TenantScopedCmdlet : PartnerSecurityCmdlet
    {
        protected const string TenantSet = "Tenant";
        protected const string AllCustomersSet = "AllCustomers";

        private readonly List<string> _requested = new List<string>();
        private CmdletPump? _pump;

        /// <summary>Customer tenants (ids or domains); the connected tenant when absent.</summary>
        [Parameter(ParameterSetName = TenantSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [NormalizeTenantId]
        [ValidateTenantId]
        public string[]? CustomerTenantId { get; set; }

        /// <summary>Every customer tenant Partner Center lists (not the partner tenant itself).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllCustomersSet)]
        public SwitchParameter AllCustomers { get; set; }

        /// <summary>
        /// With -AllCustomers, only the customers of shard i of n ("2/8"): n jobs given 1/n to n/n cover every
        /// customer exactly once, by a stable hash of the tenant id.
        /// </summary>
        [Parameter(ParameterSetName = AllCustomersSet)]
        public CustomerShard? Shard { get; set; }

        /// <summary>How many tenants run at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = TenantFanOut.DefaultThrottleLimit;

        /// <summary>The Write-Progress activity, for example "Reading MFA posture".</summary>
        protected abstract string ProgressActivity { get; }

        /// <summary>What <see cref="TenantOutput.Evaluated"/> counts in the progress line ("users evaluated"); null to show tenants only.</summary>
        protected virtual string? EvaluatedUnit => null;

        protected override void ProcessRecord()
        {
            if (CustomerTenantId != null) _requested.AddRange(CustomerTenantId);
        }

        /// <summary>
        /// For cmdlets that take users and tenants from the same record (a verdict of Get-PartnerMfaStatus): notes the
        /// record's users against its tenants, the connected tenant when it names none (which then runs too), or every
        /// tenant of the run with -AllCustomers.
        /// </summary>
        private protected void RecordUsers(TenantUsers users, string[]? userPrincipalNames, string[]? userIds = null)
        {
            string[]? tenants = CustomerTenantId;
            if (!AllCustomers && tenants == null)
            {
                tenants = new[] { RequireConnection().HomeTenantId };
                _requested.AddRange(tenants);
            }
            users.Add(AllCustomers ? null : tenants, userPrincipalNames, userIds);
        }

        protected override void EndProcessing()
        {
            // Input was piped but none of it named a tenant (empty input, or every item failed validation): nothing to do.
            if (MyInvocation.ExpectingInput && _requested.Count == 0 && !AllCustomers) return;
            var connection = RequireConnection();
            BeginTenants();
            Run(async (pump, ct) =>
            {
                _pump = pump;
                var tenants = await TenantScope.ResolveAsync(connection, _requested, AllCustomers, ct, Shard).ConfigureAwait(false);
                if (IncludesPartnerTenant && !tenants.Any(t => t.IsHome || string.Equals(t.Id, connection.HomeTenantId, StringComparison.OrdinalIgnoreCase))
                    && (Shard == null || Shard.Contains(connection.HomeTenantId)))
                    tenants = new[] { TenantScope.Home(connection) }.Concat(tenants).ToList();
                if (tenants.Count == 0)
                {
                    pump.Warning(Shard == null
                        ? "Partner Center lists no customer tenant for this partner."
                        : $"No customer tenant falls in shard {Shard}: with few customers, choose fewer shards.");
                    return;
                }
                int done = 0;
                long evaluated = 0;
                var progress = new ProgressRecord(1, ProgressActivity, Status(0, tenants.Count, 0)) { PercentComplete = 0 };
                pump.WriteProgress(progress);
                await foreach (var e in TenantFanOut.RunAsync(connection, tenants, (t, a, c) => ProcessTenantAsync(connection, t, a, c), ThrottleLimit, ct).ConfigureAwait(false))
                {
                    switch (e.Kind)
                    {
                        case TenantEventKind.Progress:
                            progress = new ProgressRecord(1, ProgressActivity, Status(done, tenants.Count, evaluated))
                            {
                                PercentComplete = done * 100 / tenants.Count,
                                CurrentOperation = $"{e.Tenant.Label}: {e.Status}",
                            };
                            pump.WriteProgress(progress);
                            continue;
                        case TenantEventKind.Failed:
                            done++;
                            pump.WriteError(ErrorRecords.From(e.Error!, e.Tenant.Requested));
                            foreach (var item in TenantFailed(e.Tenant, e.Error!)) pump.WriteObject(item);
                            break;
                        default:
                            done++;
                            evaluated += e.Result.Evaluated;
                            foreach (var warning in e.Result.Warnings) pump.Warning(warning);
                            foreach (var item in e.Result.Objects) pump.WriteObject(item);
                            break;
                    }
                    pump.WriteProgress(new ProgressRecord(1, ProgressActivity, Status(done, tenants.Count, evaluated))
                    {
                        PercentComplete = done * 100 / tenants.Count,
                        CurrentOperation = e.Tenant.Label + (e.Kind == TenantEventKind.Failed ? ": failed" : ": done"),
                    });
                }
                pump.WriteProgress(new ProgressRecord(1, ProgressActivity, Status(done, tenants.Count, evaluated)) { RecordType = ProgressRecordType.Completed });
                EndTenants(pump);
            });
        }

        private string Status(int done, int total, long evaluated)
        {
            var text = string.Format(CultureInfo.InvariantCulture, "{0} of {1} tenant{2} done", done, total, total == 1 ? string.Empty : "s");
            return EvaluatedUnit == null ? text : text + string.Format(CultureInfo.InvariantCulture, ", {0:N0} {1}", evaluated, EvaluatedUnit);
        }

        /// <summary>
        /// The running invocation's pump, for tenant work that writes as it goes rather than in its
        /// <see cref="TenantOutput"/>: objects streamed as pages arrive (the pump's bounded queue holds the reader
        /// back when the pipeline is slower), per-item errors and warnings, ShouldProcess questions.
        /// </summary>
        private protected CmdletPump Pump => _pump ?? throw new InvalidOperationException("The pump exists only while tenants run.");

        /// <summary>
        /// Whether the partner (connected) tenant runs too, first, whatever else is asked (with -Shard, in the shard its id
        /// falls in): for cmdlets about the partner security requirement, which is about the partner tenant above all.
        /// </summary>
        private protected virtual bool IncludesPartnerTenant => false;

        /// <summary>Objects to write after a tenant's error (an assessment that says the tenant is unknown, so no report drops it).</summary>
        private protected virtual IEnumerable<object> TenantFailed(TenantTarget tenant, Diagnostics.PartnerSecurityException error) => Array.Empty<object>();

        /// <summary>Runs on the pipeline thread before any tenant starts (validate, prepare options).</summary>
        private protected virtual void BeginTenants() { }

        /// <summary>One tenant's work, on a worker; throw to fail this tenant alone.</summary>
        private protected abstract Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken);

        /// <summary>After every tenant has finished (for errors about the whole run).</summary>
        private protected virtual void EndTenants(CmdletPump pump) { }
    }

    /// <summary>What one tenant produced: objects to write, warnings to write before them, how much was evaluated.</summary>
    internal sealed class TenantOutput
    {
        public TenantOutput(IEnumerable<object> objects, IReadOnlyList<string>? warnings = null, int evaluated = 0)
        {
            Objects = objects;
            Warnings = warnings ?? Array.Empty<string>();
            Evaluated = evaluated;
        }

        public IEnumerable<object> Objects { get; }
        public IReadOnlyList<string> Warnings { get; }
        public int Evaluated { get; }
    }
}
