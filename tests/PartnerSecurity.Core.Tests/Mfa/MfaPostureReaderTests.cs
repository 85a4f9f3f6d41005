using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Customers;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;
using static PartnerSecurity.Tests.Support.SnapshotBuilder;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>The real core (MSAL, Graph SDK, $batch) reads a tenant from the emulator in bulk and gets the verdicts the rules imply.</summary>
public class MfaPostureReaderTests
{
    /// <summary>A partner tenant with one user per interesting case.</summary>
    private static SnapshotBuilder Partner()
    {
        var b = new SnapshotBuilder("Contoso Partner", "contoso.onmicrosoft.com")
            .User("admin", globalAdmin: true)
            .User("ann")                        // in Staff through three levels of nesting
            .User("breakglass")                 // in Staff, excluded by user id
            .User("bob", mfaRegistered: false)  // only an off-site policy
            .User("tier0")                      // Security Administrator through a role-assignable group
            .User("pim")                        // Global Administrator, eligible only
            .ExternalUser("guest")              // B2B guest, per-user MFA enforced
            .User("sync")                       // Directory Synchronization Accounts
            .User("gone", enabled: false);
        b.Group("Sales EMEA", false, b.UserId("ann"))
         .Group("Sales", false, b.GroupId("Sales EMEA"))
         .Group("Staff", false, b.GroupId("Sales"), b.UserId("breakglass"))
         .Group("Tier0", true, b.UserId("tier0"))
         .Role(b.GroupId("Tier0"), SecurityAdministrator)
         .EligibleRole(b.UserId("pim"), GlobalAdministrator)
         .Role(b.UserId("sync"), DirectorySynchronizationAccounts)
         .PerUserMfa("guest", "enforced")
         .CaPolicy(MfaPolicy("Require MFA for staff", users: Users(includeGroups: new JsonArray(b.GroupId("Staff")), exclude: new JsonArray(b.UserId("breakglass")))))
         .CaPolicy(MfaPolicy("Require MFA for admins", users: Users(includeRoles: new JsonArray(GlobalAdministrator, SecurityAdministrator))))
         .CaPolicy(MfaPolicy("Pilot: MFA for everyone", state: "enabledForReportingButNotEnforced"))
         .CaPolicy(MfaPolicy("MFA off-site", users: Users(include: new JsonArray(b.UserId("bob"))),
             locations: new JsonObject { ["includeLocations"] = new JsonArray("All"), ["excludeLocations"] = new JsonArray("AllTrusted") }))
         .CaPolicy(MfaPolicy("Block legacy", builtInControls: new JsonArray("block"), clientAppTypes: new JsonArray("exchangeActiveSync", "other")));
        return b;
    }

    private static List<RequestRecord> PerUserItems(TenantEmulator emulator) =>
        emulator.BatchItems.Records.Where(r => r.Url.Contains("/authentication/requirements")).ToList();

