using System;
using System.Globalization;
using System.Management.Automation;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SpendingBudgets;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Sets the Azure spending budget of customers in Partner Center, by tenant id or domain or from
    /// Get-PartnerCustomer through the pipeline; each change asks ShouldProcess with the budget it replaces.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PartnerCustomerSpendingBudget", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(CustomerSpendingBudget))]
    public sealed class SetPartnerCustomerSpendingBudgetCommand : PartnerSecurityCmdlet
    {
        private CustomerDirectory? _directory;

        /// <summary>The customers (tenant ids or domains).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [ValidateTenantId]
        public string[] CustomerTenantId { get; set; } = Array.Empty<string>();

        /// <summary>The monthly budget for the customer's Azure usage, in the customer's billing currency.</summary>
        [Parameter(Mandatory = true)]
        public decimal Amount { get; set; }

        protected override void BeginProcessing()
        {
            if (Amount < 0)
                ThrowTerminatingError(ErrorRecords.Create("InvalidBudget", ErrorKind.InvalidArgument,
                    $"A spending budget cannot be negative ({Amount.ToString(CultureInfo.InvariantCulture)}).", "Give an amount of 0 or more.", Amount));
        }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                _directory ??= await CustomerDirectory.ReadAsync(connection, ct).ConfigureAwait(false);
                foreach (var customer in CustomerTargets.Resolve(_directory, CustomerTenantId, pump))
                {
                    try
                    {
                        var current = await SpendingBudgetClient.GetAsync(connection, customer.TenantId, ct).ConfigureAwait(false);
                        if (current == Amount)
                        {
                            pump.Verbose($"{customer.CompanyName} already has a spending budget of {Text(Amount)}: nothing was changed.");
                            pump.WriteObject(GetPartnerCustomerSpendingBudgetCommand.Budget(customer, current));
                            continue;
                        }
                        var target = $"{customer.CompanyName} ({customer.TenantId})";
                        var action = $"Set the Azure spending budget to {Text(Amount)} (now {(current == null ? "none" : Text(current.Value))})";
                        if (!await pump.ShouldProcessAsync(target, action).ConfigureAwait(false)) continue;
                        var result = GetPartnerCustomerSpendingBudgetCommand.Budget(customer, await SpendingBudgetClient.SetAsync(connection, customer.TenantId, Amount, ct).ConfigureAwait(false));
                        result.PreviousAmount = current;
                        pump.WriteObject(result);
                    }
                    catch (PartnerSecurityException ex) when (ex.Kind != ErrorKind.AuthenticationError && ex.Kind != ErrorKind.PermissionDenied)
                    {
                        pump.WriteError(ErrorRecords.From(ex, customer.TenantId));
                    }
                }
            });
        }

        private static string Text(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
