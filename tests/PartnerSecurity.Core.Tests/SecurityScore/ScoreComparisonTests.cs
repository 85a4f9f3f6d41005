using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Mfa;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecurityScore;

/// <summary>
/// Microsoft's MFA figures beside our verdicts, on the demo partner and on hand-built verdicts. The expected users
/// come from the hand-worked oracle (tests/data/demo-expected-verdicts.json) and the snapshot's registrations.
/// </summary>
public class ScoreComparisonTests
{
    private static async Task<List<ComparisonBatch>> CompareDemoAsync()
    {
        var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var batches = new List<ComparisonBatch>();
        await foreach (var batch in ScoreComparisonRun.RunAsync(connection, 4, null, CancellationToken.None)) batches.Add(batch);
        return batches;
    }

    private static SecurityScoreComparison Row(List<ComparisonBatch> batches, string tenant, string measure) =>
        batches.SelectMany(b => b.Rows).Single(r => r.TenantName == tenant && r.Measure == measure);

    [Fact]
    public async Task The_demo_comparison_names_the_users_behind_each_difference()
    {
        var batches = await CompareDemoAsync();
        var oracle = DemoVerdictTests.Oracle();

        // The deliberate disagreement: Microsoft's sign-in data counts Tailspin's emergency access account a compliant admin.
        var tailspinAdmins = Row(batches, "Tailspin Logistics", "Compliant admins");
        Assert.False(tailspinAdmins.Agrees);
        Assert.Equal("3", tailspinAdmins.Microsoft);
        Assert.Equal("2", tailspinAdmins.Ours);
        var breakGlass = Assert.Single(tailspinAdmins.Users);
        Assert.Equal("breakglass@tailspinlogistics.onmicrosoft.com", breakGlass.UserPrincipalName);
        Assert.Equal("NotCompliant", breakGlass.Status);
        Assert.Contains("MFA-registered", breakGlass.Reason);
        Assert.Null(tailspinAdmins.Note);

        // Usage against configuration: covered users who never registered a method are ours, not Microsoft's. Fabrikam has
        // no P1 or P2, so the registration report is closed: every covered non-admin is a candidate, and the note says how many.
        var fabrikam = Row(batches, "Fabrikam Dental", "Compliant non-admins");
        var covered = oracle.Where(o => (string)o["tenant"]! == "Fabrikam Dental" && (string)o["status"]! == "Compliant" && !(bool)o["isAdmin"]!)
            .Select(o => (string)o["userPrincipalName"]!).OrderBy(u => u);
        Assert.Equal(covered, fabrikam.Users.Select(u => u.UserPrincipalName).OrderBy(u => u));
        Assert.Contains("julia.weber@fabrikamdental.com", fabrikam.UserNames);
        Assert.All(fabrikam.Users, u => Assert.Contains("registration unknown", u.Reason));
        Assert.Equal($"{covered.Count()} user(s) may explain a difference of 2; Microsoft counts from sign-ins, which the verdicts do not read.", fabrikam.Note);
        var tailspinOthers = Row(batches, "Tailspin Logistics", "Compliant non-admins");
        Assert.Equal(new[] { "wei.zhang@tailspinlogistics.com" }, tailspinOthers.Users.Select(u => u.UserPrincipalName));
        Assert.Contains("not MFA-registered", tailspinOthers.Users[0].Reason);

        // The partner: PIM-eligible admins and the sync account are admins in our count only.
        var partnerAdmins = Row(batches, "Northwind Cloud Partners", "Admins");
        Assert.False(partnerAdmins.Agrees);
        Assert.Contains(partnerAdmins.Users, u => u.UserPrincipalName == "jordan.blake@northwindcloud.com" && u.Reason.Contains("PIM-eligible"));
        Assert.Contains(partnerAdmins.Users, u => u.UserPrincipalName.StartsWith("Sync_NWC-AADC01_") && u.Reason.Contains("synchronization"));
        Assert.Equal(int.Parse(partnerAdmins.Ours!) - int.Parse(partnerAdmins.Microsoft!), partnerAdmins.Users.Length);
        Assert.True(Row(batches, "Northwind Cloud Partners", "Security defaults").Agrees);
        Assert.True(Row(batches, "Fabrikam Dental", "Per-user MFA").Agrees);
    }

    [Fact]
    public async Task A_customer_whose_verdicts_cannot_be_read_keeps_microsofts_figures_and_the_error()
    {
        var batches = await CompareDemoAsync();
        var adatum = batches.Single(b => b.Tenant.Name == "Adatum Legal");
        Assert.NotNull(adatum.Error);
        Assert.Equal("NoDelegatedAccess", adatum.Error!.ErrorId);
        Assert.NotEmpty(adatum.Rows);
        Assert.All(adatum.Rows, r =>
        {
            Assert.NotNull(r.Microsoft);
            Assert.Null(r.Ours);
            Assert.Null(r.Agrees);
            Assert.Equal("Our verdicts could not be read (NoDelegatedAccess); the error written for this tenant says what to do.", r.Note);
        });
        var tenants = batches.SelectMany(b => b.Rows).Single(r => r.Measure == "Compliant customer tenants");
        Assert.Equal("2 of 3", tenants.Microsoft);
        Assert.Equal("1 of 3", tenants.Ours);
        Assert.Null(tenants.Agrees);
        Assert.Equal("1 customer(s) unknown: the verdicts of Adatum Legal could not be read.", tenants.Note);
        Assert.Equal(new[] { "breakglass@tailspinlogistics.onmicrosoft.com" }, tenants.Users.Select(u => u.UserPrincipalName));
    }

