using PartnerSecurity.Mfa;
using static PartnerSecurity.Tests.Mfa.MfaTenantBuilder;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>The remedy of Partial and NotCompliant verdicts (docs/mfa-coverage-rules.md, "Remedy").</summary>
public class RemedyTests
{
    [Fact]
    public void Covered_and_out_of_scope_users_get_no_remedy()
    {
        var b = new MfaTenantBuilder().User("ann").User("gone", enabled: false).User("sync").Role("sync", DirectorySync)
            .Policy(RequireMfa("All")).SecurityDefaults();
        Assert.Null(b.Verdict("ann").Remedy);
        Assert.Null(b.Verdict("gone").Remedy);
        Assert.Null(b.Verdict("sync").Remedy);
    }

    [Fact]
    public void An_exclusion_group_is_left_before_a_report_only_policy_is_enabled()
    {
        var b = new MfaTenantBuilder().User("ann").Group("g-ex", "Exceptions", "ann")
            .Policy(RequireMfa("Baseline", p => p.ExcludeGroups = new[] { "g-ex" }))
            .Policy(RequireMfa("Pilot", p => p.State = "enabledForReportingButNotEnforced"));
        Assert.Equal("Take the user out of group 'Exceptions' ('Baseline' excludes it).", b.Verdict("ann").Remedy);
    }

    [Fact]
    public void A_report_only_policy_is_enabled_when_that_is_one_change_against_two()
    {
        var b = new MfaTenantBuilder().User("ann").Group("g-ex", "Exceptions", "ann")
            .Policy(RequireMfa("Baseline", p => { p.ExcludeGroups = new[] { "g-ex" }; p.ExcludeUsers = new[] { "ann" }; }))
            .Policy(RequireMfa("Pilot", p => p.State = "enabledForReportingButNotEnforced"));
        Assert.Equal("Enable report-only policy 'Pilot'.", b.Verdict("ann").Remedy);
    }

    [Fact]
    public void Joining_a_policys_group_and_turning_a_disabled_policy_on_are_candidates_too()
    {
        var join = new MfaTenantBuilder().User("ann").Group("g-staff", "Staff")
            .Policy(RequireMfa("Staff", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeGroups = new[] { "g-staff" }; }));
        Assert.Equal("Add the user to group 'Staff' ('Staff' includes it).", join.Verdict("ann").Remedy);

        var off = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Old", p => p.State = "disabled"));
        Assert.Equal("Turn on policy 'Old' (now disabled).", off.Verdict("ann").Remedy);
    }

    [Fact]
    public void A_partial_user_gets_the_conditions_dropped_when_nothing_else_is_as_small()
    {
        var v = new MfaTenantBuilder().User("ann")
            .Policy(RequireMfa("Off-site", p => p.Locations = new CaInclusion(new[] { "All" }, new[] { "AllTrusted" })))
            .Verdict("ann");
        Assert.Equal("Make 'Off-site' apply without conditions (now: excludes locations).", v.Remedy);
    }

    [Fact]
    public void Policy_level_exclusions_are_named_and_roles_are_never_granted_to_cover_someone()
    {
        var guest = new MfaTenantBuilder().Guest("visitor")
            .Policy(RequireMfa("All", p => p.ExcludeGuestOrExternalUserTypes = new[] { MfaConstants.B2bCollaborationGuest }))
            .Verdict("visitor");
        Assert.Equal("Remove guest type b2bCollaborationGuest from the guest types 'All' excludes.", guest.Remedy);

        var admin = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Admins", p => { p.IncludeUsers = Array.Empty<string>(); p.IncludeRoles = new[] { GlobalAdministrator }; })).Verdict("ann");
        Assert.StartsWith("Add the user to a conditional access policy that requires MFA for all resources", admin.Remedy);
    }

    [Fact]
    public void Without_conditional_access_security_defaults_are_the_remedy_and_registration_is_reminded()
    {
        var v = new MfaTenantBuilder().User("ann", registered: false).Verdict("ann");
        Assert.Equal("Turn on security defaults (Enable-PartnerSecurityDefaults), or enforce per-user MFA for the user (Set-PartnerUserMfaState -State Enforced). The user must then register an MFA method (they are asked at next sign-in).", v.Remedy);
    }

    [Fact]
    public void A_directory_synchronization_account_is_advised_to_stay_excluded()
    {
        var v = new MfaTenantBuilder().User("sync").Role("sync", DirectorySync)
            .Policy(RequireMfa("All", p => p.ExcludeRoles = new[] { DirectorySync })).Verdict("sync");
        Assert.StartsWith("None advised: a directory synchronization account cannot complete MFA.", v.Remedy);
    }

    [Fact]
    public void Every_remedy_covers_the_user_when_applied()
    {
        // The first candidate's changes, made by hand, give Compliant: the remedy follows the rules that drew the verdict.
        var b = new MfaTenantBuilder().User("ann").User("bob").Group("g-ex", "Exceptions", "ann")
            .Policy(RequireMfa("Baseline", p => { p.ExcludeGroups = new[] { "g-ex" }; p.ExcludeUsers = new[] { "bob" }; }));
        var data = b.Build();
        Assert.Equal("Take the user out of group 'Exceptions' ('Baseline' excludes it).", b.Verdict("ann").Remedy);
        Assert.Equal("Remove the user from the users 'Baseline' excludes.", b.Verdict("bob").Remedy);
        data.Groups = new Dictionary<string, MfaGroup> { ["g-ex"] = new MfaGroup("g-ex", "Exceptions", Array.Empty<string>()) };
        data.Policies = new[] { RequireMfa("Baseline", p => p.ExcludeGroups = new[] { "g-ex" }) };
        Assert.All(MfaEvaluator.Evaluate(data), v => Assert.Equal(MfaStatus.Compliant, v.Status));
    }
}
