using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Get-PartnerUserSignActivity and Get-PartnerLegacyAuthUsage on the demo tenant, against counts worked out from the snapshot itself.</summary>
public class SignInActivityTests
{
    private const string Northwind = "Northwind Cloud Partners";
    private const string Tailspin = "Tailspin Logistics";
    private const string Shannon = "shannon.o'brien@northwindcloud.com";

    // The demo's dates move with the clock: the window and the oracle move by the loaded demo's shift.
    private TimeSpan _shift;
    private DateTimeOffset From => DemoData.Captured.AddDays(-14) + _shift;
    private DateTimeOffset To => DemoData.Captured + _shift;
    private string Window => $"-StartDate {DemoData.Ps(From)} -EndDate {DemoData.Ps(To)}";
    private List<DemoData.SignIn> SignIns(string tenant) => DemoData.SignIns(tenant, _shift);
    private List<DemoData.SignIn> Interactive(string tenant, DateTimeOffset from, DateTimeOffset to) => DemoData.Interactive(tenant, from, to, _shift);

    private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? string.Empty;

    private PowerShellSession Demo()
    {
        var session = new PowerShellSession();
        var connected = session.Run("Connect-PartnerSecurity -Demo");
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
        _shift = DemoData.ShiftOf(session);
        return session;
    }

    [Fact]
    public void By_default_the_last_seven_days_of_interactive_sign_ins_come_newest_first()
    {
        using var session = Demo();
        var expected = Interactive(Northwind, To.AddDays(-7), To);
        // The emulator's clock runs from the capture: no demo sign-in sits within minutes of the window's start.
        Assert.DoesNotContain(SignIns(Northwind), s => Math.Abs((s.When - To.AddDays(-7)).TotalMinutes) < 10);

        var result = session.Run("Get-PartnerUserSignActivity");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal(expected.Count, result.Output.Count);
        var times = result.Output.Select(o => (DateTimeOffset)o.Properties["CreatedDateTime"].Value).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.All(result.Output, o => Assert.True((bool)o.Properties["IsInteractive"].Value));
        Assert.All(result.Output, o => Assert.Equal(Northwind, Prop(o, "TenantName")));
        Assert.Equal(expected.Select(s => s.Upn), result.Output.Select(o => Prop(o, "UserPrincipalName")));
    }

    [Fact]
    public void Guests_piped_from_Get_PartnerMfaStatus_get_their_sign_ins_though_the_log_names_them_by_their_home_address()
    {
        using var session = Demo();
        var guests = DemoData.Tenant(Northwind)["users"]!.AsArray().Select(u => (JsonObject)u!)
            .Where(u => ((string)u["userPrincipalName"]!).Contains("#EXT#")).ToList();
        var ids = guests.Select(g => (string)g["id"]!).ToHashSet();
        var theirs = SignIns(Northwind).Where(s => ids.Contains(s.UserId) && s.When >= From && s.When <= To).ToList();
        Assert.True(theirs.Count >= 2, "the demo's guests have sign-ins");
        Assert.All(theirs, s => Assert.DoesNotContain("#EXT#", s.Upn));

        var upns = string.Join(", ", guests.Select(g => $"'{(string)g["userPrincipalName"]!}'"));
        var result = session.Run($"Get-PartnerMfaStatus -UserPrincipalName {upns} | Get-PartnerUserSignActivity {Window} -IncludeNonInteractive");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal(theirs.Select(s => s.Upn).OrderBy(u => u), result.Output.Select(o => Prop(o, "UserPrincipalName")).OrderBy(u => u));

        // Typed by their user principal name, they are looked up and read by id too.
        var typed = session.Run($"Get-PartnerUserSignActivity -UserPrincipalName {upns} {Window} -IncludeNonInteractive");
        Assert.Equal(theirs.Count, typed.Output.Count);
    }

