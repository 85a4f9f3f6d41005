using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using PartnerSecurity.Assessment;
using PartnerSecurity.Assessment.Report;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Writes the assessments (from the pipeline, and/or from the JSON files of several -Shard jobs) as one report: a
    /// self-contained HTML page, the full JSON, or a formula-safe CSV of every user verdict. The format follows the
    /// file's extension unless -Format says otherwise.
    /// </summary>
    [Cmdlet(VerbsData.Export, "PartnerSecurityReport", SupportsShouldProcess = true)]
    [OutputType(typeof(ExportedFile))]
    public sealed class ExportPartnerSecurityReportCommand : PartnerSecurityCmdlet
    {
        private readonly List<TenantAssessment> _tenants = new List<TenantAssessment>();

        /// <summary>The report file to write (overwritten if it exists).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Assessments from Invoke-PartnerSecurityAssessment.</summary>
        [Parameter(ValueFromPipeline = true)]
        public TenantAssessment[]? InputObject { get; set; }

        /// <summary>JSON files written by this cmdlet (-Format Json), for example one per -Shard job: one report of all of them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? AssessmentPath { get; set; }

        /// <summary>Html, Json or Csv; by default from the extension of -Path (.html or .htm, .json, .csv).</summary>
        [Parameter]
        [ValidateSet("Html", "Json", "Csv", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>Write the report's file (path, format, size, tenants) to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) _tenants.AddRange(InputObject.Where(t => t != null));
        }

        protected override void EndProcessing()
        {
            var target = GetUnresolvedProviderPathFromPSPath(Path);
            var format = Format ?? FromExtension(target);
            foreach (var file in Files())
            {
                try
                {
                    _tenants.AddRange(AssessmentJson.Read(File.ReadAllText(file), file));
                }
                catch (PartnerSecurityException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, file));
                }
            }
            if (_tenants.Count == 0)
                ThrowTerminatingError(ErrorRecords.Create("NothingToReport", ErrorKind.InvalidArgument, "No assessment was given: the report would be empty.",
                    "Pipe Invoke-PartnerSecurityAssessment into this cmdlet, or give -AssessmentPath the JSON files of earlier runs.", Path));
            var version = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(ExportPartnerSecurityReportCommand).Assembly.GetName().Version?.ToString() ?? "unknown";
            var report = new AssessmentReport(_tenants, version, WriteWarning);
            var text = format.ToLowerInvariant() switch
            {
                "json" => AssessmentJson.Write(report),
                "csv" => AssessmentCsv.Write(report),
                _ => HtmlReport.Write(report),
            };
            if (!ShouldProcess(target, $"Write the {format} report of {report.Tenants.Count} tenant(s)")) return;
            try
            {
                File.WriteAllText(target, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: format.Equals("csv", StringComparison.OrdinalIgnoreCase)));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Create("ReportNotWritten", ErrorKind.PermissionDenied, $"Cannot write the report to '{target}': {ex.Message}",
                    "Give a path in a folder that exists and that you can write to.", Path));
            }
            if (PassThru) WriteObject(new ExportedFile { Path = target, Format = format, Length = new FileInfo(target).Length, Tenants = report.Tenants.Count });
        }

        private string FromExtension(string path)
        {
            switch (System.IO.Path.GetExtension(path).ToLowerInvariant())
            {
                case ".html":
                case ".htm":
                    return "Html";
                case ".json":
                    return "Json";
                case ".csv":
                    return "Csv";
                default:
                    ThrowTerminatingError(ErrorRecords.Create("ReportFormatUnknown", ErrorKind.InvalidArgument,
                        $"The format of '{Path}' cannot be told from its extension.", "Name the file .html, .json or .csv, or give -Format Html, Json or Csv.", Path));
                    return string.Empty;
            }
        }

        private IEnumerable<string> Files()
        {
            foreach (var path in AssessmentPath ?? Array.Empty<string>())
            {
                IEnumerable<string> resolved;
                try
                {
                    resolved = GetResolvedProviderPathFromPSPath(path, out _);
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    ThrowTerminatingError(ErrorRecords.Create("AssessmentFileNotFound", ErrorKind.ObjectNotFound, $"No assessment file at '{path}'.",
                        "Give the JSON files written by Export-PartnerSecurityReport -Format Json.", path));
                    yield break;
                }
                foreach (var file in resolved) yield return file;
            }
        }
    }
}
