using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// The partner's customer tenants from Partner Center, with their GDAP relationships. The objects pipe
    /// into every -CustomerTenantId parameter by property name.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerCustomer")]
    [OutputType(typeof(PartnerCustomer))]
    public sealed class GetPartnerCustomerCommand : PartnerSecurityCmdlet
    {
        /// <summary>Company name; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [Alias("CompanyName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The customer's domain as Partner Center records it; wildcards allowed.</summary>
        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string? Domain { get; set; }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            var name = Name == null ? null : new NamePattern(Name);
            var domain = Domain == null ? null : new NamePattern(Domain);
            Run(async (pump, ct) =>
            {
                var list = await PartnerCustomerReader.ListAsync(connection, ct).ConfigureAwait(false);
                foreach (var warning in list.Warnings) pump.Warning(warning);
                var matches = list.Customers
                    .Where(c => name == null || name.IsMatch(c.CompanyName))
                    .Where(c => domain == null || domain.IsMatch(c.Domain))
                    .ToList();
                foreach (var customer in matches) pump.WriteObject(customer);
                if (matches.Count == 0)
                {
                    // A name without wildcards that matches nothing is an error, as for Get-Item; a pattern that matches nothing is not.
                    if (name != null && name.IsLiteral)
                        pump.WriteError(ErrorRecords.Create("CustomerNotFound", ErrorKind.ObjectNotFound, $"Partner Center lists no customer named '{Name}'.", "Run Get-PartnerCustomer without -Name to see every customer.", Name));
                    else if (domain != null && domain.IsLiteral)
                        pump.WriteError(ErrorRecords.Create("CustomerNotFound", ErrorKind.ObjectNotFound, $"Partner Center lists no customer with the domain '{Domain}'.", "Run Get-PartnerCustomer without -Domain to see every customer.", Domain));
                }
            });
        }
    }
}