    [Fact]
    public void A_user_with_a_quote_in_the_upn_gets_exactly_her_sign_ins_and_the_filters_count_what_the_log_holds()
    {
        using var session = Demo();
        var hers = Interactive(Northwind, From, To).Where(s => s.Upn == Shannon).ToList();
        Assert.True(hers.Count >= 8, "the demo gives Shannon a busy log");

        var all = session.Run($"Get-PartnerUserSignActivity -UserPrincipalName \"{Shannon}\" {Window}");
        Assert.True(all.Succeeded, string.Join(" | ", all.Errors));
        Assert.Equal(hers.Count, all.Output.Count);
        Assert.All(all.Output, o => Assert.Equal(Shannon, Prop(o, "UserPrincipalName")));
        var codes = all.Output.Select(o => (int)o.Properties["ErrorCode"].Value).ToList();
        Assert.Contains(50126, codes);
        Assert.Contains(50076, codes);

        var failed = session.Run($"Get-PartnerUserSignActivity -UserPrincipalName \"{Shannon}\" {Window} -FailedOnly").Output;
        Assert.Equal(hers.Where(s => !s.Succeeded).Select(s => s.ErrorCode), failed.Select(o => (int)o.Properties["ErrorCode"].Value));
        var legacy = session.Run($"Get-PartnerUserSignActivity -UserPrincipalName \"{Shannon}\" {Window} -LegacyAuthOnly").Output;
        Assert.Equal(hers.Where(s => s.Legacy).Select(s => s.Client), legacy.Select(o => Prop(o, "ClientAppUsed")));
        Assert.Contains("Exchange ActiveSync", legacy.Select(o => Prop(o, "ClientAppUsed")));
    }

    [Fact]
    public void Single_factor_legacy_failed_and_succeeded_filters_match_the_oracle_across_the_partner()
    {
        using var session = Demo();
        var log = Interactive(Northwind, From, To);
        int Count(string switches)
        {
            var result = session.Run($"Get-PartnerUserSignActivity {Window} {switches}");
            Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
            return result.Output.Count;
        }

        Assert.Equal(log.Count(s => s.SingleFactor), Count("-SingleFactorOnly"));
        Assert.Equal(log.Count(s => s.Legacy), Count("-LegacyAuthOnly"));
        Assert.True(log.Count(s => s.Legacy && !s.Succeeded) > 0, "legacy failures are in the demo, and -LegacyAuthOnly keeps them");
        Assert.Equal(log.Count(s => s.Legacy && s.Succeeded), Count("-LegacyAuthOnly -SucceededOnly"));
        Assert.Equal(log.Count(s => !s.Succeeded), Count("-FailedOnly"));
        Assert.Equal(log.Count(s => s.Succeeded), Count("-SucceededOnly"));
        Assert.Equal(log.Count(s => s.SingleFactor && s.Legacy && !s.Succeeded), Count("-SingleFactorOnly -LegacyAuthOnly -FailedOnly"));
        var everything = SignIns(Northwind).Count(s => s.When >= From && s.When <= To);
        Assert.Equal(everything, Count("-IncludeNonInteractive"));
    }

    [Fact]
    public void Contradictory_filters_and_a_window_that_ends_before_it_starts_are_refused_before_anything_is_read()
    {
        using var session = Demo();
        var probe = EmulatorProbe.For(session.Engine.Runspace);
        // Statement-terminating: try/catch sees them, and nothing is output.
        var both = session.Run("try { Get-PartnerUserSignActivity -FailedOnly -SucceededOnly; 'not stopped' } catch { $_.FullyQualifiedErrorId }");
        Assert.Equal("ConflictingFilters,PartnerSecurity.Cmdlets.GetPartnerUserSignActivityCommand", both.Output.Single().ToString());
        var backwards = session.Run($"try {{ Get-PartnerUserSignActivity -StartDate {DemoData.Ps(To)} -EndDate {DemoData.Ps(From)}; 'not stopped' }} catch {{ $_.FullyQualifiedErrorId + '|' + $_.CategoryInfo.Category }}");
        Assert.Equal("InvalidDateRange,PartnerSecurity.Cmdlets.GetPartnerUserSignActivityCommand|InvalidArgument", backwards.Output.Single().ToString());
        Assert.Equal(0, probe.RequestCount("auditLogs/signIns"));
    }

