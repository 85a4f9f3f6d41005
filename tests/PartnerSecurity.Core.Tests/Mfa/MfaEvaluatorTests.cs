using System.Text.Json;
using PartnerSecurity.Mfa;
using static PartnerSecurity.Tests.Mfa.MfaTenantBuilder;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>docs/mfa-coverage-rules.md, rule by rule.</summary>
public class MfaEvaluatorTests
{
    // ------------------------------------------------------------ verdict table

    [Fact]
    public void A_disabled_account_is_not_applicable_whatever_covers_it()
    {
        var v = new MfaTenantBuilder().User("gone", enabled: false).SecurityDefaults().Policy(RequireMfa()).Verdict("gone");
        Assert.Equal(MfaStatus.NotApplicable, v.Status);
        Assert.False(v.AccountEnabled);
        Assert.Empty(v.EnforcedBy);
        Assert.Empty(v.ConditionalAccessPolicies);
        Assert.Contains("disabled", v.Reason);
    }

    [Fact]
    public void Nothing_enabled_means_not_compliant_and_the_reason_says_what_is_off()
    {
        var v = new MfaTenantBuilder().User("ann").PerUser("ann", "disabled").Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.EnforcedBy);
        Assert.Equal("disabled", v.PerUserMfaState);
        Assert.Contains("Security defaults are off", v.Reason);
        Assert.Contains("per-user MFA is disabled", v.Reason);
        Assert.Contains("no enabled conditional access policy", v.Reason);
    }

    // ------------------------------------------------------------ mechanism 1: security defaults

    [Theory]
    [InlineData("Member", false)]
    [InlineData("Guest", true)]
    [InlineData("Member", true)]
    [InlineData("Guest", false)]
    public void Security_defaults_cover_every_user_always_guests_included(string userType, bool external)
    {
        var v = new MfaTenantBuilder().Guest("x", userType, external).SecurityDefaults().Verdict("x");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.Equal(new[] { MfaConstants.SecurityDefaults }, v.EnforcedBy);
        Assert.True(v.SecurityDefaultsEnabled);
        Assert.Contains("security defaults", v.Reason);
    }

    [Fact]
    public void A_directory_synchronization_account_is_exempt_from_security_defaults()
    {
        var v = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync).SecurityDefaults().Verdict("sync");
        Assert.Equal(MfaStatus.Exempt, v.Status);
        Assert.Empty(v.EnforcedBy);
        Assert.True(v.IsAdmin);
        Assert.Contains("Directory synchronization account", v.Reason);
    }

    [Fact]
    public void The_directory_synchronization_role_held_through_a_role_assignable_group_also_exempts()
    {
        var v = new MfaTenantBuilder().User("sync").Group("g-sync", "Sync accounts", "sync").Role("g-sync", DirectorySync).SecurityDefaults().Verdict("sync");
        Assert.Equal(MfaStatus.Exempt, v.Status);
    }

    [Fact]
    public void An_eligible_directory_synchronization_role_is_not_active_so_security_defaults_still_cover()
    {
        var v = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync, eligible: true).SecurityDefaults().Verdict("sync");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.Equal(new[] { "Directory Synchronization Accounts (eligible)" }, v.AdminRoles);
    }

    [Fact]
    public void A_directory_synchronization_account_covered_by_another_mechanism_is_compliant_not_exempt()
    {
        var perUser = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync).SecurityDefaults().PerUser("sync", "enforced").Verdict("sync");
        Assert.Equal(MfaStatus.Compliant, perUser.Status);
        Assert.Equal(new[] { MfaConstants.PerUserMfa }, perUser.EnforcedBy);

        var ca = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync).SecurityDefaults().Policy(RequireMfa()).Verdict("sync");
        Assert.Equal(MfaStatus.Compliant, ca.Status);
        Assert.Equal(new[] { MfaConstants.ConditionalAccess }, ca.EnforcedBy);
    }

    [Fact]
    public void Without_security_defaults_a_directory_synchronization_account_is_simply_not_compliant()
    {
        var v = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync).Verdict("sync");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
    }

    // ------------------------------------------------------------ mechanism 2: per-user MFA

    [Theory]
    [InlineData("enabled", MfaStatus.Compliant)]
    [InlineData("enforced", MfaStatus.Compliant)]
    [InlineData("disabled", MfaStatus.NotCompliant)]
    public void Per_user_mfa_enabled_or_enforced_covers_always(string state, MfaStatus expected)
    {
        var v = new MfaTenantBuilder().User("ann").PerUser("ann", state).Verdict("ann");
        Assert.Equal(expected, v.Status);
        Assert.Equal(state, v.PerUserMfaState);
        Assert.Equal(expected == MfaStatus.Compliant ? new[] { MfaConstants.PerUserMfa } : Array.Empty<string>(), v.EnforcedBy);
    }

    [Fact]
    public void A_per_user_state_that_could_not_be_read_counts_for_nothing_and_the_reason_says_so()
    {
        var v = new MfaTenantBuilder().User("ann").PerUserUnreadable("ann").Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Null(v.PerUserMfaState);
        Assert.Contains("per-user MFA state could not be read", v.Reason);
    }

    [Fact]
    public void Every_mechanism_that_covers_always_is_listed()
    {
        var v = new MfaTenantBuilder().User("ann").SecurityDefaults().PerUser("ann", "enforced").Policy(RequireMfa("CA001")).Verdict("ann");
        Assert.Equal(new[] { MfaConstants.SecurityDefaults, MfaConstants.PerUserMfa, MfaConstants.ConditionalAccess }, v.EnforcedBy);
        Assert.Equal("SecurityDefaults; PerUserMfa; ConditionalAccess", v.EnforcedBy.ToString());
        Assert.Equal(new[] { "CA001" }, v.ConditionalAccessPolicies);
        Assert.Equal("MFA required at every sign-in by security defaults, per-user MFA (enforced) and policy 'CA001'.", v.Reason);
    }

    [Fact]
    public void The_reason_names_the_first_policy_and_counts_the_others_which_are_all_listed()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA002")).Policy(RequireMfa("CA001")).Policy(RequireMfa("CA003")).Verdict("ann");
        Assert.Equal(new[] { "CA001", "CA002", "CA003" }, v.ConditionalAccessPolicies);
        Assert.Equal("MFA required at every sign-in by policy 'CA001' (and 2 more).", v.Reason);
    }

    // ------------------------------------------------------------ mechanism 3: which policies count

    [Fact]
    public void An_enabled_policy_for_all_users_all_apps_all_clients_covers_always()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA001")).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.Equal(new[] { MfaConstants.ConditionalAccess }, v.EnforcedBy);
        Assert.Equal(new[] { "CA001" }, v.ConditionalAccessPolicies);
    }

    [Fact]
    public void Report_only_policies_are_listed_and_never_count()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Pilot", p => p.State = "enabledForReportingButNotEnforced")).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.EnforcedBy);
        Assert.Equal(new[] { "Pilot" }, v.ReportOnlyPolicies);
        Assert.Contains("Report-only policy 'Pilot'", v.Reason);
    }

    [Fact]
    public void Disabled_policies_are_ignored_entirely()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Old", p => p.State = "disabled")).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.ReportOnlyPolicies);
        Assert.Empty(v.ConditionalPolicies);
    }

    [Fact]
    public void Authentication_strength_and_custom_factors_ask_for_mfa()
    {
        var strength = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Phishing resistant", p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = Strength("Phishing-resistant MFA", "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"); })).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, strength.Status);
        var custom = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Duo", p => { p.BuiltInControls = Array.Empty<string>(); p.CustomAuthenticationFactors = new[] { "Duo-MFA" }; })).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, custom.Status);
    }

    [Theory]
    [InlineData("block")]
    [InlineData("block,mfa")]
    [InlineData("compliantDevice")]
    [InlineData("passwordChange")]
    public void Policies_that_block_or_do_not_ask_for_mfa_are_not_mfa_policies(string controls)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("P", p => p.BuiltInControls = controls.Split(','))).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.ConditionalPolicies);
        Assert.Empty(v.ConditionalAccessPolicies);
    }

    [Fact]
    public void User_actions_and_authentication_contexts_are_not_sign_in_mfa()
    {
        var actions = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Register", p => { p.IncludeApplications = Array.Empty<string>(); p.IncludeUserActions = new[] { "urn:user:registersecurityinfo" }; })).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, actions.Status);
        var context = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Sensitive", p => { p.IncludeApplications = Array.Empty<string>(); p.IncludeAuthenticationContextClassReferences = new[] { "c1" }; })).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, context.Status);
    }

    [Fact]
    public void A_policy_for_no_application_covers_nobody()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("None", p => p.IncludeApplications = new[] { "None" })).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
    }

    // ------------------------------------------------------------ inclusion

    [Fact]
    public void Included_by_user_id_and_not_by_someone_elses()
    {
        var data = new MfaTenantBuilder().User("ann").User("bob").Policy(RequireMfa("Ann only", p => p.IncludeUsers = new[] { "ann" }));
        Assert.Equal(MfaStatus.Compliant, data.Verdict("ann").Status);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("bob").Status);
    }

    [Fact]
    public void IncludeUsers_None_includes_nobody()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Nobody", p => p.IncludeUsers = new[] { "None" })).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
    }

    [Theory]
    [InlineData("Guest", true, "b2bCollaborationGuest")]
    [InlineData("Member", true, "b2bCollaborationMember")]
    [InlineData("Guest", false, "internalGuest")]
    public void External_types_follow_the_upn_and_user_type(string userType, bool external, string expected)
    {
        var user = new MfaUser("x", external ? "x_fabrikam.com#EXT#@contoso.onmicrosoft.com" : "x@contoso.com", "x", userType);
        Assert.Equal(expected, MfaEvaluator.ExternalUserType(user));
        Assert.Null(MfaEvaluator.ExternalUserType(new MfaUser("m", "m@contoso.com", "m", "Member")));
    }

    [Theory]
    [InlineData("Guest", true)]
    [InlineData("Member", true)]
    [InlineData("Guest", false)]
    public void GuestsOrExternalUsers_in_includeUsers_includes_all_three_external_types(string userType, bool external)
    {
        var data = new MfaTenantBuilder().Guest("x", userType, external).User("member")
            .Policy(RequireMfa("Guests", p => p.IncludeUsers = new[] { "GuestsOrExternalUsers" }));
        Assert.Equal(MfaStatus.Compliant, data.Verdict("x").Status);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("member").Status);
    }

    [Fact]
    public void IncludeGuestsOrExternalUsers_includes_only_the_named_external_types()
    {
        var data = new MfaTenantBuilder()
            .Guest("b2bguest", "Guest", external: true)
            .Guest("b2bmember", "Member", external: true)
            .Guest("internal", "Guest", external: false)
            .Policy(RequireMfa("B2B guests", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeGuestOrExternalUserTypes = new[] { "b2bCollaborationGuest", "serviceProvider" }; }));
        Assert.Equal(MfaStatus.Compliant, data.Verdict("b2bguest").Status);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("b2bmember").Status);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("internal").Status);
    }

    [Fact]
    public void Group_inclusion_uses_transitive_membership()
    {
        var data = new MfaTenantBuilder().User("ann").User("deep").User("out")
            .Group("g-all", "All staff", "ann", "deep")
            .Policy(RequireMfa("Staff", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeGroups = new[] { "g-all" }; }));
        Assert.Equal(MfaStatus.Compliant, data.Verdict("deep").Status);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("out").Status);
    }

    [Fact]
    public void Role_inclusion_counts_active_roles_direct_or_through_a_role_assignable_group_but_not_eligible_ones()
    {
        var data = new MfaTenantBuilder().User("direct").User("viagroup").User("eligible")
            .Role("direct", GlobalAdministrator)
            .Group("g-admins", "Tier 0 admins", "viagroup").Role("g-admins", GlobalAdministrator)
            .Role("eligible", GlobalAdministrator, eligible: true)
            .Policy(RequireMfa("Admins", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeRoles = new[] { GlobalAdministrator }; }));
        Assert.Equal(MfaStatus.Compliant, data.Verdict("direct").Status);
        Assert.Equal(MfaStatus.Compliant, data.Verdict("viagroup").Status);
        var eligible = data.Verdict("eligible");
        Assert.Equal(MfaStatus.NotCompliant, eligible.Status);
        Assert.True(eligible.IsAdmin);
    }

    // ------------------------------------------------------------ exclusion

    [Fact]
    public void Exclusion_by_user_id_wins_and_is_named()
    {
        var v = new MfaTenantBuilder().User("breakglass").Policy(RequireMfa("All users", p => p.ExcludeUsers = new[] { "breakglass" })).Verdict("breakglass");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Equal(new[] { "All users (user)" }, v.ExcludedFrom);
        Assert.Contains("Excluded from 'All users' (user).", v.Reason);
    }

    [Fact]
    public void Exclusion_by_group_names_the_group_even_when_included_by_role()
    {
        var v = new MfaTenantBuilder().User("ann").Role("ann", GlobalAdministrator).Group("g-x", "MFA exclusions", "ann")
            .Policy(RequireMfa("Admins", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeRoles = new[] { GlobalAdministrator }; p.ExcludeGroups = new[] { "g-x" }; }))
            .Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Equal(new[] { "Admins (group MFA exclusions)" }, v.ExcludedFrom);
    }

    [Fact]
    public void Exclusion_by_active_role_names_the_role_and_an_eligible_role_does_not_exclude()
    {
        var data = new MfaTenantBuilder().User("active").User("eligible")
            .Role("active", SecurityAdministrator).Role("eligible", SecurityAdministrator, eligible: true)
            .Policy(RequireMfa("All users", p => p.ExcludeRoles = new[] { SecurityAdministrator }));
        var active = data.Verdict("active");
        Assert.Equal(MfaStatus.NotCompliant, active.Status);
        Assert.Equal(new[] { "All users (role Security Administrator)" }, active.ExcludedFrom);
        Assert.Equal(MfaStatus.Compliant, data.Verdict("eligible").Status);
    }

    [Theory]
    [InlineData("Guest", true)]
    [InlineData("Member", true)]
    [InlineData("Guest", false)]
    public void Exclusion_of_GuestsOrExternalUsers_removes_each_external_type(string userType, bool external)
    {
        var data = new MfaTenantBuilder().Guest("x", userType, external).User("member")
            .Policy(RequireMfa("Members", p => p.ExcludeUsers = new[] { "GuestsOrExternalUsers" }));
        var v = data.Verdict("x");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Equal(new[] { "Members (guests or external users)" }, v.ExcludedFrom);
        Assert.Equal(MfaStatus.Compliant, data.Verdict("member").Status);
    }

    [Fact]
    public void Exclusion_by_guest_type_removes_only_that_type()
    {
        var data = new MfaTenantBuilder().Guest("b2bguest", "Guest", true).Guest("internal", "Guest", false)
            .Policy(RequireMfa("All users", p => p.ExcludeGuestOrExternalUserTypes = new[] { "internalGuest" }));
        Assert.Equal(new[] { "All users (guest type internalGuest)" }, data.Verdict("internal").ExcludedFrom);
        Assert.Equal(MfaStatus.NotCompliant, data.Verdict("internal").Status);
        Assert.Equal(MfaStatus.Compliant, data.Verdict("b2bguest").Status);
    }

    [Fact]
    public void Several_exclusion_reasons_of_one_policy_are_all_given()
    {
        var v = new MfaTenantBuilder().User("ann").Group("g-x", "Exempt", "ann")
            .Policy(RequireMfa("All users", p => { p.ExcludeUsers = new[] { "ann" }; p.ExcludeGroups = new[] { "g-x" }; })).Verdict("ann");
        Assert.Equal(new[] { "All users (user; group Exempt)" }, v.ExcludedFrom);
    }

    [Fact]
    public void Exclusion_from_one_policy_does_not_undo_another_that_covers_always()
    {
        var v = new MfaTenantBuilder().User("ann")
            .Policy(RequireMfa("A", p => p.ExcludeUsers = new[] { "ann" }))
            .Policy(RequireMfa("B"))
            .Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.Equal(new[] { "B" }, v.ConditionalAccessPolicies);
        Assert.Equal(new[] { "A (user)" }, v.ExcludedFrom);
    }

    // ------------------------------------------------------------ narrowing conditions

    public static TheoryData<string, Action<CaPolicy>> Narrowings => new()
    {
        { "specific applications: Office 365", p => p.IncludeApplications = new[] { "Office365" } },
        { "excludes applications: Office 365 Exchange Online", p => p.ExcludeApplications = new[] { "00000002-0000-0ff1-ce00-000000000000" } },
        { "client apps: browser", p => p.ClientAppTypes = new[] { "browser" } },
        { "client apps: mobileAppsAndDesktopClients", p => p.ClientAppTypes = new[] { "mobileAppsAndDesktopClients", "other" } },
        { "excludes locations", p => p.Locations = new CaInclusion(new[] { "All" }, new[] { "AllTrusted" }) },
        { "specific locations", p => p.Locations = new CaInclusion(new[] { "AllTrusted" }, Array.Empty<string>()) },
        { "specific platforms", p => p.Platforms = new CaInclusion(new[] { "android", "iOS" }, Array.Empty<string>()) },
        { "excludes platforms", p => p.Platforms = new CaInclusion(new[] { "all" }, new[] { "windows" }) },
        { "risk-based (sign-in risk)", p => p.SignInRiskLevels = new[] { "high", "medium" } },
        { "risk-based (user risk)", p => p.UserRiskLevels = new[] { "high" } },
        { "risk-based (service principal risk)", p => p.ServicePrincipalRiskLevels = new[] { "high" } },
        { "risk-based (insider risk)", p => p.InsiderRiskLevels = "elevated" },
        { "device filter", p => p.DeviceFilter = new CaFilter("exclude", "device.isCompliant -eq True") },
        { "authentication flows: deviceCodeFlow", p => p.AuthenticationFlows = "deviceCodeFlow" },
        { "alternative grant: compliantDevice", p => p.BuiltInControls = new[] { "mfa", "compliantDevice" } },
        { "alternative grant: domainJoinedDevice, approvedApplication", p => p.BuiltInControls = new[] { "mfa", "domainJoinedDevice", "approvedApplication" } },
        { "alternative grant: compliantApplication", p => p.BuiltInControls = new[] { "compliantApplication", "mfa" } },
        { "alternative grant: terms of use", p => p.TermsOfUse = new[] { "tou-1" } },
        { "alternative grant: passwordChange", p => p.BuiltInControls = new[] { "mfa", "passwordChange" } },
    };

    [Theory]
    [MemberData(nameof(Narrowings))]
    public void A_narrowed_policy_covers_conditionally_and_says_what_narrows_it(string narrowing, Action<CaPolicy> change)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA", change)).Verdict("ann");
        Assert.Equal(MfaStatus.Partial, v.Status);
        Assert.Empty(v.EnforcedBy);
        Assert.Empty(v.ConditionalAccessPolicies);
        Assert.Equal(new[] { $"CA ({narrowing})" }, v.ConditionalPolicies);
        Assert.StartsWith("MFA required only under conditions: 'CA' (" + narrowing + ").", v.Reason);
    }

    public static TheoryData<string, Action<CaPolicy>> NotNarrowing => new()
    {
        { "browser and mobile apps", p => p.ClientAppTypes = new[] { "browser", "mobileAppsAndDesktopClients" } },
        { "all locations, nothing excluded", p => p.Locations = new CaInclusion(new[] { "All" }, Array.Empty<string>()) },
        { "all platforms, nothing excluded", p => p.Platforms = new CaInclusion(new[] { "all" }, Array.Empty<string>()) },
        { "AND with a compliant device", p => { p.GrantOperator = "AND"; p.BuiltInControls = new[] { "mfa", "compliantDevice" }; } },
        { "empty risk lists", p => { p.SignInRiskLevels = Array.Empty<string>(); p.UserRiskLevels = Array.Empty<string>(); } },
        { "mfa and authentication strength", p => p.AuthenticationStrength = Strength("Multifactor authentication", "password,sms", "fido2") },
    };

    [Theory]
    [MemberData(nameof(NotNarrowing))]
    public void What_does_not_narrow_a_policy_leaves_it_covering_always(string _, Action<CaPolicy> change)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA", change)).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.Equal(new[] { "CA" }, v.ConditionalAccessPolicies);
    }

    [Fact]
    public void A_policy_for_legacy_clients_only_cannot_prompt_and_covers_nobody()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Legacy", p => p.ClientAppTypes = new[] { "exchangeActiveSync", "other" })).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.ConditionalPolicies);
    }

    [Fact]
    public void Several_narrowings_are_all_named_and_a_policy_covering_always_wins_over_a_conditional_one()
    {
        var partial = new MfaTenantBuilder().User("ann")
            .Policy(RequireMfa("Risky", p => { p.SignInRiskLevels = new[] { "high" }; p.Locations = new CaInclusion(new[] { "All" }, new[] { "office" }); }))
            .Verdict("ann");
        Assert.Equal(new[] { "Risky (excludes locations; risk-based (sign-in risk))" }, partial.ConditionalPolicies);

        var both = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Risky", p => p.SignInRiskLevels = new[] { "high" })).Policy(RequireMfa("Everyone")).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, both.Status);
        Assert.Equal(new[] { "Everyone" }, both.ConditionalAccessPolicies);
        Assert.Equal(new[] { "Risky (risk-based (sign-in risk))" }, both.ConditionalPolicies);
    }

    [Fact]
    public void A_report_only_policy_beside_a_conditional_one_keeps_the_verdict_partial()
    {
        var v = new MfaTenantBuilder().User("ann")
            .Policy(RequireMfa("Office only", p => p.IncludeApplications = new[] { "Office365" }))
            .Policy(RequireMfa("All apps (pilot)", p => p.State = "enabledForReportingButNotEnforced"))
            .Verdict("ann");
        Assert.Equal(MfaStatus.Partial, v.Status);
        Assert.Equal(new[] { "All apps (pilot)" }, v.ReportOnlyPolicies);
    }

    // ------------------------------------------------------------ registration, admins

    [Fact]
    public void A_covered_user_who_has_not_registered_is_still_compliant_and_told_to_register()
    {
        var v = new MfaTenantBuilder().User("newhire", registered: false).SecurityDefaults().Verdict("newhire");
        Assert.Equal(MfaStatus.Compliant, v.Status);
        Assert.False(v.IsMfaRegistered);
        Assert.False(v.IsMfaCapable);
        Assert.Empty(v.MethodsRegistered!);
        Assert.Contains("will be asked to register at next sign-in", v.Reason);
    }

    [Fact]
    public void Registration_is_reported_beside_the_verdict_and_is_null_when_the_report_is_unreadable()
    {
        var registered = new MfaTenantBuilder().User("ann").Verdict("ann");
        Assert.True(registered.IsMfaRegistered);
        Assert.Equal(new[] { "microsoftAuthenticatorPush" }, registered.MethodsRegistered);
        Assert.Equal(MfaStatus.NotCompliant, registered.Status);

        var unknown = new MfaTenantBuilder().User("ann").SecurityDefaults().WithoutRegistrationReport().Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, unknown.Status);
        Assert.Null(unknown.IsMfaRegistered);
        Assert.Null(unknown.IsMfaCapable);
        Assert.Null(unknown.MethodsRegistered);
        Assert.Null(unknown.MethodsRegistered?.ToString());
        Assert.DoesNotContain("register", unknown.Reason);
    }

    [Fact]
    public void Admin_roles_come_from_active_and_eligible_roles_direct_or_through_groups()
    {
        var data = new MfaTenantBuilder().User("ga").User("viagroup").User("pim").User("plain")
            .Role("ga", GlobalAdministrator).Role("ga", SecurityAdministrator, eligible: true).Role("ga", GlobalAdministrator, eligible: true)
            .Group("g-sec", "Security team", "viagroup").Role("g-sec", SecurityAdministrator)
            .Role("pim", GlobalAdministrator, eligible: true);
        var ga = data.Verdict("ga");
        Assert.True(ga.IsAdmin);
        Assert.Equal(new[] { "Global Administrator", "Security Administrator (eligible)" }, ga.AdminRoles);
        Assert.Equal("Global Administrator; Security Administrator (eligible)", ga.AdminRoles.ToString());
        Assert.Equal(new[] { "Security Administrator" }, data.Verdict("viagroup").AdminRoles);
        Assert.Equal(new[] { "Global Administrator (eligible)" }, data.Verdict("pim").AdminRoles);
        Assert.False(data.Verdict("plain").IsAdmin);
        Assert.Empty(data.Verdict("plain").AdminRoles);
    }

    // ------------------------------------------------------------ per-user MFA: who needs a read

    [Fact]
    public void Per_user_state_is_needed_only_where_it_can_still_change_the_verdict()
    {
        var data = new MfaTenantBuilder()
            .User("covered").User("excluded").User("partial").User("sync").User("gone", enabled: false)
            .Role("sync", DirectorySync)
            .Group("g-partial", "Partial", "partial")
            .Policy(RequireMfa("All users", p => p.ExcludeUsers = new[] { "excluded", "partial" }))
            .Policy(RequireMfa("Office", p => { p.IncludeUsers = new[] { "partial" }; p.IncludeApplications = new[] { "Office365" }; }))
            .Build();
        Assert.Equal(new[] { "excluded", "partial" }, MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.WhereVerdictDepends).Select(u => u.Id));

        data.SecurityDefaultsEnabled = true;
        data.Policies = Array.Empty<CaPolicy>();
        Assert.Equal(new[] { "sync" }, MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.WhereVerdictDepends).Select(u => u.Id));
        Assert.Equal(new[] { "covered", "excluded", "partial", "sync" }, MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.WhereVerdictDependsWithoutSecurityDefaults).Select(u => u.Id));
        Assert.Equal(4, MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.AllEnabledUsers).Count);
        Assert.Equal(new[] { "sync" }, MfaEvaluator.UsersNeedingPerUserState(data, PerUserMfaNeed.AllEnabledUsers, u => u.Id == "sync").Select(u => u.Id));
    }

    [Fact]
    public void Verdicts_come_sorted_by_upn_with_the_tenant_named()
    {
        var verdicts = MfaEvaluator.Evaluate(new MfaTenantBuilder().User("zed").User("Amy").User("bob").Build());
        Assert.Equal(new[] { "Amy@contoso.com", "bob@contoso.com", "zed@contoso.com" }, verdicts.Select(v => v.UserPrincipalName));
        Assert.All(verdicts, v => Assert.Equal("Contoso", v.TenantName));
    }

    // ------------------------------------------------------------ Graph's JSON, verbatim

    [Fact]
    public void A_graph_conditional_access_policy_is_read_verbatim()
    {
        const string json = """
        {
          "id": "2b31ac51-b855-40a5-a986-0a4ed23e9008", "displayName": "CA001: Require MFA for administrators", "state": "enabled",
          "conditions": {
            "userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": ["all"], "servicePrincipalRiskLevels": [],
            "insiderRiskLevels": null, "platforms": null, "locations": { "includeLocations": ["All"], "excludeLocations": ["AllTrusted"] },
            "devices": null, "clientApplications": null, "authenticationFlows": null,
            "applications": { "includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [], "includeAuthenticationContextClassReferences": [], "applicationFilter": null },
            "users": {
              "includeUsers": [], "excludeUsers": ["7b368f5d-0186-4650-9d50-3559567906f0"], "includeGroups": [], "excludeGroups": [],
              "includeRoles": ["62e90394-69f5-4237-9190-012177145e10"], "excludeRoles": [],
              "includeGuestsOrExternalUsers": null,
              "excludeGuestsOrExternalUsers": { "guestOrExternalUserTypes": "internalGuest,b2bCollaborationGuest", "externalTenants": { "@odata.type": "#microsoft.graph.conditionalAccessAllExternalTenants", "membershipKind": "all" } }
            }
          },
          "grantControls": { "operator": "OR", "builtInControls": [], "customAuthenticationFactors": [], "termsOfUse": [],
            "authenticationStrength@odata.context": "x", "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004", "displayName": "Phishing-resistant MFA" } }
        }
        """;
        var policy = CaPolicy.FromJson(JsonDocument.Parse(json).RootElement);
        Assert.Equal("CA001: Require MFA for administrators", policy.DisplayName);
        Assert.Equal(new[] { "62e90394-69f5-4237-9190-012177145e10" }, policy.IncludeRoles);
        Assert.Null(policy.IncludeGuestOrExternalUserTypes);
        Assert.Equal(new[] { "internalGuest", "b2bCollaborationGuest" }, policy.ExcludeGuestOrExternalUserTypes);
        Assert.Equal("Phishing-resistant MFA", policy.AuthenticationStrength!.DisplayName);
        Assert.Null(policy.AuthenticationStrength.AllowedCombinations);
        Assert.Null(policy.Platforms);
        Assert.False(policy.HasDeviceFilter);
        var shape = MfaEvaluator.Shape(policy);
        Assert.True(shape.IsSignInMfa);
        Assert.Equal(new[] { "excludes locations" }, shape.Narrowing);
    }
}