    private static MfaVerdict Verdict(string upn, MfaStatus status, bool admin = false, bool? registered = true, params string[] roles) => new()
    {
        TenantId = "t", TenantName = "Contoso", UserPrincipalName = upn, UserId = upn, AccountEnabled = status != MfaStatus.NotApplicable,
        Status = status, IsAdmin = admin, AdminRoles = roles, IsMfaRegistered = registered, Reason = "reason of " + upn,
        EnforcedBy = status == MfaStatus.Compliant ? new[] { "ConditionalAccess" } : Array.Empty<string>(),
    };

    private static MfaTenantResult Result(params MfaVerdict[] verdicts)
    {
        var tenant = new TenantTarget("11111111-1111-1111-1111-111111111111", "Contoso", isHome: false);
        var data = new MfaTenantData { TenantId = tenant.Id, TenantName = "Contoso", Users = verdicts.Select(v => new MfaUser(v.UserId, v.UserPrincipalName, accountEnabled: v.AccountEnabled)).ToList() };
        return new MfaTenantResult(tenant, data, verdicts, verdicts.Length, Array.Empty<string>());
    }

    [Fact]
    public void Only_users_on_the_side_that_counts_more_are_named_and_an_unexplained_gap_says_so()
    {
        var ours = Result(
            Verdict("covered-unregistered@contoso.com", MfaStatus.Compliant, admin: true, registered: false, "Global Administrator"),
            Verdict("covered@contoso.com", MfaStatus.Compliant, admin: true, registered: true, "Global Administrator"),
            Verdict("excluded@contoso.com", MfaStatus.NotCompliant, admin: true, registered: true, "Global Administrator"),
            Verdict("gone@contoso.com", MfaStatus.NotApplicable, admin: true, registered: true, "Global Administrator"));
        var insight = new CustomerMfaInsight { TenantId = ours.Tenant.Id, CompliantAdminsCount = 1, CompliantNonAdminsCount = 0, TotalUsersCount = 3, SecurityDefaultsStatus = "disabled", MfaConditionalAccessPolicyStatus = "disabled", LegacyPerUserMfaStatus = "disabled" };

        var higher = ScoreComparer.Customer(insight, ours.Tenant, ours, null, null).Single(r => r.Measure == "Compliant admins");
        Assert.Equal(new[] { "covered-unregistered@contoso.com" }, higher.Users.Select(u => u.UserPrincipalName));

        insight.CompliantAdminsCount = 3;
        var lower = ScoreComparer.Customer(insight, ours.Tenant, ours, null, null).Single(r => r.Measure == "Compliant admins");
        Assert.Equal(new[] { "excluded@contoso.com" }, lower.Users.Select(u => u.UserPrincipalName));
        Assert.Null(lower.Note);
        Assert.Contains("MFA-registered", lower.Users[0].Reason);

        insight.CompliantAdminsCount = 2;
        var users = ScoreComparer.Customer(insight, ours.Tenant, ours, null, new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero)).Single(r => r.Measure == "Users");
        Assert.Equal("3", users.Microsoft);
        Assert.Equal("3", users.Ours);
        Assert.True(users.Agrees);
        insight.TotalUsersCount = 5;
        users = ScoreComparer.Customer(insight, ours.Tenant, ours, null, new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero)).Single(r => r.Measure == "Users");
        Assert.False(users.Agrees);
        Assert.Empty(users.Users);
        Assert.Contains("No user in our verdicts explains the difference of 2", users.Note);
        Assert.Contains("2026-11-20 03:00Z", users.Note);
    }

    [Fact]
    public void Without_the_registration_report_counts_that_depend_on_it_are_unknown_not_zero()
    {
        var ours = Result(Verdict("a@contoso.com", MfaStatus.Compliant, admin: true, registered: null, "Global Administrator"));
        var requirement = new SecurityRequirementStatus { RequirementType = "mfaEnforcedForAdmins", TotalAdminsCount = 1, MfaEnabledAdminsCount = 1, AdminsRequiredNotUsingMfaCount = 0 };
        var row = ScoreComparer.Partner(requirement, ours.Tenant, ours, null, null).Single(r => r.Measure == "Admins required but not using MFA");
        Assert.Equal("0", row.Microsoft);
        Assert.Null(row.Ours);
        Assert.Null(row.Agrees);
        Assert.Contains("registration report could not be read", row.Note);
    }
}