    [Fact]
    public void A_tenant_without_p1_or_p2_gets_one_error_saying_so_and_the_other_tenants_of_the_run_continue()
    {
        using var session = Demo();
        var tailspin = Interactive(Tailspin, To.AddDays(-7), To);
        var result = session.Run("Get-PartnerUserSignActivity -CustomerTenantId fabrikamdental.onmicrosoft.com, tailspinlogistics.onmicrosoft.com");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("PremiumLicenseRequired", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("Fabrikam Dental", error.Exception.Message);
        Assert.Contains("Entra ID P1 or P2", error.Exception.Message);
        Assert.Contains("Get-PartnerMfaStatus", error.ErrorDetails.RecommendedAction);
        Assert.Contains("per-user MFA", error.ErrorDetails.RecommendedAction);
        Assert.Contains("Microsoft 365 admin center", error.ErrorDetails.RecommendedAction);
        Assert.Equal("fabrikamdental.onmicrosoft.com", error.TargetObject);
        Assert.Equal(tailspin.Count, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(Tailspin, Prop(o, "TenantName")));
    }

    [Fact]
    public void Users_piped_from_get_partnermfastatus_bring_their_tenant()
    {
        using var session = Demo();
        var partial = session.Run("Get-PartnerMfaStatus -CustomerTenantId tailspinlogistics.onmicrosoft.com -Status Partial").Output.Select(o => Prop(o, "UserPrincipalName")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Contains("liam.o'connor@tailspinlogistics.com", partial);
        var expected = Interactive(Tailspin, From, To).Where(s => partial.Contains(s.Upn)).ToList();

        var result = session.Run($"Get-PartnerMfaStatus -CustomerTenantId tailspinlogistics.onmicrosoft.com -Status Partial | Get-PartnerUserSignActivity {Window}");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal(expected.Count, result.Output.Count);
        Assert.Equal(expected.Select(s => s.Upn).OrderBy(u => u), result.Output.Select(o => Prop(o, "UserPrincipalName")).OrderBy(u => u));
        Assert.All(result.Output, o => Assert.Equal(DemoData.TenantId(Tailspin), Prop(o, "TenantId")));
    }

    [Fact]
    public void The_legacy_usage_rollup_has_one_row_per_user_and_client_as_the_log_says()
    {
        using var session = Demo();
        var thirtyDays = SignIns(Northwind).Where(s => s.Legacy && s.When >= To.AddDays(-30)).ToList();
        var expected = thirtyDays.GroupBy(s => (s.Upn, s.Client)).OrderBy(g => g.Key.Upn, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key.Client, StringComparer.OrdinalIgnoreCase).ToList();

        var result = session.Run("Get-PartnerLegacyAuthUsage");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(expected.Select(g => $"{g.Key.Upn}|{g.Key.Client}|{g.Count()}|{g.Count(s => s.Succeeded)}"),
            result.Output.Select(o => $"{Prop(o, "UserPrincipalName")}|{Prop(o, "ClientAppUsed")}|{Prop(o, "SignInCount")}|{Prop(o, "SuccessCount")}"));
        var scanner = result.Output.Single(o => Prop(o, "UserPrincipalName") == "svc-scanner@northwindcloud.com");
        Assert.Equal("Authenticated SMTP", Prop(scanner, "ClientAppUsed"));
        var scans = thirtyDays.Where(s => s.Upn == "svc-scanner@northwindcloud.com").ToList();
        Assert.Equal(scans.Max(s => s.When), (DateTimeOffset)scanner.Properties["LastSeen"].Value);
        Assert.Equal(scans.Min(s => s.When), (DateTimeOffset)scanner.Properties["FirstSeen"].Value);
        Assert.Equal(new[] { "Office 365 Exchange Online" }, (IEnumerable<string>)scanner.Properties["Applications"].Value);
        Assert.Equal(2, result.Output.Count(o => Prop(o, "UserPrincipalName") == Shannon));
    }

    [Fact]
    public void Legacy_usage_for_a_user_with_a_quote_in_the_upn_is_exactly_her_rows()
    {
        using var session = Demo();
        var hers = SignIns(Northwind).Where(s => s.Legacy && s.Upn == Shannon && s.When >= To.AddDays(-30))
            .GroupBy(s => s.Client).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(g => $"{g.Key}|{g.Count()}").ToList();
        Assert.NotEmpty(hers);

        var result = session.Run($"Get-PartnerLegacyAuthUsage -UserPrincipalName \"{Shannon}\"");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.All(result.Output, o => Assert.Equal(Shannon, Prop(o, "UserPrincipalName")));
        Assert.Equal(hers, result.Output.Select(o => $"{Prop(o, "ClientAppUsed")}|{Prop(o, "SignInCount")}"));
    }

    [Fact]
    public void Legacy_usage_for_every_customer_names_tailspins_clients_and_reports_fabrikam_and_adatum_once_each()
    {
        using var session = Demo();
        var expected = SignIns(Tailspin).Where(s => s.Legacy && s.When >= To.AddDays(-30)).GroupBy(s => (s.Upn, s.Client)).ToList();
        var result = session.Run("Get-PartnerLegacyAuthUsage -AllCustomers");
        Assert.Null(result.Terminating);
        Assert.Equal(expected.Count, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal(Tailspin, Prop(o, "TenantName")));
        Assert.Contains(result.Output, o => Prop(o, "UserPrincipalName") == "liam.o'connor@tailspinlogistics.com" && Prop(o, "ClientAppUsed") == "POP3");
        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("PremiumLicenseRequired") && e.Exception.Message.Contains("Fabrikam Dental"));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("NoDelegatedAccess") && e.Exception.Message.Contains("Adatum Legal"));

        var liam = session.Run("Get-PartnerLegacyAuthUsage -CustomerTenantId tailspinlogistics.onmicrosoft.com -UserPrincipalName \"liam.o'connor@tailspinlogistics.com\"");
        Assert.True(liam.Succeeded, string.Join(" | ", liam.Errors));
        Assert.Equal("POP3", Prop(Assert.Single(liam.Output), "ClientAppUsed"));
    }

