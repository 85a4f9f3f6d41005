using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// TODO(issue 17, scenario 3): Invoke-PartnerSecurityAssessment -AllCustomers on mfa-customers' 500 tenants, when the
/// cmdlet exists (issue 15). It does not on this branch, so this prints no figures: measure it as
/// MfaCustomersScenario measures Get-PartnerMfaStatus (a fresh ModuleSession per throttle limit, real latency, the
/// floor from Floor) once it is merged.
/// </summary>
internal static class AssessmentScenario
{
    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        HarnessMain.Note("assessment: skipped, Invoke-PartnerSecurityAssessment is not in this build (TODO in AssessmentScenario.cs).");
        return Task.CompletedTask;
    }
}
