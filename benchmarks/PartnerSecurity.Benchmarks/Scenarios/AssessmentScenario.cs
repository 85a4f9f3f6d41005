using System.Globalization;
using System.Management.Automation;
using PartnerSecurity.Benchmarks.Harness;

namespace PartnerSecurity.Benchmarks.Scenarios;

/// <summary>
/// assessment: Invoke-PartnerSecurityAssessment -AllCustomers -ThrottleLimit 16 on mfa-customers' generated customers
/// (500; quick: 50; --customers N), in a fresh session under real latency, measured as MfaCustomersScenario measures
/// Get-PartnerMfaStatus. size is the customers generated; every tenant (the partner's too) must come back as an object,
/// readable or not (the assessment never drops one), and errors are counted by id on stderr.
/// floorMs is a loose lower bound: the customer enumeration, then the tenants 16 at a time, at least 2 round trips
/// each (its token, then its reads; the assessment's longer chains are not modelled), and across tenants the
/// registration report's 122 requests per 10 s per application.
/// </summary>
internal static class AssessmentScenario
{
    public const int ThrottleLimit = 16;

    public static Task RunAsync(HarnessOptions options, Action<ResultLine> emit)
    {
        int customers = options.Customers ?? (options.Quick ? 50 : 500);
        var path = MfaCustomersScenario.Tenants(customers);
        using var session = new ModuleSession(path);
        IReadOnlyList<ErrorRecord> errors = Array.Empty<ErrorRecord>();
        int tenants = 0;
        var line = MfaSingleScenario.Measure(session, options, _ => { }, customers, $"module -ThrottleLimit {ThrottleLimit}", null, realTime: true, rounds: 0, () =>
        {
            var output = session.Run($"@(Invoke-PartnerSecurityAssessment -AllCustomers -ThrottleLimit {ThrottleLimit} -ErrorAction Continue).Count", allowErrors: true, out errors);
            tenants = Convert.ToInt32(output.Single().BaseObject, CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }, scenario: "assessment");
        // Every customer and the partner tenant: an assessment that loses a tenant has no figure worth printing.
        if (tenants != customers + 1)
            throw new InvalidOperationException($"The assessment wrote {tenants} objects for {customers} customers and the partner tenant.");
        var made = session.Requests();
        int reports = made.Count(m => m.Status != 429 && m.Url.Contains("/reports/authenticationMethods/", StringComparison.Ordinal));
        double floor = Math.Max(options.LatencyMs + Math.Ceiling(tenants / (double)ThrottleLimit) * 2 * options.LatencyMs,
            Floor.Limited(reports, Floor.ReportsPerApp, Floor.ReportsWindow, options.LatencyMs));
        emit(line with { FloorMs = floor });
        MfaCustomersScenario.NoteRequests(made, $"assessment -ThrottleLimit {ThrottleLimit}", tenants, errors, "tenants written (readable or not)");
        return Task.CompletedTask;
    }
}
