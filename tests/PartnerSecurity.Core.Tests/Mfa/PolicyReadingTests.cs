using System.Text.Json;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>Reading policies as real exports carry them (docs/mfa-coverage-rules.md, "Conditions"): strictly, every shape.</summary>
public class PolicyReadingTests
{
    private static CaPolicy Read(string json) => CaPolicy.FromJson(JsonDocument.Parse(json).RootElement);

    private static string Policy(string conditions, string grant = "\"grantControls\": { \"operator\": \"OR\", \"builtInControls\": [\"mfa\"] }") =>
        "{ \"displayName\": \"P\", \"state\": \"enabled\", \"conditions\": { " + conditions + " }, " + grant + " }";

    private const string AllUsers = "\"users\": { \"includeUsers\": [\"All\"] }, \"applications\": { \"includeApplications\": [\"All\"] }";

    [Theory]
    [InlineData("\"users\": { \"includeUsers\": [\"All\"], \"excludeUsers\": \"breakglass\" }", "conditions.users.excludeUsers must be a list of strings, not a string")]
    [InlineData("\"users\": { \"includeUsers\": [\"All\"], \"excludeGroups\": [42] }", "conditions.users.excludeGroups[0] must be a non-empty string, not a number")]
    [InlineData("\"users\": [\"All\"]", "conditions.users must be an object, not a list")]
    [InlineData(AllUsers + ", \"locations\": { \"includeLocations\": \"All\" }", "conditions.locations.includeLocations must be a list of strings")]
    [InlineData(AllUsers + ", \"applications\": { \"includeApplications\": [\"\"] }", "conditions.applications.includeApplications[0] must be a non-empty string")]
    public void A_field_of_the_wrong_shape_is_an_error_naming_the_policy_and_the_field(string conditions, string expected)
    {
        var ex = Assert.Throws<CaPolicyFormatException>(() => Read(Policy(conditions)));
        Assert.Contains("'P'", ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Graph_powershell_capitalised_names_and_enum_casing_read_the_same()
    {
        var policy = Read("""
        { "DisplayName": "MG", "State": "Enabled", "AdditionalProperties": {},
          "Conditions": { "Users": { "IncludeUsers": ["All"], "ExcludeUsers": ["u1"], "AdditionalProperties": {} },
                          "Applications": { "IncludeApplications": ["All"], "AdditionalProperties": {} }, "ClientAppTypes": ["All"], "Devices": null },
          "GrantControls": { "Operator": "or", "BuiltInControls": ["Mfa"], "AdditionalProperties": {} } }
        """);
        Assert.Equal("enabled", policy.State);
        Assert.Equal(new[] { "u1" }, policy.ExcludeUsers);
        Assert.Empty(policy.UnknownConditions);
        Assert.True(MfaEvaluator.Shape(policy).Always);
    }

    [Fact]
    public void A_portal_export_without_id_or_metadata_reads()
    {
        var policy = Read("""
        { "templateId": null, "displayName": "Portal", "createdDateTime": "2026-01-01T00:00:00Z", "modifiedDateTime": null, "state": "enabledForReportingButNotEnforced",
          "conditions": { "clientAppTypes": ["all"], "applications": { "includeApplications": ["All"] }, "users": { "includeUsers": ["All"] } },
          "grantControls": { "operator": "OR", "builtInControls": [], "authenticationStrength": { "id": "00000000-0000-0000-0000-000000000004" } } }
        """);
        Assert.Equal(string.Empty, policy.Id);
        Assert.True(policy.IsReportOnly);
        Assert.Null(policy.AuthenticationStrength!.AllowedCombinations);
        Assert.Equal("Phishing-resistant MFA", AuthenticationStrengths.Name(policy.AuthenticationStrength));
        Assert.True(MfaEvaluator.Shape(policy).Always);
    }

    [Fact]
    public void Unknown_condition_fields_with_a_value_are_kept_and_empty_ones_ignored()
    {
        var policy = Read(Policy(AllUsers + """
            , "agentIdRiskLevels": [], "futureThing": null, "emptyObject": { "a": [], "b": null },
              "networkAccess": { "includeNetworks": ["n1"] }, "users2": "x"
            """));
        Assert.Equal(new[] { "conditions.networkAccess", "conditions.users2" }, policy.UnknownConditions);
        var nested = Read(Policy("\"users\": { \"includeUsers\": [\"All\"], \"includeAgents\": [\"a1\"] }, \"applications\": { \"includeApplications\": [\"All\"], \"globalSecureAccess\": { \"x\": 1 } }"));
        Assert.Equal(new[] { "conditions.applications.globalSecureAccess", "conditions.users.includeAgents" }, nested.UnknownConditions.OrderBy(x => x, StringComparer.Ordinal));
        var grant = Read(Policy(AllUsers, "\"grantControls\": { \"operator\": \"OR\", \"builtInControls\": [\"mfa\"], \"futureControl\": [\"x\"] }"));
        Assert.Equal(new[] { "grantControls.futureControl" }, grant.UnknownConditions);
    }

    [Fact]
    public void Devices_without_a_filter_are_no_condition_and_deprecated_device_states_are_read()
    {
        Assert.Null(Read(Policy(AllUsers + ", \"devices\": { \"deviceFilter\": null, \"includeDevices\": [], \"excludeDevices\": [] }")).DeviceFilter);
        Assert.Null(Read(Policy(AllUsers + ", \"devices\": { \"deviceFilter\": null }")).DeviceStates);
        var filter = Read(Policy(AllUsers + ", \"devices\": { \"deviceFilter\": { \"mode\": \"exclude\", \"rule\": \"device.isCompliant -eq True\" } }")).DeviceFilter!;
        Assert.Equal("exclude", filter.Mode);
        var states = Read(Policy(AllUsers + ", \"deviceStates\": { \"includeStates\": [\"All\"], \"excludeStates\": [\"Compliant\", \"DomainJoined\"] }")).DeviceStates!;
        Assert.Equal(new[] { "Compliant", "DomainJoined" }, states.Exclude);
        var legacy = Read(Policy(AllUsers + ", \"devices\": { \"includeDevices\": [\"All\"], \"excludeDevices\": [\"Compliant\"] }")).DeviceStates!;
        Assert.Equal(new[] { "All" }, legacy.Include);
        Assert.Equal(new[] { "Compliant" }, legacy.Exclude);
    }

    [Fact]
    public void Application_filters_guest_types_as_lists_enumerated_tenants_flows_and_workload_identities_are_read()
    {
        var app = Read(Policy("\"users\": { \"includeUsers\": [\"All\"] }, \"applications\": { \"includeApplications\": [\"All\"], \"applicationFilter\": { \"mode\": \"exclude\", \"rule\": \"CustomSecurityAttribute.Tier -eq \\\"Low\\\"\" } }"));
        Assert.Equal("exclude", app.ApplicationFilter!.Mode);
        Assert.Null(Read(Policy("\"users\": { \"includeUsers\": [\"All\"] }, \"applications\": { \"includeApplications\": [\"All\"], \"applicationFilter\": null }")).ApplicationFilter);

        var guests = Read(Policy("""
            "users": { "includeGuestsOrExternalUsers": { "guestOrExternalUserTypes": ["internalGuest", "b2bCollaborationGuest"],
                       "externalTenants": { "@odata.type": "#microsoft.graph.conditionalAccessEnumeratedExternalTenants", "membershipKind": "enumerated", "members": ["t1"] } } },
            "applications": { "includeApplications": ["All"] }, "authenticationFlows": { "transferMethods": "deviceCodeFlow,authenticationTransfer" },
            "clientApplications": { "includeServicePrincipals": ["sp1"] }
            """));
        Assert.Equal(new[] { "internalGuest", "b2bCollaborationGuest" }, guests.IncludeGuestOrExternalUserTypes);
        Assert.True(guests.IncludeSomeExternalTenants);
        Assert.Equal("deviceCodeFlow,authenticationTransfer", guests.AuthenticationFlows);
        Assert.True(guests.TargetsWorkloadIdentities);
        Assert.False(Read(Policy(AllUsers + ", \"clientApplications\": { \"includeServicePrincipals\": [], \"servicePrincipalFilter\": null }")).TargetsWorkloadIdentities);
        Assert.Null(Read(Policy(AllUsers + ", \"authenticationFlows\": { \"transferMethods\": \"\" }")).AuthenticationFlows);
    }

    [Fact]
    public void A_strength_keeps_its_combinations()
    {
        var policy = Read(Policy(AllUsers, """
            "grantControls": { "operator": "OR", "builtInControls": [], "authenticationStrength": { "id": "c1", "displayName": "Custom", "requirementsSatisfied": "mfa",
              "allowedCombinations": ["password,sms", "fido2", "password"] } }
            """));
        Assert.Equal(new[] { "password,sms", "fido2", "password" }, policy.AuthenticationStrength!.AllowedCombinations);
        Assert.Equal("mfa", policy.AuthenticationStrength.RequirementsSatisfied);
    }

    // ------------------------------------------------------------ what-if input

    [Fact]
    public void What_if_input_is_one_policy_a_list_or_a_graph_response_and_anything_else_is_one_clear_error()
    {
        var one = Policy(AllUsers);
        Assert.Single(WhatIfPolicyLoader.FromText(one, "text"));
        Assert.Equal(2, WhatIfPolicyLoader.FromText("[" + one + "," + one + "]", "text").Count);
        Assert.Single(WhatIfPolicyLoader.FromText("{ \"@odata.context\": \"x\", \"value\": [" + one + "] }", "text"));
        Assert.Single(WhatIfPolicyLoader.FromObject(new Dictionary<string, object?>
        {
            ["displayName"] = "From an object",
            ["conditions"] = new Dictionary<string, object?> { ["users"] = new Dictionary<string, object?> { ["includeUsers"] = new List<object?> { "All" } } },
        }, "object"));

        var notJson = Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText("{ \"displayName\": ", "file 'x.json'"));
        Assert.Equal("WhatIfPolicyUnreadable", notJson.ErrorId);
        Assert.Contains("file 'x.json' is not valid JSON (line 1", notJson.Message);
        Assert.Contains("is not a conditional access policy", Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText("[" + one + ", { \"displayName\": \"x\" }]", "text")).Message);
        Assert.Contains("text, item 2", Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText("[" + one + ", { \"displayName\": \"x\" }]", "text")).Message);
        Assert.Contains("holds no policy", Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText("[]", "text")).Message);
        Assert.Contains("holds neither a policy nor a list", Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText("42", "text")).Message);
        var field = Assert.Throws<PartnerSecurityException>(() => WhatIfPolicyLoader.FromText(Policy("\"users\": { \"excludeUsers\": {} }"), "text"));
        Assert.Contains("'P': conditions.users.excludeUsers must be a list of strings, not an object", field.Message);
    }
}
