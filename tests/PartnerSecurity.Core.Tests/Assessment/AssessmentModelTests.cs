using PartnerSecurity.Assessment;
using PartnerSecurity.Assessment.Report;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityAlerts;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Tests.Assessment;

/// <summary>
/// The assessment model from plain inputs: statuses and reasons, gaps first, the weighted score, Unknown never counted
/// as passed, the JSON round trip, comparison, and the escaping of tenant text in HTML and CSV.
/// </summary>
public class AssessmentModelTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantTarget Customer = new("1b8ea641-afbf-30b9-89f9-b42ea8b1a63d", "Fabrikam Dental", isHome: false);

    private static MfaVerdict Verdict(string upn, MfaStatus status, bool admin = false, bool enabled = true, string? type = "Member") => new()
    {
        TenantId = Customer.Id, TenantName = Customer.Name!, UserPrincipalName = upn, DisplayName = upn, UserId = upn, Status = status,
        IsAdmin = admin, AdminRoles = admin ? new[] { "Global Administrator" } : Array.Empty<string>(), AccountEnabled = enabled, UserType = type,
        Reason = status.ToString(), Remedy = status is MfaStatus.NotCompliant or MfaStatus.Partial ? "Add the user to group 'MFA'." : null,
    };

    private static AssessmentInputs Inputs(params MfaVerdict[] verdicts)
    {
        var data = new MfaTenantData { TenantId = Customer.Id, TenantName = Customer.Name!, SecurityDefaultsEnabled = true };
        return new AssessmentInputs(Customer, Now)
        {
            Mfa = Outcome<MfaTenantResult>.Of(new MfaTenantResult(Customer, data, verdicts, verdicts.Length, Array.Empty<string>())),
            Alerts = Outcome<IReadOnlyList<PartnerSecurityAlert>>.Of(Array.Empty<PartnerSecurityAlert>()),
            Budget = Outcome<decimal?>.Of(500m),
        };
    }

    private static RequirementResult Requirement(TenantAssessment a, string id) => a.Requirements.Single(r => r.Id == id);

    [Fact]
    public void A_covered_tenant_passes_with_the_figures_that_show_it()
    {
        var a = AssessmentBuilder.Build(Inputs(Verdict("a@f", MfaStatus.Compliant, admin: true), Verdict("g@f", MfaStatus.Compliant, type: "Guest"),
            Verdict("sync@f", MfaStatus.Exempt), Verdict("old@f", MfaStatus.NotApplicable, enabled: false)));
        Assert.Equal(AssessmentStatus.Passed, Requirement(a, "MfaAllUsers").Status);
        Assert.Equal("2 of 2 users covered at every sign-in", Requirement(a, "MfaAllUsers").Ours);
        Assert.Contains("(1 guest)", Requirement(a, "MfaAllUsers").Evidence);
        Assert.Equal(AssessmentStatus.Passed, Requirement(a, "MfaAdmins").Status);
        Assert.Equal(AssessmentStatus.Passed, Requirement(a, "SpendingBudget").Status);
        // Partner-only and not-asked-for requirements are NotApplicable, with why, and out of the score.
        Assert.Equal(AssessmentStatus.NotApplicable, Requirement(a, "SecurityContact").Status);
        Assert.Contains("-IncludeSignIns", Requirement(a, "LegacyAuthentication").Reason);
        Assert.Equal(100, a.Score);
        Assert.Equal(0, a.UsersExposed);
        Assert.Empty(a.TopFixes);
    }

    [Fact]
    public void Gaps_come_first_and_the_score_is_the_weighted_share_passed_with_unknown_counted_against()
    {
        var inputs = Inputs(Verdict("a@f", MfaStatus.Compliant, admin: true), Verdict("u@f", MfaStatus.NotCompliant), Verdict("p@f", MfaStatus.Partial));
        inputs.Budget = Outcome<decimal?>.Failed("Partner Center answered 403");
        var a = AssessmentBuilder.Build(inputs);
        var all = Requirement(a, "MfaAllUsers");
        Assert.Equal(AssessmentStatus.Failed, all.Status);
        Assert.Equal(new[] { "p@f (Partial): Add the user to group 'MFA'.", "u@f (NotCompliant): Add the user to group 'MFA'." }, all.Items.OrderBy(i => i));
        Assert.Equal("Add the user to group 'MFA'.", all.Remedy);
        var budget = Requirement(a, "SpendingBudget");
        Assert.Equal(AssessmentStatus.Unknown, budget.Status);
        Assert.Equal("Partner Center answered 403", budget.Reason);
        Assert.Equal(new[] { AssessmentStatus.Failed, AssessmentStatus.Unknown }, a.Requirements.Take(2).Select(r => r.Status));
        // Passed: MfaAdmins 3, MfaMechanism 2, AlertResponse 1 = 6 of MfaAllUsers 3 + 6 + SpendingBudget 1 = 10.
        Assert.Equal(60, a.Score);
        Assert.Equal(2, a.UsersExposed);
        Assert.StartsWith("MFA for every user: ", a.TopFixes[0]);
    }

    [Fact]
    public void An_unreadable_tenant_is_unknown_everywhere_with_the_reason_and_the_errors_remedy()
    {
        var inputs = new AssessmentInputs(Customer, Now)
        {
            Mfa = Outcome<MfaTenantResult>.Failed("AADSTS50020: no GDAP"),
            Budget = Outcome<decimal?>.Failed("AADSTS50020: no GDAP"),
            Alerts = Outcome<IReadOnlyList<PartnerSecurityAlert>>.Failed("AADSTS50020: no GDAP"),
            UnreadableRemedy = "Check the GDAP relationship.",
        };
        var a = AssessmentBuilder.Build(inputs);
        Assert.Null(a.UsersExposed);
        Assert.Equal(0, a.Score);
        Assert.All(a.Requirements.Where(r => r.Status != AssessmentStatus.NotApplicable), r =>
        {
            Assert.Equal(AssessmentStatus.Unknown, r.Status);
            Assert.Equal("AADSTS50020: no GDAP", r.Reason);
        });
        Assert.Equal("Check the GDAP relationship.", Requirement(a, "MfaAllUsers").Remedy);
        Assert.Single(a.TopFixes);
        Assert.Contains("Verdicts not readable: AADSTS50020", AssessmentCsv.Write(new AssessmentReport(new[] { a }, "1.0")));
    }

    [Fact]
    public void The_json_reads_back_to_the_same_report_and_the_comparison_names_what_changed()
    {
        var before = AssessmentBuilder.Build(Inputs(Verdict("a@f", MfaStatus.Compliant, admin: true), Verdict("u@f", MfaStatus.Compliant)));
        var after = AssessmentBuilder.Build(Inputs(Verdict("a@f", MfaStatus.NotCompliant, admin: true), Verdict("u@f", MfaStatus.Compliant)));
        var json = AssessmentJson.Write(new AssessmentReport(new[] { before }, "1.0"));
        Assert.Contains("\"Status\": \"Passed\"", json);
        var read = AssessmentJson.Read(json, "before.json");
        Assert.Equal(json, AssessmentJson.Write(new AssessmentReport(read, "1.0")));
        Assert.Equal(HtmlReport.Write(new AssessmentReport(new[] { before }, "1.0")), HtmlReport.Write(new AssessmentReport(read, "1.0")));

        var changes = AssessmentComparer.Compare(read, new[] { after });
        Assert.Equal(AssessmentChangeKind.Regressed, changes[0].Change);
        Assert.Contains(changes, c => c.Subject == "MfaAdmins" && c.Before == "Passed" && c.After == "Failed");
        Assert.Contains(changes, c => c.Requirement == "User" && c.Subject == "a@f" && c.Change == AssessmentChangeKind.Regressed);
        Assert.DoesNotContain(changes, c => c.Subject == "u@f");
        Assert.Throws<PartnerSecurity.Diagnostics.PartnerSecurityException>(() => AssessmentJson.Read("{\"Schema\":\"x\"}", "x.json"));
        Assert.Throws<PartnerSecurity.Diagnostics.PartnerSecurityException>(() => AssessmentJson.Read("not json", "x.json"));
    }

    [Theory]
    [InlineData("=1+1", "\"'=1+1\"")]
    [InlineData("+SUM(A1)", "\"'+SUM(A1)\"")]
    [InlineData("-2", "\"'-2\"")]
    [InlineData("@cmd", "\"'@cmd\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("a=b", "\"a=b\"")]
    public void Csv_cells_are_quoted_and_formula_safe(string value, string cell) => Assert.Equal(cell, AssessmentCsv.Cell(value));

    [Fact]
    public void Html_text_shows_markup_and_control_characters_as_text()
    {
        Assert.Equal("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", HtmlText.Escape("<script>alert('x')</script> & \"q\""));
        Assert.Equal("a\\u001B[2Jb\\u202Ec\\u0007", HtmlText.Escape("a\u001b[2Jb\u202Ec\u0007"));
        Assert.Equal("Zoë 日本", HtmlText.Escape("Zoë 日本"));
    }
}
