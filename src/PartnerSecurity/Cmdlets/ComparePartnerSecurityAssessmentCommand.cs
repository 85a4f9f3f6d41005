using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Assessment;
using PartnerSecurity.Assessment.Report;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// What changed since an earlier assessment (last month's JSON report): requirements and users that regressed, were
    /// fixed or changed, tenants added or removed. The later assessment comes from the pipeline or from -DifferencePath.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "PartnerSecurityAssessment")]
    [OutputType(typeof(AssessmentChange))]
    public sealed class ComparePartnerSecurityAssessmentCommand : PartnerSecurityCmdlet
    {
        private readonly List<TenantAssessment> _later = new List<TenantAssessment>();

        /// <summary>The earlier assessment: JSON files written by Export-PartnerSecurityReport (several for shards).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] ReferencePath { get; set; } = null!;

        /// <summary>The later assessment as JSON files; without it, the assessments piped in.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? DifferencePath { get; set; }

        /// <summary>The later assessment, from Invoke-PartnerSecurityAssessment.</summary>
        [Parameter(ValueFromPipeline = true)]
        public TenantAssessment[]? InputObject { get; set; }

        protected override void ProcessRecord()
        {
            if (InputObject != null) _later.AddRange(InputObject.Where(t => t != null));
        }

        protected override void EndProcessing()
        {
            var earlier = Read(ReferencePath);
            if (DifferencePath != null) _later.AddRange(Read(DifferencePath));
            if (_later.Count == 0)
                ThrowTerminatingError(ErrorRecords.Create("NothingToCompare", ErrorKind.InvalidArgument, "No later assessment was given.",
                    "Pipe Invoke-PartnerSecurityAssessment into this cmdlet, or give -DifferencePath the JSON report of the later run.", null));
            foreach (var change in AssessmentComparer.Compare(earlier, _later)) WriteObject(change);
        }

        private List<TenantAssessment> Read(IEnumerable<string> paths)
        {
            var tenants = new List<TenantAssessment>();
            foreach (var path in paths)
            {
                var file = GetUnresolvedProviderPathFromPSPath(path);
                try
                {
                    if (!File.Exists(file))
                        throw new PartnerSecurityException("AssessmentFileNotFound", ErrorKind.ObjectNotFound, $"No assessment file at '{path}'.",
                            "Give the JSON files written by Export-PartnerSecurityReport -Format Json.", null, path);
                    tenants.AddRange(AssessmentJson.Read(File.ReadAllText(file), file));
                }
                catch (PartnerSecurityException ex)
                {
                    ThrowTerminatingError(ErrorRecords.From(ex, path));
                }
            }
            return tenants;
        }
    }
}
