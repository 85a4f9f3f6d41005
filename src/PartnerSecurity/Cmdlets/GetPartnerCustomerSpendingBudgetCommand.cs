using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.PartnerCenter;
using PartnerSecurity.Runtime;
using PartnerSecurity.SpendingBudgets;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// The Azure spending budget Partner Center holds for each customer (the "spending budgets" requirement of the
    /// partner security score): every customer, or those named by tenant id or domain, from Get-PartnerCustomer too.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerCustomerSpendingBudget")]
    [OutputType(typeof(CustomerSpendingBudget))]
    public sealed class GetPartnerCustomerSpendingBudgetCommand : PartnerSecurityCmdlet
    {
        private const int Parallel = 4;
        private readonly List<string> _requested = new List<string>();

        /// <summary>The customers (tenant ids or domains); every customer when absent.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [ValidateTenantId]
        public string[]? CustomerTenantId { get; set; }

        protected override void ProcessRecord()
        {
            if (CustomerTenantId != null) _requested.AddRange(CustomerTenantId);
        }

        protected override void EndProcessing()
        {
            if (MyInvocation.ExpectingInput && _requested.Count == 0) return;
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                var directory = await CustomerDirectory.ReadAsync(connection, ct).ConfigureAwait(false);
                var customers = CustomerTargets.Resolve(directory, _requested, pump);
                using var gate = new SemaphoreSlim(Parallel);
                var reads = customers.Select(c => ReadAsync(c, gate)).ToList();
                for (int i = 0; i < reads.Count; i++)
                {
                    pump.WriteProgress(new ProgressRecord(1, "Reading spending budgets", $"{i} of {reads.Count} customers") { PercentComplete = i * 100 / Math.Max(1, reads.Count) });
                    try
                    {
                        pump.WriteObject(await reads[i].ConfigureAwait(false));
                    }
                    catch (PartnerSecurityException ex) when (ex.Kind != ErrorKind.AuthenticationError && ex.Kind != ErrorKind.PermissionDenied)
                    {
                        pump.WriteError(ErrorRecords.From(ex, customers[i].TenantId));
                    }
                }
                pump.WriteProgress(new ProgressRecord(1, "Reading spending budgets", "Done") { RecordType = ProgressRecordType.Completed });

                async Task<CustomerSpendingBudget> ReadAsync(PartnerCenterCustomer customer, SemaphoreSlim gate)
                {
                    await gate.WaitAsync(ct).ConfigureAwait(false);
                    try
                    {
                        return Budget(customer, await SpendingBudgetClient.GetAsync(connection, customer.TenantId, ct).ConfigureAwait(false));
                    }
                    finally { gate.Release(); }
                }
            });
        }

        internal static CustomerSpendingBudget Budget(PartnerCenterCustomer customer, decimal? amount) => new CustomerSpendingBudget
        {
            CustomerId = customer.Id,
            TenantId = customer.TenantId,
            CompanyName = customer.CompanyName,
            Amount = amount,
        };
    }
}
