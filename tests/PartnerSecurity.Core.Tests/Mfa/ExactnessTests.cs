using PartnerSecurity.Mfa;
using static PartnerSecurity.Tests.Mfa.MfaTenantBuilder;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>
/// Where Entra's targeting is subtler than "included and not excluded" (docs/mfa-coverage-rules.md: "Roles",
/// "Conditions", "Authentication strengths", "Policies that can never require MFA"), and how verdicts name it.
/// </summary>
public class ExactnessTests
{
    private const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    private const string AdministrativeUnit = "/administrativeUnits/0b2c9a51-0000-4000-8000-00000000d0b1";

    private static CaPolicy AdminPolicy(Action<CaPolicy>? change = null) => RequireMfa("Admins", p =>
    {
        p.IncludeUsers = Array.Empty<string>();
        p.IncludeRoles = new[] { GlobalAdministrator, SecurityAdministrator };
        change?.Invoke(p);
    });

    // ------------------------------------------------------------ roles in a scope

    [Fact]
    public void A_role_scoped_to_an_administrative_unit_is_not_targeted_but_still_makes_an_admin_with_its_scope()
    {
        var b = new MfaTenantBuilder().User("au").User("tenant").User("object")
            .Role("au", SecurityAdministrator, scope: AdministrativeUnit)
            .Role("tenant", SecurityAdministrator)
            .Role("object", GlobalAdministrator, scope: "/5f9c1c2e-0000-4000-8000-000000000001")
            .Policy(AdminPolicy());
        var au = b.Verdict("au");
        Assert.Equal(MfaStatus.NotCompliant, au.Status);
        Assert.True(au.IsAdmin);
        Assert.Equal(new[] { "Security Administrator (administrative unit 0b2c9a51-0000-4000-8000-00000000d0b1)" }, au.AdminRoles);
        Assert.Contains("'Admins' includes Security Administrator, which the user holds only in a limited scope: conditional access does not target scoped role assignments.", au.Reason);
        Assert.Equal(MfaStatus.Compliant, b.Verdict("tenant").Status);
        Assert.Equal(new[] { "Security Administrator" }, b.Verdict("tenant").AdminRoles);
        var obj = b.Verdict("object");
        Assert.Equal(MfaStatus.NotCompliant, obj.Status);
        Assert.Equal(new[] { "Global Administrator (object 5f9c1c2e-0000-4000-8000-000000000001)" }, obj.AdminRoles);
    }

    [Fact]
    public void A_scoped_role_does_not_exclude_and_a_tenant_wide_one_beside_it_still_counts()
    {
        var b = new MfaTenantBuilder().User("both").User("scopedOnly")
            .Role("both", SecurityAdministrator, scope: AdministrativeUnit).Role("both", SecurityAdministrator)
            .Role("scopedOnly", SecurityAdministrator, scope: AdministrativeUnit)
            .Policy(RequireMfa("All but security admins", p => p.ExcludeRoles = new[] { SecurityAdministrator }));
        Assert.Equal(MfaStatus.NotCompliant, b.Verdict("both").Status);
        Assert.Equal(new[] { "Security Administrator" }, b.Verdict("both").AdminRoles);
        Assert.Equal(MfaStatus.Compliant, b.Verdict("scopedOnly").Status);
    }

    [Fact]
    public void A_scoped_role_held_through_a_role_assignable_group_is_not_targeted_either()
    {
        var b = new MfaTenantBuilder().User("member").Group("g-helpdesk", "Dublin helpdesk", "member")
            .Role("g-helpdesk", SecurityAdministrator, scope: AdministrativeUnit).Policy(AdminPolicy());
        Assert.Equal(MfaStatus.NotCompliant, b.Verdict("member").Status);
        Assert.True(b.Verdict("member").IsAdmin);
    }

    [Fact]
    public void An_eligible_scoped_role_shows_both()
    {
        var v = new MfaTenantBuilder().User("pim").Role("pim", SecurityAdministrator, eligible: true, scope: AdministrativeUnit).Verdict("pim");
        Assert.Equal(new[] { "Security Administrator (eligible, administrative unit 0b2c9a51-0000-4000-8000-00000000d0b1)" }, v.AdminRoles);
    }

