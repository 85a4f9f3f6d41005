using System.Text.Json;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Json;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.SecurityAlerts;
using PartnerSecurity.SecurityScore;

namespace PartnerSecurity.Tests.SecurityScore;

/// <summary>
/// The parsers read Microsoft's answers whole or not at all: a missing or mistyped figure is an error naming the item
/// and the field, never a zero or a skipped item; the documented variants (numbers as strings, "nonCompliant") read.
/// </summary>
public class StrictReadingTests
{
    private static StrictJson Item(string json) => new(JsonDocument.Parse(json).RootElement, "Graph's test answer", "item 1");

    private const string Requirement = """
        { "id": "mfaEnforcedForAdmins", "requirementType": "mfaEnforcedForAdmins", "complianceStatus": "noncomplaint", "state": "active",
          "score": "0", "maxScore": "20", "totalAdminsCount": 12, "adminsRequiredNotUsingMfaCount": "2", "mfaEnabledAdminsCount": 10 }
        """;

    [Fact]
    public void Documented_variants_read_numbers_as_strings_and_both_spellings_of_not_compliant()
    {
        var r = SecurityScoreParser.Requirement(Item(Requirement));
        Assert.Equal(RequirementCompliance.NotCompliant, r.Status);
        Assert.Equal(20, r.MaxScore);
        Assert.Equal(2, r.AdminsRequiredNotUsingMfaCount);
        Assert.Equal("2 of 12 admins not using MFA", r.Figure);
        Assert.Equal(RequirementCompliance.NotCompliant, SecurityScoreParser.Compliance("nonCompliant"));
        var time = SecurityScoreParser.Requirement(Item("""{ "id": "x", "requirementType": "securityAlertsPromptlyResolved", "complianceStatus": "compliant", "score": 10, "maxScore": 10, "averageResponseTimeInHours": "1.2" }"""));
        Assert.Equal(1.2, time.AverageResponseTimeInHours);
    }

    [Fact]
    public void A_new_status_or_requirement_type_is_unknown_and_says_so_not_guessed()
    {
        var r = SecurityScoreParser.Requirement(Item("""{ "id": "x", "requirementType": "somethingNew", "complianceStatus": "unknownFutureValue", "score": 1, "maxScore": 5 }"""));
        Assert.Equal(RequirementCompliance.Unknown, r.Status);
        Assert.Equal("somethingNew", r.Requirement);
        Assert.Equal("A requirement new to this module", r.Figure);
    }

    [Theory]
    [InlineData("""{ "id": "x", "requirementType": "mfaEnforcedForAdmins", "complianceStatus": "compliant", "score": 1, "maxScore": 5, "adminsRequiredNotUsingMfaCount": 0, "mfaEnabledAdminsCount": 1 }""", "totalAdminsCount")]
    [InlineData("""{ "id": "x", "requirementType": "mfaEnforcedForAdminsOfCustomers", "complianceStatus": "compliant", "score": 1, "maxScore": 5, "totalTenantCount": "three", "compliantTenantCount": 1 }""", "totalTenantCount")]
    [InlineData("""{ "requirementType": "securityContactProvided", "complianceStatus": "compliant", "score": 1, "maxScore": 5 }""", "id")]
    [InlineData("""{ "id": "x", "requirementType": "securityContactProvided", "complianceStatus": "compliant", "score": 6, "maxScore": 5 }""", "scores 6 of 5")]
    public void A_requirement_missing_a_figure_or_with_a_wrong_one_fails_naming_it(string json, string named)
    {
        var ex = Assert.Throws<PartnerSecurityException>(() => SecurityScoreParser.Requirement(Item(json)));
        Assert.Equal("UnreadableAnswer", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, ex.Kind);
        Assert.Contains(named, ex.Message);
        Assert.Contains("Nothing from this answer was used", ex.Message);
    }

    [Fact]
    public void An_insight_an_alert_and_a_telemetry_record_are_read_whole_or_refused()
    {
        var insight = """{ "tenantId": "not-a-guid", "mfa": { "compliantAdminsCount": 1, "compliantNonAdminsCount": 2, "totalUsersCount": 3, "securityDefaultsStatus": "enabled", "mfaConditionalAccessPolicyStatus": "disabled", "legacyPerUserMfaStatus": "disabled" } }""";
        Assert.Contains("tenantId", Assert.Throws<PartnerSecurityException>(() => SecurityScoreParser.Insight(Item(insight))).Message);
        Assert.Contains("'mfa'", Assert.Throws<PartnerSecurityException>(() => SecurityScoreParser.Insight(Item("""{ "tenantId": "0b9c9958-b9da-38fc-a383-c536e6c236d0" }"""))).Message);

        var alert = """{ "id": "a1", "status": "active", "severity": "high", "customerTenantId": "0b9c9958-b9da-38fc-a383-c536e6c236d0", "detectedDateTime": "yesterday" }""";
        Assert.Contains("detectedDateTime", Assert.Throws<PartnerSecurityException>(() => SecurityAlertClient.Parse(Item(alert))).Message);
        var duplicate = """{ "id": "a1", "status": "active", "severity": "high", "customerTenantId": "t", "detectedDateTime": "2026-11-19T00:00:00Z", "additionalDetails": { "ip": "1", "ip": "2" } }""";
        Assert.Contains("'ip' twice", Assert.Throws<PartnerSecurityException>(() => SecurityAlertClient.Parse(Item(duplicate))).Message);
        var odd = SecurityAlertClient.Parse(Item("""{ "id": "a1", "status": "unknownFutureValue", "severity": "critical", "customerTenantId": "t", "detectedDateTime": "2026-11-19T00:00:00Z" }"""));
        Assert.Equal("UnknownFutureValue", odd.Status);
        Assert.Equal("Critical", odd.Severity);

        var day = new ApplicationMfaAdoptionDay { Date = new DateTime(2026, 11, 19), TotalRequests = 5, MfaRequests = 5 };
        var twice = Assert.Throws<PartnerSecurityException>(() => PartnerMfaAdoptionReader.Applications(new[] { ("app", "", day), ("app", "", day) }));
        Assert.Contains("2 records for 2026-11-19", twice.Message);
    }

    [Fact]
    public void Applications_roll_up_by_day_with_the_ones_that_still_call_without_mfa_first()
    {
        static ApplicationMfaAdoptionDay Day(int d, long mfa, long total) => new() { Date = new DateTime(2026, 11, d), MfaRequests = mfa, TotalRequests = total };
        var apps = PartnerMfaAdoptionReader.Applications(new[]
        {
            ("good", "Good", Day(18, 3, 3)), ("good", "Good", Day(19, 4, 4)),
            ("psa", "", Day(17, 1, 5)), ("psa", "PSA", Day(19, 2, 2)),
        });
        Assert.Equal(new[] { "psa", "good" }, apps.Select(a => a.ApplicationId));
        var psa = apps[0];
        Assert.Equal("PSA", psa.ApplicationName);
        Assert.Equal(4, psa.NonMfaRequests);
        Assert.Equal(new DateTime(2026, 11, 17), psa.LastDateWithoutMfa);
        Assert.Contains("Secure Application Model", psa.Recommendation);
        Assert.Null(apps[1].Recommendation);
        Assert.True(apps[1].AllCallsWithMfa);
    }
}
