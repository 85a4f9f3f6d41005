using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityDefaults;
using static PartnerSecurity.Tests.Mfa.MfaTenantBuilder;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>The what-if machinery (docs/mfa-coverage-rules.md, "What-if"): Before and After by the same rules.</summary>
public class WhatIfScenarioTests
{
    private static IReadOnlyList<MfaVerdict> Compare(MfaTenantData data, MfaScenario scenario, List<string> warnings) =>
        MfaWhatIf.Compare(data, scenario, "Contoso (tenant-1)", warnings);

    [Fact]
    public void A_deployed_policy_counts_as_enabled_whatever_its_state_and_before_after_are_set()
    {
        var data = new MfaTenantBuilder().User("ann").User("bg").Build();
        var warnings = new List<string>();
        var verdicts = Compare(data, new MfaScenario { DeployedPolicies = new[] { RequireMfa("Baseline", p => { p.Id = string.Empty; p.State = "disabled"; p.ExcludeUsers = new[] { "bg" }; }) } }, warnings);
        var ann = verdicts.Single(v => v.UserId == "ann");
        Assert.Equal(MfaStatus.NotCompliant, ann.Before);
        Assert.Equal(MfaStatus.Compliant, ann.After);
        Assert.Equal(ann.After, ann.Status);
        var bg = verdicts.Single(v => v.UserId == "bg");
        Assert.Equal(MfaStatus.NotCompliant, bg.After);
        Assert.Equal(new[] { "Baseline (user)" }, bg.ExcludedFrom);
        Assert.Empty(warnings);
        Assert.Empty(data.Policies); // the tenant's own data is untouched
    }

    [Fact]
    public void A_deployed_policy_with_an_existing_id_replaces_it()
    {
        var data = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Office only", p => { p.Id = "p1"; p.IncludeApplications = new[] { "Office365" }; })).Build();
        var after = Compare(data, new MfaScenario { DeployedPolicies = new[] { RequireMfa("All apps", p => p.Id = "p1") } }, new List<string>()).Single();
        Assert.Equal(MfaStatus.Partial, after.Before);
        Assert.Equal(new[] { "All apps" }, after.ConditionalAccessPolicies);
        Assert.Empty(after.ConditionalPolicies);
    }

    [Fact]
    public void Removed_policies_match_name_or_id_and_a_selector_that_matches_nothing_warns()
    {
        var data = new MfaTenantBuilder().User("ann").Policy(RequireMfa("CA001", p => p.Id = "id-1")).Policy(RequireMfa("CA002", p => p.Id = "id-2")).Build();
        var warnings = new List<string>();
        var after = Compare(data, new MfaScenario { RemovedPolicies = new[] { PolicySelector.Exact("ca001"), PolicySelector.Exact("id-2"), PolicySelector.Exact("CA404") } }, warnings).Single();
        Assert.Equal(MfaStatus.Compliant, after.Before);
        Assert.Equal(MfaStatus.NotCompliant, after.After);
        Assert.Equal("Tenant Contoso (tenant-1): -WhatIfRemovePolicy 'CA404' names no conditional access policy; nothing was removed for it.", Assert.Single(warnings));
    }

    [Fact]
    public void Report_only_policies_can_be_enabled()
    {
        var data = new MfaTenantBuilder().User("ann").Policy(RequireMfa("Pilot", p => p.State = "enabledForReportingButNotEnforced")).Build();
        var after = Compare(data, new MfaScenario { EnableReportOnly = true }, new List<string>()).Single();
        Assert.Equal(MfaStatus.NotCompliant, after.Before);
        Assert.Equal(MfaStatus.Compliant, after.After);
        Assert.Empty(after.ReportOnlyPolicies);
    }

    [Fact]
    public void Deploying_a_policy_where_security_defaults_are_on_assumes_them_off_and_says_so()
    {
        var data = new MfaTenantBuilder().User("ann").User("bob").SecurityDefaults().Build();
        var warnings = new List<string>();
        var verdicts = Compare(data, new MfaScenario { DeployedPolicies = new[] { RequireMfa("Only ann", p => p.IncludeUsers = new[] { "ann" }) } }, warnings);
        Assert.Contains("After assumes them off", Assert.Single(warnings));
        Assert.Equal(MfaStatus.Compliant, verdicts.Single(v => v.UserId == "bob").Before);
        Assert.Equal(MfaStatus.NotCompliant, verdicts.Single(v => v.UserId == "bob").After);
        Assert.False(verdicts.Single(v => v.UserId == "ann").SecurityDefaultsEnabled);
    }

    [Fact]
    public void Groups_users_and_roles_the_tenant_lacks_are_warnings_naming_the_policy_and_the_field()
    {
        var data = new MfaTenantBuilder().User("ann").Group("g-known", "Known", "ann").Build();
        var missingUser = "7b368f5d-0186-4650-9d50-3559567906f0";
        var warnings = new List<string>();
        Compare(data, new MfaScenario
        {
            DeployedPolicies = new[] { RequireMfa("Pilot", p =>
            {
                p.IncludeGroups = new[] { "g-known", "g-missing" };
                p.ExcludeUsers = new[] { missingUser };
                p.IncludeRoles = new[] { "00000000-dead-beef-0000-000000000000" };
            }) },
        }, warnings);
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.StartsWith("Tenant Contoso (tenant-1): what-if policy 'Pilot': conditions.users.", w));
        Assert.Contains(warnings, w => w.Contains("includeGroups names group g-missing, which the tenant does not have (it includes nobody)"));
        Assert.Contains(warnings, w => w.Contains($"excludeUsers names user {missingUser}, which the tenant does not have (it excludes nobody)"));
        Assert.Contains(warnings, w => w.Contains("includeRoles names role 00000000-dead-beef-0000-000000000000, which is not a role of the tenant"));
    }

    [Fact]
    public void Security_defaults_coverage_loss_is_the_same_what_if()
    {
        var data = new MfaTenantBuilder().User("ann").User("bob").PerUser("bob", "enforced").SecurityDefaults().Build();
        var loss = CoverageLoss.Compute(data, "T");
        Assert.Equal(new[] { "ann" }, loss.Users.Select(u => u.UserId));
        Assert.Equal(MfaStatus.Compliant, loss.Users[0].Before);
        Assert.Equal(MfaStatus.NotCompliant, loss.Users[0].After);
    }

    [Fact]
    public void Per_user_mfa_coverage_loss_names_only_those_it_alone_covers()
    {
        var data = new MfaTenantBuilder().User("alone").User("also").User("other")
            .PerUser("alone", "enforced").PerUser("also", "enabled").PerUser("other", "enforced")
            .Policy(RequireMfa("Also", p => p.IncludeUsers = new[] { "also" }))
            .Build();
        var loss = CoverageLoss.PerUserMfaDisabled(data, new[] { "alone", "also" }, "Contoso (tenant-1)");
        Assert.Equal(new[] { "alone" }, loss.Users.Select(u => u.UserId));
        Assert.True(loss.Loses("alone"));
        Assert.False(loss.Loses("also"));
        Assert.StartsWith("Disabling per-user MFA in Contoso (tenant-1): 1 enabled user, not an admin, would no longer be covered by MFA: alone@contoso.com.", loss.Details);
        Assert.Contains("Per-user MFA is the only thing that requires MFA of them", loss.Details);
    }
}