    private static async Task<(MfaTenantResult Result, TenantEmulator Emulator, int Before)> Read(SnapshotBuilder builder, MfaReadOptions? options = null, Action<TenantEmulator>? faults = null)
    {
        var emulator = builder.Emulator();
        var connection = await TestConnections.ConnectAsync(emulator);
        faults?.Invoke(emulator);
        int before = emulator.Requests.Count;
        var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), options ?? new MfaReadOptions(), null, CancellationToken.None);
        return (result, emulator, before);
    }

    [Fact]
    public async Task Every_case_of_the_partner_tenant_gets_the_verdict_the_rules_imply()
    {
        var b = Partner();
        var (result, _, _) = await Read(b);
        var v = result.Verdicts.ToDictionary(x => x.UserPrincipalName.Split('@')[0].Split('_')[0]);
        Assert.Empty(result.Warnings);

        Assert.Equal(MfaStatus.Compliant, v["admin"].Status);
        Assert.Equal(new[] { "Require MFA for admins" }, v["admin"].ConditionalAccessPolicies);
        Assert.Equal(new[] { "Pilot: MFA for everyone" }, v["admin"].ReportOnlyPolicies);

        Assert.Equal(MfaStatus.Compliant, v["ann"].Status);
        Assert.Equal(new[] { "Require MFA for staff" }, v["ann"].ConditionalAccessPolicies);
        Assert.Null(v["ann"].PerUserMfaState);

        Assert.Equal(MfaStatus.NotCompliant, v["breakglass"].Status);
        Assert.Equal(new[] { "Require MFA for staff (user)" }, v["breakglass"].ExcludedFrom);
        Assert.Equal("disabled", v["breakglass"].PerUserMfaState);

        Assert.Equal(MfaStatus.Partial, v["bob"].Status);
        Assert.Equal(new[] { "MFA off-site (excludes locations)" }, v["bob"].ConditionalPolicies);
        Assert.False(v["bob"].IsMfaRegistered);

        Assert.Equal(MfaStatus.Compliant, v["tier0"].Status);
        Assert.Equal(new[] { "Security Administrator" }, v["tier0"].AdminRoles);

        Assert.Equal(MfaStatus.NotCompliant, v["pim"].Status);
        Assert.True(v["pim"].IsAdmin);
        Assert.Equal(new[] { "Global Administrator (eligible)" }, v["pim"].AdminRoles);

        Assert.Equal(MfaStatus.Compliant, v["guest"].Status);
        Assert.Equal(new[] { MfaConstants.PerUserMfa }, v["guest"].EnforcedBy);
        Assert.Equal("Guest", v["guest"].UserType);

        Assert.Equal(MfaStatus.NotCompliant, v["sync"].Status);
        Assert.Equal(MfaStatus.NotApplicable, v["gone"].Status);
        Assert.All(result.Verdicts, x => Assert.Equal("Contoso Partner", x.TenantName));
        Assert.Equal(9, result.UsersEvaluated);
    }

    [Fact]
    public async Task Reads_are_bulk_and_per_user_state_is_fetched_in_batches_only_for_users_whose_verdict_depends_on_it()
    {
        var (result, emulator, before) = await Read(Partner());
        var requests = emulator.Requests.Records.Skip(before).ToList();
        Assert.DoesNotContain(requests, r => r.Url.Contains("/authentication/requirements"));
        Assert.DoesNotContain(requests, r => System.Text.RegularExpressions.Regex.IsMatch(r.Url, @"/users/[0-9a-f-]{36}"));
        Assert.Single(requests, r => r.Url.EndsWith("/beta/$batch"));
        // breakglass, bob, pim, guest and sync are not covered always by security defaults or a policy; gone is disabled.
        var asked = PerUserItems(emulator).Select(r => r.Url.Split("/users/")[1].Split('/')[0]).OrderBy(x => x).ToList();
        var b = Partner();
        Assert.Equal(new[] { "breakglass", "bob", "pim", "guest", "sync" }.Select(b.UserId).OrderBy(x => x), asked);
        Assert.Single(requests, r => r.Url.Contains("/v1.0/users?"));
        Assert.Single(requests, r => r.Url.Contains("/identity/conditionalAccess/policies"));
        Assert.Single(requests, r => r.Url.Contains("/userRegistrationDetails"));
        Assert.Single(requests, r => r.Url.Contains("/directoryObjects/getByIds"));
        // Transitive members of the two groups policies name (Staff) or that hold roles (Tier0) only, in one v1.0 batch.
        Assert.DoesNotContain(requests, r => r.Url.Contains("/transitiveMembers"));
        Assert.Single(requests, r => r.Url.EndsWith("/v1.0/$batch"));
        Assert.Equal(2, emulator.BatchItems.Records.Count(r => r.Url.Contains("/transitiveMembers")));
        Assert.All(requests, r => Assert.True(r.Status < 400, r.ToString()));
    }

    [Fact]
    public async Task Large_directories_are_read_999_users_to_a_page()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SecurityDefaults(true);
        for (int i = 0; i < 1500; i++) builder.User($"u{i:D4}");
        var (result, emulator, before) = await Read(builder);
        Assert.Equal(1501, result.Verdicts.Count);
        Assert.All(result.Verdicts, v => Assert.Equal(MfaStatus.Compliant, v.Status));
        var requests = emulator.Requests.Records.Skip(before).ToList();
        Assert.Equal(2, requests.Count(r => r.Url.Contains("/v1.0/users")));
        Assert.Equal(2, requests.Count(r => r.Url.Contains("/userRegistrationDetails")));
        Assert.DoesNotContain(requests, r => r.Url.Contains("$batch"));
    }

    [Fact]
    public async Task Throttled_batch_items_are_retried_on_their_own_and_nothing_is_lost()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 45; i++) builder.User($"u{i:D2}");
        builder.PerUserMfa("u07", "enforced").PerUserMfa("u33", "enabled");
        var (result, emulator, before) = await Read(builder, faults: e =>
        {
            e.Faults.Add(new Fault($"/users/{builder.UserId("u07")}/authentication/requirements", FaultKind.Throttle, times: 2, retryAfter: "0.01"));
            e.Faults.Add(new Fault($"/users/{builder.UserId("u33")}/authentication/requirements", FaultKind.Throttle, times: 1));
            e.Faults.Add(new Fault($"/users/{builder.UserId("u40")}/authentication/requirements", FaultKind.ServiceUnavailable, times: 1, retryAfter: "0.01"));
        });
        Assert.Empty(result.Warnings);
        Assert.Equal("enforced", result.Verdicts.Single(v => v.UserId == builder.UserId("u07")).PerUserMfaState);
        Assert.Equal(MfaStatus.Compliant, result.Verdicts.Single(v => v.UserId == builder.UserId("u33")).Status);
        Assert.All(result.Verdicts.Where(v => v.UserId != builder.UserId("admin")), v => Assert.NotNull(v.PerUserMfaState));
        var items = emulator.BatchItems.Records.GroupBy(r => r.Url.Split("/users/")[1].Split('/')[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(3, items[builder.UserId("u07")]);
        Assert.Equal(2, items[builder.UserId("u33")]);
        Assert.Equal(2, items[builder.UserId("u40")]);
        Assert.Equal(46 + 2 + 1 + 1, items.Values.Sum());
        // 46 users need it (admin too: no policy covers anyone): 3 batches, then only the throttled items in 2 more.
        Assert.Equal(5, emulator.Requests.Records.Skip(before).Count(r => r.Url.EndsWith("$batch")));
    }

    [Fact]
    public async Task A_user_throttled_past_every_retry_is_counted_as_unknown_with_one_warning()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("ann").User("bob");
        var (result, _, _) = await Read(builder, faults: e => e.Faults.Add(new Fault($"/users/{builder.UserId("ann")}/authentication/requirements", FaultKind.Throttle, times: 100, retryAfter: "0")));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Contoso Partner", warning);
        Assert.Contains("1 user(s)", warning);
        Assert.Contains("429", warning);
        var ann = result.Verdicts.Single(v => v.UserId == builder.UserId("ann"));
        Assert.Null(ann.PerUserMfaState);
        Assert.Contains("could not be read", ann.Reason);
        Assert.Equal("disabled", result.Verdicts.Single(v => v.UserId == builder.UserId("bob")).PerUserMfaState);
    }

    [Fact]
    public async Task Without_a_premium_licence_the_registration_fields_are_null_the_verdicts_stand_and_one_warning_says_why()
    {
        var builder = new SnapshotBuilder(premium: false).User("admin", globalAdmin: true).User("ann").SecurityDefaults(true);
        var (result, _, _) = await Read(builder);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("Contoso Partner", warning);
        Assert.Contains("P1 or P2", warning);
        Assert.All(result.Verdicts, v =>
        {
            Assert.Equal(MfaStatus.Compliant, v.Status);
            Assert.Null(v.IsMfaRegistered);
            Assert.Null(v.MethodsRegistered);
        });
    }

    [Fact]
    public async Task A_registration_report_throttled_past_retries_also_leaves_the_verdicts_and_warns()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).SecurityDefaults(true);
        var (result, _, _) = await Read(builder, faults: e => e.Faults.Add(new Fault("userRegistrationDetails", FaultKind.Throttle, times: 100, retryAfter: "0")));
        Assert.Contains("throttling", Assert.Single(result.Warnings));
        Assert.Equal(MfaStatus.Compliant, Assert.Single(result.Verdicts).Status);
    }

    [Fact]
    public async Task Filters_keep_the_users_asked_for_and_per_user_reads_follow_them()
    {
        var b = Partner().User("shannon.o'brien");
        var byUpn = await Read(b, new MfaReadOptions { UserPrincipalNames = new[] { "SHANNON.O'BRIEN@contoso.onmicrosoft.com", "bob@contoso.onmicrosoft.com" } });
        Assert.Equal(new[] { "bob@contoso.onmicrosoft.com", "shannon.o'brien@contoso.onmicrosoft.com" }, byUpn.Result.Verdicts.Select(v => v.UserPrincipalName));
        Assert.Equal(2, PerUserItems(byUpn.Emulator).Count);
        Assert.Equal(2, byUpn.Result.UsersEvaluated);

        var admins = await Read(b, new MfaReadOptions { AdminsOnly = true });
        Assert.Equal(new[] { "admin", "pim", "sync", "tier0" }, admins.Result.Verdicts.Select(v => v.UserPrincipalName.Split('@')[0]));
        Assert.Equal(2, PerUserItems(admins.Emulator).Count); // pim and sync

        var gaps = await Read(b, new MfaReadOptions { Statuses = new[] { MfaStatus.NotCompliant, MfaStatus.Partial } });
        Assert.All(gaps.Result.Verdicts, v => Assert.Contains(v.Status, new[] { MfaStatus.NotCompliant, MfaStatus.Partial }));
        Assert.Equal(5, gaps.Result.Verdicts.Count);
    }

    /// <summary>
    /// Issue 13 item 7: a policy naming 3,000 groups made 3,019 requests, one per group. Group members now travel in
    /// $batch, 20 groups a request, and a group's further pages in later batches; a group larger than a page keeps all its members.
    /// </summary>
    [Fact]
    public async Task A_policy_naming_3000_groups_reads_their_members_in_batches_of_20()
    {
        const int count = 3000;
        var b = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 1200; i++) b.User("member" + i);
        var groups = new JsonArray();
        for (int i = 0; i < count; i++)
        {
            var name = "Project " + i;
            // One group holds every member (two pages of 999); the others hold one each.
            var members = i == 0 ? Enumerable.Range(0, 1200).Select(m => b.UserId("member" + m)).ToArray() : new[] { b.UserId("member" + (i % 1200)) };
            b.Group(name, false, members);
            groups.Add(b.GroupId(name));
        }
        b.CaPolicy(MfaPolicy("MFA for project teams", users: Users(includeGroups: groups)));

        var (result, emulator, before) = await Read(b);
        var requests = emulator.Requests.Records.Skip(before).ToList();
        Assert.Equal(count, result.Data.Groups.Count);
        Assert.Equal(1200, result.Data.Groups[b.GroupId("Project 0")].TransitiveUserIds.Count);
        Assert.All(result.Verdicts.Where(v => v.UserPrincipalName.StartsWith("member", StringComparison.Ordinal)), v => Assert.Equal(MfaStatus.Compliant, v.Status));
        Assert.DoesNotContain(requests, r => r.Url.Contains("/transitiveMembers"));
        // 3,000 first pages, 20 to a batch, then the big group's second page.
        Assert.Equal(count / 20 + 1, requests.Count(r => r.Url.EndsWith("/v1.0/$batch")));
        Assert.True(requests.Count < 200, $"{requests.Count} requests");
    }

    [Fact]
    public async Task A_policy_with_a_field_of_the_wrong_shape_fails_the_tenant_naming_the_policy_and_the_field()
    {
        // The snapshot reader refuses such a policy at load, so it is damaged after: as Graph would send it.
        var b = new SnapshotBuilder().User("admin", globalAdmin: true).User("breakglass").CaPolicy(MfaPolicy("Exclusions as text"));
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => Read(b, faults: e =>
            e.Snapshot.ConditionalAccessPolicies.Single()["conditions"]!["users"]!["excludeUsers"] = "breakglass"));
        Assert.Equal("ConditionalAccessPolicyUnreadable", ex.ErrorId);
        Assert.Contains("'Exclusions as text': conditions.users.excludeUsers must be a list of strings, not a string", ex.Message);
    }

    [Fact]
    public async Task Reading_everyones_per_user_state_is_an_option()
    {
        var (result, emulator, _) = await Read(Partner(), new MfaReadOptions { PerUserMfa = PerUserMfaNeed.AllEnabledUsers });
        Assert.Equal(8, PerUserItems(emulator).Count);
        Assert.All(result.Verdicts.Where(v => v.AccountEnabled), v => Assert.NotNull(v.PerUserMfaState));
    }

    // ------------------------------------------------------------ customers

    private static SnapshotBuilder PartnerWithCustomers()
    {
        var fabrikam = new SnapshotBuilder("Fabrikam Dental", "fabrikamdental.onmicrosoft.com", premium: false).User("owner", globalAdmin: true).User("nurse").SecurityDefaults(true);
        var adatum = new SnapshotBuilder("Adatum Legal", "adatumlegal.onmicrosoft.com").User("partner", globalAdmin: true);
        return new SnapshotBuilder().User("admin", globalAdmin: true).Customer(fabrikam).Customer(adatum, gdapStatus: "expired");
    }

    [Fact]
    public async Task A_customer_tenant_costs_one_token_request_however_many_reads_start_at_once()
    {
        var emulator = PartnerWithCustomers().Emulator();
        // Answers that take time, as on a network: without it the in-process emulator answers at once and the reads never overlap.
        emulator.Options.Latency = new PartnerSecurity.Emulator.Http.LatencyModel(20, 0);
        using var connection = await TestConnections.ConnectAsync(emulator);
        var fabrikam = (await TenantScope.ResolveAsync(connection, null, allCustomers: true, CancellationToken.None)).First(t => t.Name == "fabrikamdental.onmicrosoft.com");
        var reads = Enumerable.Range(0, 3).Select(_ => MfaPostureReader.GetAsync(connection, fabrikam, new MfaReadOptions(), TenantActivity.None, CancellationToken.None));
        var results = await Task.WhenAll(reads);
        Assert.All(results, r => Assert.Equal(2, r.Verdicts.Count));
        Assert.Equal(1, emulator.Requests.CountWhere(r => r.Url.Contains("/" + fabrikam.Id + "/oauth2/v2.0/token")));
    }

    [Fact]
    public async Task All_customers_run_in_their_own_tenants_and_one_without_gdap_fails_alone_naming_itself_and_the_fix()
    {
        var emulator = PartnerWithCustomers().Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        var targets = await TenantScope.ResolveAsync(connection, null, allCustomers: true, CancellationToken.None);
        Assert.Equal(new[] { "fabrikamdental.onmicrosoft.com", "adatumlegal.onmicrosoft.com" }, targets.Select(t => t.Name));
        Assert.DoesNotContain(targets, t => t.Id == connection.HomeTenantId);

        var events = new List<TenantEvent<MfaTenantResult>>();
        await foreach (var e in TenantFanOut.RunAsync(connection, targets, (t, a, ct) => MfaPostureReader.GetAsync(connection, t, new MfaReadOptions(), a, ct), 4, CancellationToken.None))
            events.Add(e);
        var fabrikam = Assert.Single(events, e => e.Kind == TenantEventKind.Completed).Result;
        Assert.Equal(new[] { "owner@fabrikamdental.onmicrosoft.com", "nurse@fabrikamdental.onmicrosoft.com" }.OrderBy(x => x), fabrikam.Verdicts.Select(v => v.UserPrincipalName));
        Assert.All(fabrikam.Verdicts, v => Assert.Equal(MfaStatus.Compliant, v.Status));
        Assert.Contains("P1 or P2", Assert.Single(fabrikam.Warnings));
        var failed = Assert.Single(events, e => e.Kind == TenantEventKind.Failed);
        Assert.Equal("NoDelegatedAccess", failed.Error!.ErrorId);
        Assert.Contains(SnapshotBuilder.Id("tenant:adatumlegal.onmicrosoft.com"), failed.Error.Message);
        Assert.Contains("GDAP", failed.Error.RecommendedAction);
        Assert.Contains(events, e => e.Kind == TenantEventKind.Progress && e.Tenant.Name == "fabrikamdental.onmicrosoft.com");
    }

    [Fact]
    public async Task Customers_join_partner_center_with_their_gdap_relationships()
    {
        using var connection = await TestConnections.ConnectAsync(PartnerWithCustomers().Emulator());
        var list = await PartnerCustomerReader.ListAsync(connection, CancellationToken.None);
        Assert.Empty(list.Warnings);
        var adatum = list.Customers[0];
        Assert.Equal("adatumlegal.onmicrosoft.com", adatum.Domain);
        Assert.Equal("expired", adatum.GdapStatus);
        Assert.False(adatum.HasActiveGdap);
        Assert.Empty(adatum.GdapRoles);
        var fabrikam = list.Customers[1];
        Assert.Equal("active", fabrikam.GdapStatus);
        Assert.Equal(new[] { "Global Administrator" }, fabrikam.GdapRoles);
        Assert.Equal(new DateTimeOffset(2027, 11, 20, 9, 0, 0, TimeSpan.Zero), fabrikam.GdapEndDateTime);
        Assert.Equal("reseller", fabrikam.RelationshipType);
        Assert.Equal(fabrikam.CustomerId, fabrikam.TenantId);
    }

    [Fact]
    public async Task Partner_center_customers_are_read_to_the_last_continuation_token()
    {
        var partner = new SnapshotBuilder().User("admin", globalAdmin: true);
        for (int i = 0; i < 1203; i++) partner.Customer(new SnapshotBuilder($"C{i}", $"c{i:D4}.onmicrosoft.com"));
        var emulator = partner.Emulator();
        using var connection = await TestConnections.ConnectAsync(emulator);
        emulator.Faults.Add(new Fault("api.partnercenter.microsoft.com/v1/customers.*seekOperation=Next", FaultKind.Throttle, times: 1, retryAfter: "0.01"));
        var customers = new List<string>();
        await foreach (var c in new PartnerSecurity.PartnerCenter.PartnerCenterClient(connection).GetCustomersAsync(CancellationToken.None)) customers.Add(c.Domain!);
        Assert.Equal(1203, customers.Distinct().Count());
        Assert.Equal(1203, customers.Count);
        Assert.Equal(4, emulator.Requests.CountWhere(r => r.Url.Contains("/v1/customers")));
    }
}