    // ------------------------------------------------------------ policies that can never require MFA

    public static TheoryData<string, Action<CaPolicy>> NeverMfa => new()
    {
        { "applies to no application (includeApplications: None)", p => p.IncludeApplications = new[] { "None" } },
        { "applies only to legacy authentication clients, which cannot be prompted for MFA", p => p.ClientAppTypes = new[] { "exchangeActiveSync", "other" } },
        { "applies to workload identities (conditions.clientApplications), not users", p => p.TargetsWorkloadIdentities = true },
        { "requires authentication strength 'Passwords', which allows only single-factor sign-in (password; sms)",
            p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = Strength("Passwords", "password", "sms"); } },
    };

    [Theory]
    [MemberData(nameof(NeverMfa))]
    public void A_policy_that_can_never_require_mfa_covers_nobody_and_is_named(string why, Action<CaPolicy> change)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Never", change)).Verdict("ann");
        Assert.Equal(MfaStatus.NotCompliant, v.Status);
        Assert.Empty(v.ConditionalPolicies);
        Assert.Equal(new[] { $"Never ({why})" }, v.IneffectivePolicies);
        if (why.StartsWith("applies only to legacy", StringComparison.Ordinal)) Assert.DoesNotContain("'Never'", v.Reason);
        else Assert.Contains($"'Never' names the user but can never require MFA: it {why}.", v.Reason);
    }

    [Fact]
    public void A_policy_that_can_never_require_mfa_is_not_named_for_users_it_excludes_or_when_disabled()
    {
        var b = new MfaTenantBuilder().User("ann").User("bob")
            .Policy(RequireMfa("None apps", p => { p.IncludeApplications = new[] { "None" }; p.ExcludeUsers = new[] { "bob" }; }))
            .Policy(RequireMfa("Off", p => { p.IncludeApplications = new[] { "None" }; p.State = "disabled"; }));
        Assert.Equal(new[] { "None apps (applies to no application (includeApplications: None))" }, b.Verdict("ann").IneffectivePolicies);
        Assert.Empty(b.Verdict("bob").IneffectivePolicies);
    }

    // ------------------------------------------------------------ conditions

    public static TheoryData<string, Action<CaPolicy>> Narrowings => new()
    {
        { "application filter (exclude CustomSecurityAttribute.Tier -eq \"Low\")", p => p.ApplicationFilter = new CaFilter("exclude", "CustomSecurityAttribute.Tier -eq \"Low\"") },
        { "application filter (include CustomSecurityAttribute.Tier -eq \"High\")", p => p.ApplicationFilter = new CaFilter("include", "CustomSecurityAttribute.Tier -eq \"High\"") },
        { "device state: excludes Compliant, DomainJoined", p => p.DeviceStates = new CaInclusion(new[] { "All" }, new[] { "Compliant", "DomainJoined" }) },
        { "device state: only Compliant", p => p.DeviceStates = new CaInclusion(new[] { "Compliant" }, Array.Empty<string>()) },
        { "risk-based (agent identity risk)", p => p.AgentIdRiskLevels = new[] { "high" } },
        { "unknown condition: conditions.networkAccess", p => p.UnknownConditions = new[] { "conditions.networkAccess" } },
        { "excludes applications: Microsoft Intune Enrollment", p => p.ExcludeApplications = new[] { "d4ebce55-015a-49b5-a083-c84d1797ae8c" } },
        { "specific applications: Microsoft Admin Portals, Azure Portal", p => p.IncludeApplications = new[] { "MicrosoftAdminPortals", "c44b4083-3bb0-49c1-b47d-974e53cbdf3c" } },
        { "authentication strength 'Mixed' allows single-factor sign-in (password)", p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = Strength("Mixed", "fido2", "password", "password,sms"); } },
        { "authentication strength 'Custom MFA': allowed combinations unknown", p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = new CaAuthenticationStrength("custom-1", "Custom MFA", null); } },
    };

    [Theory]
    [MemberData(nameof(Narrowings))]
    public void Every_condition_shape_narrows_to_partial_and_is_named(string narrowing, Action<CaPolicy> change)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA", change)).Verdict("ann");
        Assert.Equal(MfaStatus.Partial, v.Status);
        Assert.Equal(new[] { $"CA ({narrowing})" }, v.ConditionalPolicies);
    }

    public static TheoryData<string, Action<CaPolicy>> NotNarrowing => new()
    {
        { "device states all, nothing excluded", p => p.DeviceStates = new CaInclusion(new[] { "All" }, Array.Empty<string>()) },
        { "strength with only multifactor combinations", p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = Strength("Strong", "fido2", "password,microsoftAuthenticatorPush", "temporaryAccessPassOneTime", "windowsHelloForBusiness"); } },
        { "built-in strength known by its id", p => { p.BuiltInControls = Array.Empty<string>(); p.AuthenticationStrength = new CaAuthenticationStrength("00000000-0000-0000-0000-000000000002", null, null); } },
    };

    [Theory]
    [MemberData(nameof(NotNarrowing))]
    public void What_does_not_narrow_leaves_the_policy_covering_always(string _, Action<CaPolicy> change)
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA", change)).Verdict("ann");
        Assert.Equal(MfaStatus.Compliant, v.Status);
    }

    [Fact]
    public void The_strength_that_covers_is_named_in_the_reason()
    {
        var v = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Phishing-resistant", p =>
        {
            p.BuiltInControls = Array.Empty<string>();
            p.AuthenticationStrength = new CaAuthenticationStrength("00000000-0000-0000-0000-000000000004", null, null);
        })).Verdict("ann");
        Assert.Equal("MFA required at every sign-in by policy 'Phishing-resistant' with authentication strength 'Phishing-resistant MFA'.", v.Reason);
    }

    [Theory]
    [InlineData("password,sms", true)]
    [InlineData("fido2", true)]
    [InlineData("x509CertificateMultiFactor", true)]
    [InlineData("federatedSingleFactor,microsoftAuthenticatorPush", true)]
    [InlineData("password", false)]
    [InlineData("sms", false)]
    [InlineData("microsoftAuthenticatorPush", false)]
    [InlineData("x509CertificateSingleFactor", false)]
    [InlineData("qrCodePin", false)]
    public void A_combination_is_multifactor_with_two_methods_or_one_that_is_by_itself(string combination, bool multifactor) =>
        Assert.Equal(multifactor, AuthenticationStrengths.IsMultifactor(combination));

    [Fact]
    public void Applications_are_named_with_the_tenants_service_principals_and_unknown_ids_stay_ids()
    {
        var data = new MfaTenantBuilder().User("ann")
            .Policy(RequireMfa("CA", p => p.ExcludeApplications = new[] { "11111111-2222-3333-4444-555555555555", "99999999-0000-0000-0000-000000000000" }))
            .Build();
        data.ServicePrincipalNames = new Dictionary<string, string> { ["11111111-2222-3333-4444-555555555555"] = "Contoso Timesheets" };
        var v = MfaEvaluator.Evaluate(data).Single();
        Assert.Equal(new[] { "CA (excludes applications: Contoso Timesheets, 99999999-0000-0000-0000-000000000000)" }, v.ConditionalPolicies);
    }

    [Fact]
    public void Guests_of_only_some_external_tenants_make_a_policy_conditional_for_guests_and_an_exclusion_uncertain()
    {
        var b = new MfaTenantBuilder().Guest("visitor").User("staff")
            .Policy(RequireMfa("Partners' guests", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeGuestOrExternalUserTypes = new[] { MfaConstants.B2bCollaborationGuest }; p.IncludeSomeExternalTenants = true; }));
        Assert.Equal(new[] { "Partners' guests (only guests of some external tenants)" }, b.Verdict("visitor").ConditionalPolicies);
        Assert.Equal(MfaStatus.NotCompliant, b.Verdict("staff").Status);

        var excluded = new MfaTenantBuilder().Guest("visitor")
            .Policy(RequireMfa("All", p => { p.ExcludeGuestOrExternalUserTypes = new[] { MfaConstants.B2bCollaborationGuest }; p.ExcludeSomeExternalTenants = true; }))
            .Verdict("visitor");
        Assert.Equal(MfaStatus.Partial, excluded.Status);
        Assert.Empty(excluded.ExcludedFrom);
        Assert.Equal(new[] { "All (excludes guests of some external tenants)" }, excluded.ConditionalPolicies);
    }
}
