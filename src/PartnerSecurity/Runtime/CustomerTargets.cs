using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.PartnerCenter;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// The Partner Center customers that -CustomerTenantId names (tenant ids or domains), for commands that act on
    /// customers through Partner Center rather than in their tenants: one ObjectNotFound error per name Partner
    /// Center does not list, each customer once.
    /// </summary>
    internal static class CustomerTargets
    {
        public static IReadOnlyList<PartnerCenterCustomer> Resolve(CustomerDirectory directory, IReadOnlyCollection<string>? requested, CmdletPump pump)
        {
            if (requested == null || requested.Count == 0) return directory.Customers;
            var result = new List<PartnerCenterCustomer>();
            foreach (var name in requested.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var customer = directory.Resolve(name);
                if (customer == null)
                    pump.WriteError(ErrorRecords.Create("CustomerNotFound", ErrorKind.ObjectNotFound,
                        $"Partner Center lists no customer '{name}' for this partner.", "Run Get-PartnerCustomer to see the customers, their tenant ids and domains.", name));
                else if (!result.Contains(customer)) result.Add(customer);
            }
            return result;
        }
    }
}
