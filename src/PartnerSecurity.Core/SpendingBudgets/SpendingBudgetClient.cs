using System;
using System.Globalization;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Json;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.SpendingBudgets
{
    /// <summary>A customer's Azure spending budget in Partner Center (the "spending budgets" requirement of the score).</summary>
    public sealed class CustomerSpendingBudget
    {
        public string CustomerId { get; set; } = string.Empty;
        public string TenantId { get; set; } = string.Empty;
        public string CompanyName { get; set; } = string.Empty;
        /// <summary>The budget; null when none is set.</summary>
        public decimal? Amount { get; set; }
        public bool HasBudget => Amount != null;
        /// <summary>Set by Set-PartnerCustomerSpendingBudget: the amount before the change.</summary>
        public decimal? PreviousAmount { get; set; }

        public override string ToString() =>
            $"{CompanyName}: {(Amount == null ? "no budget" : Amount.Value.ToString("0.##", CultureInfo.InvariantCulture))}";
    }

    /// <summary>
    /// GET and PATCH /v1/customers/{customer-tenant-id}/usagebudget through the module's Partner Center client:
    /// app-only and App+User alike, as documented. The answer must carry "amount" (a number, or null for no budget).
    /// </summary>
    public static class SpendingBudgetClient
    {
        private const string Source = "Partner Center's spending budget";

        public static async Task<decimal?> GetAsync(PartnerConnection connection, string customerId, CancellationToken cancellationToken)
        {
            using var document = await SendAsync(connection, HttpMethod.Get, customerId, null, "Reading the spending budget", cancellationToken).ConfigureAwait(false);
            return Amount(document, customerId);
        }

        /// <summary>Sets the budget and returns the amount Partner Center answers with.</summary>
        public static async Task<decimal?> SetAsync(PartnerConnection connection, string customerId, decimal amount, CancellationToken cancellationToken)
        {
            if (amount < 0)
                throw new PartnerSecurityException("InvalidBudget", ErrorKind.InvalidArgument, $"A spending budget cannot be negative ({amount.ToString(CultureInfo.InvariantCulture)}).", "Give an amount of 0 or more.");
            // The documented request: the full resource, PascalCase.
            var body = "{\"Amount\":" + amount.ToString(CultureInfo.InvariantCulture) + ",\"Attributes\":{\"ObjectType\":\"SpendingBudget\"}}";
            using var document = await SendAsync(connection, new HttpMethod("PATCH"), customerId, body, "Setting the spending budget", cancellationToken).ConfigureAwait(false);
            return Amount(document, customerId);
        }

        private static async Task<JsonDocument> SendAsync(PartnerConnection connection, HttpMethod method, string customerId, string? body, string operation, CancellationToken cancellationToken)
        {
            if (!Guid.TryParse(customerId, out var id))
                throw new PartnerSecurityException("InvalidCustomerId", ErrorKind.InvalidArgument, $"'{customerId}' is not a customer tenant id.", "Pass the customer's tenant id (a GUID), or pipe Get-PartnerCustomer.");
            try
            {
                return await new PartnerCenterClient(connection).SendAsync(method, $"/v1/customers/{id:D}/usagebudget", body, null, $"{operation} of customer {id:D}", cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.PartnerCenterNotFound)
            {
                throw new PartnerSecurityException("CustomerNotFound", ErrorKind.ObjectNotFound,
                    $"Partner Center has no customer {id:D} for this partner: {ex.Message}", "Run Get-PartnerCustomer to see the customers and their tenant ids.", ex, customerId);
            }
        }

        private static decimal? Amount(JsonDocument document, string customerId)
        {
            var root = new StrictJson(document.RootElement, Source, $"the budget of customer {customerId}");
            if (!root.Element.TryGetProperty("amount", out _)) throw root.Invalid("amount", "the amount (a number, or null for no budget)");
            var amount = root.OptionalDecimal("amount");
            if (amount < 0) throw root.Invalid("amount", "an amount of 0 or more");
            return amount;
        }
    }
}
