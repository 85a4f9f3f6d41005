using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Assessment;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulation;
using PartnerSecurity.Runtime;
using PartnerSecurity.ScriptAnalysis;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// The assessment a partner hands to an auditor: one object per tenant, the partner tenant first and always, each
    /// partner security requirement Passed, Failed, NotApplicable or Unknown with the reason, its evidence, Microsoft's
    /// figure beside ours and the remedy (docs/assessment.md). Pipe it to Export-PartnerSecurityReport.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "PartnerSecurityAssessment", DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(TenantAssessment))]
    public sealed class InvokePartnerSecurityAssessmentCommand : WhatIfScenarioCmdlet
    {
        private AssessmentRun? _run;

        /// <summary>Read the sign-in logs too: legacy authentication (30 days) and successful single-factor sign-ins (7 days).</summary>
        [Parameter]
        public SwitchParameter IncludeSignIns { get; set; }

        /// <summary>Scripts or folders of scripts (searched recursively) to scan for automation that signs in with user credentials.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? ScriptPath { get; set; }

        /// <summary>Read a token store kept in plaintext (where no protected storage exists), as Get-SecureAppModelTokenStatus does.</summary>
        [Parameter]
        public SwitchParameter AllowUnencryptedTokenCache { get; set; }

        protected override string ProgressActivity => "Assessing the partner security requirements";
        protected override string? EvaluatedUnit => "users evaluated";
        private protected override bool IncludesPartnerTenant => true;

        private protected override void BeginTenants()
        {
            var connection = RequireConnection();
            var options = new AssessmentOptions
            {
                IncludeSignIns = IncludeSignIns,
                Scenario = ReadScenario(),
                Tokens = ReadTokens(),
                Scripts = ScriptPath == null ? null : Scan(ScriptPath),
            };
            _run = new AssessmentRun(connection, options);
        }

        private protected override Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken) =>
            AssessAsync(tenant, activity, cancellationToken);

        private async Task<TenantOutput> AssessAsync(TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var assessment = await _run!.AssessAsync(tenant, activity, cancellationToken).ConfigureAwait(false);
            return new TenantOutput(new object[] { assessment }, assessment.Warnings, assessment.Users.Count);
        }

        /// <summary>The tenant's error is written; its object still says, requirement by requirement, that it is unknown and why.</summary>
        private protected override IEnumerable<object> TenantFailed(TenantTarget tenant, PartnerSecurityException error)
        {
            yield return _run!.Unreadable(tenant, error.Message, error.RecommendedAction);
        }

        private Outcome<IReadOnlyList<SecureAppModelTokenStatus>> ReadTokens()
        {
            try
            {
                var store = SecureAppModelTokenStore.Open(new TokenStorageOptions { AllowUnencrypted = AllowUnencryptedTokenCache.IsPresent });
                var session = Session;
                var statuses = store.List()
                    .Select(t => new SecureAppModelTokenStatus(t, CloudBinding.Of(t, session, WriteWarning).Now, store.Protection.ToString()))
                    .ToList();
                return Outcome<IReadOnlyList<SecureAppModelTokenStatus>>.Of(statuses);
            }
            catch (PartnerSecurityException ex)
            {
                return Outcome<IReadOnlyList<SecureAppModelTokenStatus>>.Failed(ex.Message);
            }
        }

        /// <summary>Find-PartnerCredentialUsage's scanner over the paths (folders recursively); each file it cannot scan is named.</summary>
        private Outcome<ScriptScan> Scan(IEnumerable<string> paths)
        {
            var problems = new List<string>();
            var targets = new List<string>();
            foreach (var path in paths)
            {
                try
                {
                    var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                    if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase)) problems.Add($"{path}: not a file-system path");
                    else if (resolved.Count == 0) problems.Add($"{path}: not found");
                    else targets.AddRange(resolved);
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    problems.Add($"{path}: not found");
                }
            }
            var files = ScriptFiles.Expand(targets, recurse: true, ScriptFiles.DefaultInclude, p => problems.Add($"{p.Path}: {p.Message}"));
            var findings = new List<ScriptFinding>();
            foreach (var result in CredentialUsageScanner.ScanFiles(files, new ScanOptions(), 0, StopToken))
            {
                if (result.Problem != null) problems.Add($"{result.Problem.Path}: {result.Problem.Message}");
                findings.AddRange(result.Findings.Select(f => new ScriptFinding
                {
                    Path = f.Path,
                    Line = f.Line,
                    Kind = f.Kind.ToString(),
                    Severity = f.Severity.ToString(),
                    Recommendation = f.Recommendation,
                }));
            }
            return Outcome<ScriptScan>.Of(new ScriptScan { Findings = findings, Problems = problems });
        }
    }
}
