using PartnerSecurity.Graph;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SignIns;

namespace PartnerSecurity.Tests.SignIns;

/// <summary>What goes to Graph as $filter, what the reader filters itself, legacy classification and the legacy rollup: pure functions.</summary>
public class SignInQueryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-20T09:00:00.4Z");

    [Fact]
    public void The_default_window_is_the_last_seven_days_of_the_connections_clock()
    {
        var query = SignInQuery.Window(Now, null, null, SignInQuery.DefaultWindow);
        Assert.Equal(Now, query.End);
        Assert.Equal(Now.AddDays(-7), query.Start);
        Assert.Equal(
            "createdDateTime ge 2026-11-13T09:00:00Z and createdDateTime le 2026-11-20T09:00:01Z and signInEventTypes/any(t: t eq 'interactiveUser')",
            query.Filter(null));
        var onlyEnd = SignInQuery.Window(Now, null, Now.AddDays(-1), SignInQuery.DefaultWindow);
        Assert.Equal(Now.AddDays(-8), onlyEnd.Start);
    }

    [Fact]
    public void An_end_before_the_start_is_refused()
    {
        var ex = Assert.Throws<PartnerSecurityException>(() => SignInQuery.Window(Now, Now, Now.AddDays(-1), SignInQuery.DefaultWindow));
        Assert.Equal("InvalidDateRange", ex.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, ex.Kind);
    }

    [Fact]
    public void A_user_principal_name_with_a_quote_is_escaped_by_doubling_it()
    {
        var query = new SignInQuery(Now.AddDays(-1), Now) { SingleFactorOnly = true, SucceededOnly = true, IncludeNonInteractive = true };
        Assert.Equal(
            "createdDateTime ge 2026-11-19T09:00:00Z and createdDateTime le 2026-11-20T09:00:01Z"
            + " and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"
            + " and userPrincipalName eq 'shannon.o''brien@northwindcloud.com'"
            + " and authenticationRequirement eq 'singleFactorAuthentication' and status/errorCode eq 0",
            query.Filter(new SignInUser("Shannon.O'Brien@northwindcloud.com", null)));
        Assert.Equal("'it''s ''quoted'''", ODataLiteral.String("it's 'quoted'"));
    }

    [Fact]
    public void A_user_whose_object_is_known_is_filtered_by_id_not_by_name()
    {
        var query = new SignInQuery(Now.AddDays(-1), Now);
        var filter = query.Filter(new SignInUser("jane_fabrikam.com#EXT#@northwindcloud.onmicrosoft.com", "3f1c6a2e-8b7d-4e21-9a0f-5c4d3b2a1e0f"));
        Assert.EndsWith(" and userId eq '3f1c6a2e-8b7d-4e21-9a0f-5c4d3b2a1e0f'", filter);
        Assert.DoesNotContain("userPrincipalName", filter);
    }

    [Fact]
    public void What_graph_cannot_filter_the_reader_does()
    {
        var failedLegacy = new SignInActivity { Succeeded = false, ErrorCode = 50126, IsLegacyAuthentication = true, AuthenticationRequirement = "singleFactorAuthentication" };
        var modernSuccess = new SignInActivity { Succeeded = true, IsLegacyAuthentication = false, AuthenticationRequirement = "multiFactorAuthentication" };
        var q = new SignInQuery(Now.AddDays(-1), Now);
        Assert.True(q.Keeps(failedLegacy) && q.Keeps(modernSuccess));
        Assert.Equal(new[] { true, false }, new[] { failedLegacy, modernSuccess }.Select(new SignInQuery(Now, Now) { FailedOnly = true }.Keeps));
        Assert.Equal(new[] { true, false }, new[] { failedLegacy, modernSuccess }.Select(new SignInQuery(Now, Now) { LegacyAuthOnly = true }.Keeps));
        Assert.Equal(new[] { false, true }, new[] { failedLegacy, modernSuccess }.Select(new SignInQuery(Now, Now) { SucceededOnly = true }.Keeps));
        Assert.Equal(new[] { true, false }, new[] { failedLegacy, modernSuccess }.Select(new SignInQuery(Now, Now) { SingleFactorOnly = true }.Keeps));
        // Legacy and single-factor keep failures unless combined with a success filter.
        Assert.False(new SignInQuery(Now, Now) { LegacyAuthOnly = true, SucceededOnly = true }.Keeps(failedLegacy));
    }

    [Theory]
    [InlineData("Browser", false)]
    [InlineData("browser", false)]
    [InlineData("Mobile Apps and Desktop clients", false)]
    [InlineData("IMAP4", true)]
    [InlineData("IMAP", true)]
    [InlineData("POP3", true)]
    [InlineData("Authenticated SMTP", true)]
    [InlineData("SMTP", true)]
    [InlineData("Exchange ActiveSync", true)]
    [InlineData("MAPI Over HTTP", true)]
    [InlineData("Other clients", true)]
    [InlineData("Exchange Web Services", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Every_client_other_than_browser_and_modern_apps_is_legacy(string? client, bool legacy) =>
        Assert.Equal(legacy, LegacyAuthentication.IsLegacy(client));

    private static SignInActivity At(string upn, string client, double daysAgo, bool ok, string app = "Office 365 Exchange Online", string? userId = null) => new()
    {
        TenantId = "t",
        TenantName = "Tenant",
        UserPrincipalName = upn,
        UserId = userId ?? upn + "-id",
        ClientAppUsed = client,
        IsLegacyAuthentication = LegacyAuthentication.IsLegacy(client),
        CreatedDateTime = Now.AddDays(-daysAgo),
        Succeeded = ok,
        ErrorCode = ok ? 0 : 53003,
        AppDisplayName = app,
    };

    [Fact]
    public void The_rollup_gives_one_row_per_user_and_legacy_client_with_counts_and_dates()
    {
        var rollup = new LegacyAuthRollup();
        rollup.Add(At("liam@x", "POP3", 1, true));
        rollup.Add(At("liam@x", "POP3", 5, true));
        rollup.Add(At("liam@x", "POP3", 3, false, app: "Outlook"));
        rollup.Add(At("liam@x", "IMAP4", 2, false));
        rollup.Add(At("liam@x", "Browser", 0.5, true));
        rollup.Add(At("Ann@x", "Authenticated SMTP", 4, true));
        rollup.Add(At("ann@x", "authenticated smtp", 6, true, userId: "ann@x-id"));

        var rows = rollup.Rows();
        Assert.Equal(7, rollup.SignInsSeen);
        Assert.Equal(new[] { "Ann@x Authenticated SMTP", "liam@x IMAP4", "liam@x POP3" }, rows.Select(r => r.UserPrincipalName + " " + r.ClientAppUsed));
        var pop = rows.Single(r => r.ClientAppUsed == "POP3");
        Assert.Equal(3, pop.SignInCount);
        Assert.Equal(2, pop.SuccessCount);
        Assert.Equal(Now.AddDays(-5), pop.FirstSeen);
        Assert.Equal(Now.AddDays(-1), pop.LastSeen);
        Assert.Equal(new[] { "Office 365 Exchange Online", "Outlook" }, pop.Applications);
        Assert.Equal("Office 365 Exchange Online; Outlook", pop.Applications.ToString());
        var smtp = rows.Single(r => r.ClientAppUsed == "Authenticated SMTP");
        Assert.Equal(2, smtp.SignInCount);
        Assert.Equal("Ann@x", smtp.UserPrincipalName);
    }
}
