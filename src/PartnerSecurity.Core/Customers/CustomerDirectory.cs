using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.Customers
{
    /// <summary>
    /// The partner's customers as Partner Center lists them, for commands that address customers by tenant id or
    /// domain without going into their tenants (alerts, budgets, insights): names for ids Microsoft gives alone,
    /// and ids for the domains a user types.
    /// </summary>
    public sealed class CustomerDirectory
    {
        private readonly Dictionary<string, PartnerCenterCustomer> _byTenant;

        private CustomerDirectory(IReadOnlyList<PartnerCenterCustomer> customers)
        {
            Customers = customers;
            _byTenant = new Dictionary<string, PartnerCenterCustomer>(StringComparer.OrdinalIgnoreCase);
            foreach (var customer in customers) _byTenant[customer.TenantId] = customer;
        }

        public IReadOnlyList<PartnerCenterCustomer> Customers { get; }

        public static async Task<CustomerDirectory> ReadAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            var list = new List<PartnerCenterCustomer>();
            await foreach (var customer in new PartnerCenterClient(connection).GetCustomersAsync(cancellationToken).ConfigureAwait(false)) list.Add(customer);
            return new CustomerDirectory(list);
        }

        /// <summary>Names are a convenience: when Partner Center cannot be read, an empty directory and a warning that says so.</summary>
        public static async Task<(CustomerDirectory Directory, string? Warning)> TryReadAsync(PartnerConnection connection, CancellationToken cancellationToken)
        {
            try
            {
                return (await ReadAsync(connection, cancellationToken).ConfigureAwait(false), null);
            }
            catch (PartnerSecurityException ex)
            {
                return (new CustomerDirectory(Array.Empty<PartnerCenterCustomer>()), $"Customer names are missing: {ex.Message} {ex.RecommendedAction}".Trim());
            }
        }

        public string? Name(string tenantId) => _byTenant.TryGetValue(tenantId, out var customer) ? customer.CompanyName : null;

        public PartnerCenterCustomer? Find(string tenantId) => _byTenant.TryGetValue(tenantId, out var customer) ? customer : null;

        /// <summary>The customer a tenant id or a domain names (the domain Partner Center records), or null.</summary>
        public PartnerCenterCustomer? Resolve(string idOrDomain)
        {
            var value = idOrDomain.Trim();
            if (Guid.TryParse(value, out var id)) return Find(id.ToString("D"));
            return Customers.FirstOrDefault(c => string.Equals(c.Domain, value, StringComparison.OrdinalIgnoreCase));
        }
    }
}
