using System.Text.Json.Nodes;

namespace PartnerSecurity.Tests.Support;

/// <summary>What MFA posture tests add to a snapshot: groups, eligible roles, verbatim CA policies, per-user MFA, guests.</summary>
public sealed partial class SnapshotBuilder
{
    public const string DirectorySynchronizationAccounts = "d29b2b05-8046-44ba-8758-1e26182fcf32";
    public const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";

    public string GroupId(string name) => Id(_domain + "/group/" + name);

    /// <summary>A group whose direct members are user ids or other group ids.</summary>
    public SnapshotBuilder Group(string name, bool roleAssignable = false, params string[] memberIds)
    {
        if (_root["groups"] is not JsonArray groups) _root["groups"] = groups = new JsonArray();
        groups.Add(new JsonObject
        {
            ["id"] = GroupId(name),
            ["displayName"] = name,
            ["securityEnabled"] = true,
            ["mailEnabled"] = false,
            ["isAssignableToRole"] = roleAssignable,
            ["members"] = new JsonArray(memberIds.Select(m => (JsonNode)JsonValue.Create(m)!).ToArray()),
        });
        return this;
    }

    public SnapshotBuilder EligibleRole(string principalId, string roleTemplateId)
    {
        if (_root["roleEligibilitySchedules"] is not JsonArray schedules) _root["roleEligibilitySchedules"] = schedules = new JsonArray();
        schedules.Add(new JsonObject
        {
            ["id"] = Id($"es/{principalId}/{roleTemplateId}"),
            ["principalId"] = principalId,
            ["roleDefinitionId"] = roleTemplateId,
            ["directoryScopeId"] = "/",
            ["memberType"] = "Direct",
            ["status"] = "Provisioned",
        });
        return this;
    }

    /// <summary>A conditional access policy as Graph returns it (the caller writes the JSON).</summary>
    public SnapshotBuilder CaPolicy(JsonObject policy)
    {
        ((JsonArray)_root["conditionalAccessPolicies"]!).Add(policy);
        return this;
    }

    /// <summary>A Graph conditionalAccessPolicy that requires MFA for all users and apps; <paramref name="users"/> replaces conditions.users.</summary>
    public static JsonObject MfaPolicy(string name, string state = "enabled", JsonObject? users = null, JsonArray? clientAppTypes = null, JsonObject? locations = null, JsonArray? builtInControls = null) => new()
    {
        ["id"] = Id("ca/" + name),
        ["displayName"] = name,
        ["state"] = state,
        ["conditions"] = new JsonObject
        {
            ["userRiskLevels"] = new JsonArray(),
            ["signInRiskLevels"] = new JsonArray(),
            ["clientAppTypes"] = clientAppTypes ?? new JsonArray("all"),
            ["platforms"] = null,
            ["locations"] = locations,
            ["devices"] = null,
            ["authenticationFlows"] = null,
            ["applications"] = new JsonObject
            {
                ["includeApplications"] = new JsonArray("All"),
                ["excludeApplications"] = new JsonArray(),
                ["includeUserActions"] = new JsonArray(),
                ["includeAuthenticationContextClassReferences"] = new JsonArray(),
            },
            ["users"] = users ?? Users(include: new JsonArray("All")),
        },
        ["grantControls"] = new JsonObject
        {
            ["operator"] = "OR",
            ["builtInControls"] = builtInControls ?? new JsonArray("mfa"),
            ["customAuthenticationFactors"] = new JsonArray(),
            ["termsOfUse"] = new JsonArray(),
            ["authenticationStrength"] = null,
        },
    };

    public static JsonObject Users(JsonArray? include = null, JsonArray? exclude = null, JsonArray? includeGroups = null, JsonArray? excludeGroups = null,
        JsonArray? includeRoles = null, JsonArray? excludeRoles = null, string? includeGuestTypes = null, string? excludeGuestTypes = null) => new()
    {
        ["includeUsers"] = include ?? new JsonArray(),
        ["excludeUsers"] = exclude ?? new JsonArray(),
        ["includeGroups"] = includeGroups ?? new JsonArray(),
        ["excludeGroups"] = excludeGroups ?? new JsonArray(),
        ["includeRoles"] = includeRoles ?? new JsonArray(),
        ["excludeRoles"] = excludeRoles ?? new JsonArray(),
        ["includeGuestsOrExternalUsers"] = includeGuestTypes == null ? null : new JsonObject { ["guestOrExternalUserTypes"] = includeGuestTypes, ["externalTenants"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.conditionalAccessAllExternalTenants", ["membershipKind"] = "all" } },
        ["excludeGuestsOrExternalUsers"] = excludeGuestTypes == null ? null : new JsonObject { ["guestOrExternalUserTypes"] = excludeGuestTypes, ["externalTenants"] = new JsonObject { ["@odata.type"] = "#microsoft.graph.conditionalAccessAllExternalTenants", ["membershipKind"] = "all" } },
    };

    public SnapshotBuilder PerUserMfa(string alias, string state)
    {
        if (_root["perUserMfa"] is not JsonArray states) _root["perUserMfa"] = states = new JsonArray();
        states.Add(new JsonObject { ["userId"] = UserId(alias), ["perUserMfaState"] = state });
        return this;
    }

    /// <summary>A B2B user invited from another organisation: the #EXT# UPN Entra gives them.</summary>
    public SnapshotBuilder ExternalUser(string alias, string userType = "Guest", bool mfaRegistered = true)
    {
        User(alias, mfaRegistered: mfaRegistered, userType: userType);
        var users = (JsonArray)_root["users"]!;
        var user = (JsonObject)users[users.Count - 1]!;
        user["userPrincipalName"] = $"{alias}_fabrikam.com#EXT#@{_domain}";
        var rows = (JsonArray)_root["userRegistrationDetails"]!;
        rows[rows.Count - 1]!["userPrincipalName"] = user["userPrincipalName"]!.GetValue<string>();
        return this;
    }
}
