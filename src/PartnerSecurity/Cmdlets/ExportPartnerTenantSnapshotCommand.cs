using System.IO;
using System.Management.Automation;
using System.Text;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.Snapshots;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Writes the connected tenant's directory (read-only calls) in the snapshot format, so that an auditor can analyse it
    /// offline with Connect-PartnerSecurity -Snapshot and a bug can be reproduced without the tenant. Secrets never enter it.
    /// </summary>
    [Cmdlet(VerbsData.Export, "PartnerTenantSnapshot", SupportsShouldProcess = true)]
    [OutputType(typeof(Assessment.Report.ExportedFile))]
    public sealed class ExportPartnerTenantSnapshotCommand : PartnerSecurityCmdlet
    {
        /// <summary>The snapshot file to write (overwritten if it exists).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Write the snapshot's file (path, format, size) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var connection = RequireConnection();
            var target = GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(target, $"Write a snapshot of tenant {connection.Context.TenantName}")) return;
            Run(async (pump, ct) =>
            {
                var document = await TenantSnapshotExporter.ExportAsync(connection, TenantScope.Home(connection),
                    status => pump.WriteProgress(new ProgressRecord(1, "Exporting the tenant snapshot", status)), pump.Warning, ct).ConfigureAwait(false);
                try
                {
                    File.WriteAllText(target, document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), new UTF8Encoding(false));
                }
                catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
                {
                    throw new PartnerSecurityException("SnapshotNotWritten", ErrorKind.PermissionDenied, $"Cannot write the snapshot to '{target}': {ex.Message}",
                        "Give a path in a folder that exists and that you can write to.", ex, Path);
                }
                if (PassThru) pump.WriteObject(new Assessment.Report.ExportedFile { Path = target, Format = "Snapshot", Length = new FileInfo(target).Length, Tenants = 1 });
            });
        }
    }
}
