using System;
using System.Management.Automation;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SecurityAlerts;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Sets the status of Microsoft security alerts (Active, Investigating, Resolved with a resolution), by id or
    /// from Get-PartnerSecurityAlert through the pipeline. Each alert is read first, so the question names it and
    /// its current status, and an alert already in the state asked for is not written.
    /// </summary>
    [Cmdlet(VerbsData.Update, "PartnerSecurityAlert", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PartnerSecurityAlert))]
    public sealed class UpdatePartnerSecurityAlertCommand : PartnerSecurityCmdlet
    {
        private CustomerDirectory? _directory;

        /// <summary>The alert's id (Get-PartnerSecurityAlert's Id binds to it).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Id { get; set; } = string.Empty;

        /// <summary>The status to set.</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Active", "Investigating", "Resolved", IgnoreCase = true)]
        public string Status { get; set; } = string.Empty;

        /// <summary>Why the alert is resolved: Legitimate, Ignore or Fraud (required with -Status Resolved).</summary>
        [Parameter]
        [ValidateSet("Legitimate", "Ignore", "Fraud", IgnoreCase = true)]
        public string? Resolution { get; set; }

        /// <summary>A note for your records, kept on the output object (Microsoft's alert has no field for it).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Comment { get; set; }

        protected override void BeginProcessing()
        {
            bool resolving = string.Equals(Status, "Resolved", StringComparison.OrdinalIgnoreCase);
            if (resolving && Resolution == null)
                ThrowTerminatingError(ErrorRecords.Create("ResolutionRequired", ErrorKind.InvalidArgument,
                    "Resolving an alert needs a resolution: what the activity was.", "Add -Resolution Legitimate, Ignore or Fraud.", Status));
            if (!resolving && Resolution != null)
                ThrowTerminatingError(ErrorRecords.Create("ResolutionWithoutResolved", ErrorKind.InvalidArgument,
                    $"-Resolution applies only to -Status Resolved, not {Status}.", "Remove -Resolution, or use -Status Resolved.", Resolution));
            if (Comment != null)
                WriteWarning("Microsoft's security alert has no field for a comment: the comment is kept on the objects this command writes (Export-Csv them for your records), not at Microsoft.");
        }

        protected override void ProcessRecord()
        {
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                if (_directory == null)
                {
                    var (directory, warning) = await CustomerDirectory.TryReadAsync(connection, ct).ConfigureAwait(false);
                    if (warning != null) pump.Warning(warning);
                    _directory = directory;
                }
                PartnerSecurityAlert current;
                try
                {
                    current = await SecurityAlertClient.GetAsync(connection, Id, ct, forUpdate: true).ConfigureAwait(false);
                }
                catch (PartnerSecurityException ex) when (ex.Kind == ErrorKind.ObjectNotFound || ex.Kind == ErrorKind.InvalidArgument)
                {
                    pump.WriteError(ErrorRecords.From(ex, Id));
                    return;
                }
                var customer = _directory.Name(current.CustomerTenantId) ?? current.CustomerTenantId;
                var wanted = Capitalize(Status);
                var reason = Resolution == null ? null : Capitalize(Resolution);
                if (current.Status == wanted && (reason == null || current.ResolvedReason == reason))
                {
                    pump.Verbose($"Alert '{current.DisplayName}' ({current.Id}) is already {wanted}: nothing was changed.");
                    pump.WriteObject(Output(current, customer));
                    return;
                }
                var change = $"Set status to {wanted}{(reason == null ? string.Empty : " (" + reason + ")")}, now {current.Status}";
                if (!await pump.ShouldProcessAsync($"alert '{current.DisplayName}' ({current.Id}) of {customer}", change).ConfigureAwait(false)) return;
                var updated = await SecurityAlertClient.UpdateAsync(connection, current.Id, wanted, reason, ct).ConfigureAwait(false);
                pump.WriteObject(Output(updated, customer));
            });
        }

        private PartnerSecurityAlert Output(PartnerSecurityAlert alert, string customer)
        {
            alert.CustomerName = customer == alert.CustomerTenantId ? string.Empty : customer;
            alert.Comment = Comment;
            return alert;
        }

        private static string Capitalize(string value) => value.Length == 0 ? value : char.ToUpperInvariant(value[0]) + value.Substring(1).ToLowerInvariant();
    }
}
