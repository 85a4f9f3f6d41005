using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecurityAlerts;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Microsoft's security alerts about the customers' Azure subscriptions (Graph beta), newest first, filtered
    /// by status, severity and customer (tenant ids or domains, from the pipeline too).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerSecurityAlert", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(PartnerSecurityAlert))]
    public sealed class GetPartnerSecurityAlertCommand : PartnerSecurityCmdlet
    {
        private const string ListSet = "List";
        private const string IdSet = "Id";
        private readonly List<string> _customers = new List<string>();
        private readonly List<string> _ids = new List<string>();

        /// <summary>Only alerts with these statuses.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Active", "Investigating", "Resolved", IgnoreCase = true)]
        public string[]? Status { get; set; }

        /// <summary>Only alerts with these severities.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Informational", "Low", "Medium", "High", IgnoreCase = true)]
        public string[]? Severity { get; set; }

        /// <summary>Only alerts about these customers (tenant ids or domains).</summary>
        [Parameter(ParameterSetName = ListSet, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("TenantId", "CustomerId")]
        [ValidateTenantId]
        public string[]? CustomerTenantId { get; set; }

        /// <summary>One alert by its id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; } = Array.Empty<string>();

        protected override void ProcessRecord()
        {
            if (CustomerTenantId != null) _customers.AddRange(CustomerTenantId);
            if (ParameterSetName == IdSet) _ids.AddRange(Id);
        }

        protected override void EndProcessing()
        {
            // Piped input that named no customer: nothing to list.
            if (ParameterSetName == ListSet && MyInvocation.ExpectingInput && _customers.Count == 0) return;
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                var (directory, warning) = await CustomerDirectory.TryReadAsync(connection, ct).ConfigureAwait(false);
                if (warning != null) pump.Warning(warning);
                IEnumerable<PartnerSecurityAlert> alerts;
                if (ParameterSetName == IdSet)
                {
                    var found = new List<PartnerSecurityAlert>();
                    foreach (var id in _ids.Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        try { found.Add(await SecurityAlertClient.GetAsync(connection, id, ct).ConfigureAwait(false)); }
                        catch (PartnerSecurityException ex) when (ex.Kind == ErrorKind.ObjectNotFound) { pump.WriteError(ErrorRecords.From(ex, id)); }
                    }
                    alerts = found;
                }
                else
                {
                    var tenants = new List<string>();
                    foreach (var requested in _customers.Distinct(StringComparer.OrdinalIgnoreCase))
                    {
                        var customer = directory.Resolve(requested);
                        if (customer != null) tenants.Add(customer.TenantId);
                        else if (Guid.TryParse(requested, out var id)) tenants.Add(id.ToString("D"));
                        else pump.WriteError(ErrorRecords.Create("CustomerNotFound", ErrorKind.ObjectNotFound,
                            $"Partner Center lists no customer with the domain '{requested}'.", "Use the customer's tenant id, or run Get-PartnerCustomer to see the domains.", requested));
                    }
                    if (_customers.Count > 0 && tenants.Count == 0) return;
                    var filter = new AlertFilter { Statuses = Status, Severities = Severity, CustomerTenantIds = tenants };
                    alerts = await SecurityAlertClient.ListAsync(connection, filter, ct).ConfigureAwait(false);
                }
                foreach (var alert in alerts)
                {
                    alert.CustomerName = directory.Name(alert.CustomerTenantId) ?? string.Empty;
                    pump.WriteObject(alert);
                }
            });
        }
    }
}
