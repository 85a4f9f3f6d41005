using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.Snapshots;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Writes the connected tenant (read-only calls) in the snapshot format, so that an auditor can analyse it offline with
    /// Connect-PartnerSecurity -Snapshot and a bug can be reproduced without the tenant: its directory and sign-ins, the
    /// partner security data and MFA telemetry, and with -CustomerTenantId/-AllCustomers the chosen customers (Partner
    /// Center record, GDAP relationships, spending budget, directory). Secrets never enter it.
    /// </summary>
    [Cmdlet(VerbsData.Export, "PartnerTenantSnapshot", SupportsShouldProcess = true, DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(Assessment.Report.ExportedFile))]
    public sealed class ExportPartnerTenantSnapshotCommand : PartnerSecurityCmdlet
    {
        private const string TenantSet = "Tenant";
        private const string AllCustomersSet = "AllCustomers";

        /// <summary>The snapshot file to write (overwritten if it exists).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Customer tenants (ids or domains) whose directory goes into the snapshot's customers section; Get-PartnerCustomer pipes in.</summary>
        [Parameter(ParameterSetName = TenantSet, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [NormalizeTenantId]
        [ValidateTenantId]
        public string[]? CustomerTenantId { get; set; }

        /// <summary>Every customer tenant Partner Center lists.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AllCustomersSet)]
        public SwitchParameter AllCustomers { get; set; }

        /// <summary>With -AllCustomers, only the customers of shard i of n ("2/8"); the partner tenant is in every shard's file.</summary>
        [Parameter(ParameterSetName = AllCustomersSet)]
        public CustomerShard? Shard { get; set; }

        /// <summary>How many customer tenants are read at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = TenantFanOut.DefaultThrottleLimit;

        /// <summary>Write the snapshot's file (path, format, size) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly List<string> _requested = new List<string>();

        protected override void ProcessRecord()
        {
            if (CustomerTenantId != null) _requested.AddRange(CustomerTenantId);
        }

        protected override void EndProcessing()
        {
            var connection = RequireConnection();
            var target = GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(target, $"Write a snapshot of tenant {connection.Context.TenantName}")) return;
            bool customersAsked = AllCustomers || _requested.Count > 0;
            Run(async (pump, ct) =>
            {
                void Progress(string status) => pump.WriteProgress(new ProgressRecord(1, "Exporting the tenant snapshot", status));
                var document = await TenantSnapshotExporter.ExportAsync(connection, TenantScope.Home(connection), Progress, pump.Warning, ct).ConfigureAwait(false);
                Progress("Reading the partner security data");
                if (await PartnerSnapshotSections.ReadPartnerSecurityAsync(connection, pump.Warning, ct).ConfigureAwait(false) is JsonObject security)
                    document["partnerSecurity"] = security;
                if (await PartnerSnapshotSections.ReadPartnerCenterMfaAsync(connection, pump.Warning, ct).ConfigureAwait(false) is JsonObject telemetry)
                    document["partnerCenterMfa"] = telemetry;

                Progress("Reading the customers and their GDAP relationships");
                var listed = await PartnerSnapshotSections.ReadCustomersAsync(connection, ct).ConfigureAwait(false);
                int exported = 0;
                if (customersAsked)
                {
                    var byTenant = listed.ToDictionary(c => c.Customer.TenantId, StringComparer.OrdinalIgnoreCase);
                    var tenants = (await TenantScope.ResolveAsync(connection, AllCustomers ? null : _requested, AllCustomers, ct, Shard).ConfigureAwait(false))
                        .Where(t => !string.Equals(t.Id, connection.HomeTenantId, StringComparison.OrdinalIgnoreCase)).ToList();
                    var customers = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
                    await foreach (var e in TenantFanOut.RunAsync(connection, tenants, async (tenant, activity, c) =>
                    {
                        if (!byTenant.TryGetValue(tenant.Id, out var customer))
                            throw new PartnerSecurityException("SnapshotCustomerNotListed", ErrorKind.ObjectNotFound,
                                $"Tenant {tenant.Label} is not a customer Partner Center lists for this partner; the snapshot holds customers with their Partner Center record only, so it is left out.",
                                "Give the tenant id or domain of a customer Get-PartnerCustomer lists.", null, tenant.Requested);
                        var warnings = new List<string>();
                        var directory = await TenantSnapshotExporter.ExportAsync(connection, tenant, activity.Report, warnings.Add, c).ConfigureAwait(false);
                        directory.Remove("format");
                        directory.Remove("capturedDateTime"); // inherited from the partner, so the customer's clock is the partner's
                        var item = PartnerSnapshotSections.Entry(customer, await PartnerSnapshotSections.ReadUsageBudgetAsync(connection, customer.Customer.Id, c).ConfigureAwait(false), directory);
                        return (Item: item, Warnings: warnings);
                    }, ThrottleLimit, ct).ConfigureAwait(false))
                    {
                        switch (e.Kind)
                        {
                            case TenantEventKind.Progress:
                                Progress($"{e.Tenant.Label}: {e.Status}");
                                break;
                            case TenantEventKind.Failed:
                                // The format holds a customer only with its directory. One the partner cannot sign in to for want of an
                                // active GDAP relationship is kept without it: the replay refuses it the same way. Any other is left out.
                                string fate = "is not in the snapshot";
                                if (byTenant.TryGetValue(e.Tenant.Id, out var unreadable) && !PartnerSnapshotSections.HasActiveRelationship(unreadable, connection.Now))
                                {
                                    customers[e.Tenant.Id] = PartnerSnapshotSections.UnreadableEntry(unreadable,
                                        await PartnerSnapshotSections.ReadUsageBudgetAsync(connection, unreadable.Customer.Id, ct).ConfigureAwait(false));
                                    fate = "is in the snapshot without its directory (no active GDAP relationship: the snapshot refuses it the same way)";
                                }
                                pump.WriteError(ErrorRecords.From(new PartnerSecurityException(e.Error!.ErrorId, e.Error.Kind,
                                    $"{e.Error.Message} Customer {e.Tenant.Label} {fate}.", e.Error.RecommendedAction, e.Error, e.Tenant.Requested), e.Tenant.Requested));
                                break;
                            default:
                                foreach (var warning in e.Result.Warnings) pump.Warning($"{e.Tenant.Label}: {warning}");
                                customers[e.Tenant.Id] = e.Result.Item;
                                break;
                        }
                    }
                    // Partner Center's order, whatever order the tenants finished in.
                    var ordered = new JsonArray();
                    foreach (var c in listed) if (customers.TryGetValue(c.Customer.TenantId, out var item)) ordered.Add(item);
                    exported = ordered.Count;
                    document["customers"] = ordered;
                }
                else if (listed.Count > 0)
                {
                    pump.Warning($"Partner Center lists {listed.Count} customer(s); the snapshot holds a customer only with its directory, so none is in it. Add -AllCustomers or -CustomerTenantId to export them.");
                }
                try
                {
                    File.WriteAllText(target, document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new PartnerSecurityException("SnapshotNotWritten", ErrorKind.PermissionDenied, $"Cannot write the snapshot to '{target}': {ex.Message}",
                        "Give a path in a folder that exists and that you can write to.", ex, Path);
                }
                if (PassThru) pump.WriteObject(new Assessment.Report.ExportedFile { Path = target, Format = "Snapshot", Length = new FileInfo(target).Length, Tenants = 1 + exported });
            });
        }
    }
}