    [Fact]
    public void The_views_fit_120_columns()
    {
        using var session = Demo();
        foreach (var command in new[] { $"Get-PartnerUserSignActivity -UserPrincipalName \"{Shannon}\" {Window}", "Get-PartnerLegacyAuthUsage" })
        {
            var screen = session.Show(command);
            var lines = screen.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(lines, l => l.Contains("Tenant: Northwind Cloud Partners"));
            Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));
        }
        Assert.Contains("Exchange ActiveSync", session.Show($"Get-PartnerUserSignActivity -UserPrincipalName \"{Shannon}\" {Window} -LegacyAuthOnly"));
    }

    // ------------------------------------------------------------ streaming

    /// <summary>A premium tenant with <paramref name="count"/> interactive sign-ins in the last six days.</summary>
    private static string ManySignIns(int count)
    {
        var document = SnapshotFiles.Minimal();
        var signIns = new JsonArray();
        var captured = DateTimeOffset.Parse("2026-11-20T09:00:00Z");
        for (int i = 0; i < count; i++)
        {
            signIns.Add(new JsonObject
            {
                ["id"] = $"5150aaaa-0000-4000-8000-{i:D12}",
                ["createdDateTime"] = captured.AddSeconds(-60 - i * 97).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
                ["userPrincipalName"] = "reader@litware.onmicrosoft.com",
                ["userId"] = SnapshotFiles.ReaderId,
                ["appDisplayName"] = "Office 365",
                ["clientAppUsed"] = i % 10 == 0 ? "IMAP4" : "Browser",
                ["signInEventTypes"] = new JsonArray("interactiveUser"),
                ["isInteractive"] = true,
                ["authenticationRequirement"] = "singleFactorAuthentication",
                ["status"] = new JsonObject { ["errorCode"] = 0 },
            });
        }
        document["signIns"] = signIns;
        return SnapshotFiles.Write(document);
    }

    [Fact]
    public void Sign_ins_reach_the_pipeline_before_the_last_page_is_requested()
    {
        using var session = new PowerShellSession();
        session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(ManySignIns(4500))}");
        session.Engine.Runspace.SessionStateProxy.SetVariable("probe", EmulatorProbe.For(session.Engine.Runspace));
        var result = session.Run(@"
            $seen = 0
            $pagesAtFirst = -1
            Get-PartnerUserSignActivity | ForEach-Object {
                if ($seen -eq 0) { $pagesAtFirst = $probe.RequestCount('auditLogs/signIns') }
                $seen++
            }
            [pscustomobject]@{ Seen = $seen; PagesAtFirst = $pagesAtFirst; Pages = $probe.RequestCount('auditLogs/signIns') }");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        var summary = result.Output.Single();
        Assert.Equal(4500, (int)summary.Properties["Seen"].Value);
        Assert.Equal(5, (int)summary.Properties["Pages"].Value);
        Assert.Equal(1, (int)summary.Properties["PagesAtFirst"].Value);
    }
}