/// <summary>
/// Role assignments are read by chunks of role ids (the API requires a filter); the chunks are independent, so they
/// go out side by side, not one round trip after another (docs/benchmarks.md: on a 40-user tenant under 40 ms of
/// latency, 9 sequential reads were half the wall time). Counted at the transport, not timed.
/// </summary>
public class MfaRoleAssignmentConcurrencyTests
{
    private sealed class Overlap : DelegatingHandler
    {
        private int _inFlight;
        public int Max;
        public int Seen;

        public Overlap(HttpMessageHandler inner) : base(inner) { }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/roleManagement/directory/roleAssignments", StringComparison.Ordinal))
                return await base.SendAsync(request, cancellationToken);
            Interlocked.Increment(ref Seen);
            int now = Interlocked.Increment(ref _inFlight);
            lock (this) Max = Math.Max(Max, now);
            try
            {
                // Long enough that chunks sent side by side are all in flight together.
                await Task.Delay(200, cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }

    [Fact]
    public async Task Role_assignment_chunks_are_read_side_by_side_and_give_the_same_grants()
    {
        var builder = new SnapshotBuilder("Contoso Partner", "contoso.onmicrosoft.com").User("admin", globalAdmin: true).User("ann");
        var emulator = builder.Emulator();
        var overlap = new Overlap(emulator);
        var request = TestConnections.Request(emulator);
        request.Transport = overlap;
        var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions(), null, CancellationToken.None);

        // Every built-in role definition, 15 to a filter: several chunks, and more than one of them in flight at once.
        Assert.True(overlap.Seen >= 2, $"{overlap.Seen} role assignment reads");
        Assert.True(overlap.Max >= 2, $"at most {overlap.Max} role assignment read(s) in flight at once");
        Assert.Contains(result.Verdicts, v => v.UserPrincipalName.StartsWith("admin@", StringComparison.OrdinalIgnoreCase) && v.IsAdmin);
    }
}
