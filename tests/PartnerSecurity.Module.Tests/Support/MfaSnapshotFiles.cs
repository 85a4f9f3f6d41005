using System.Text.Json.Nodes;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// A partner with three customers, for the MFA posture cmdlets: Litware Partners (conditional access with a
/// break-glass exclusion), Fabrikam Dental (security defaults, Entra ID Free), Tailspin Logistics
/// (an Office-only policy), Adatum Legal (GDAP expired).
/// </summary>
public static class MfaSnapshotFiles
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string FabrikamId = "5c0ffee0-0000-4000-8000-00000000c001";
    public const string TailspinId = "5c0ffee0-0000-4000-8000-00000000c002";
    public const string AdatumId = "5c0ffee0-0000-4000-8000-00000000c003";

    private static int s_next;

    private static string NewId(string tenant) => $"{tenant[..8]}-1111-4000-8000-{Interlocked.Increment(ref s_next):D12}";

    private static (JsonObject User, JsonObject Registration) User(string tenantId, string upn, bool registered = true, string userType = "Member", bool enabled = true)
    {
        var id = NewId(tenantId);
        var user = new JsonObject { ["id"] = id, ["userPrincipalName"] = upn, ["displayName"] = upn.Split('@')[0], ["accountEnabled"] = enabled, ["userType"] = userType };
        var registration = new JsonObject
        {
            ["id"] = id, ["userPrincipalName"] = upn, ["userDisplayName"] = upn.Split('@')[0], ["isMfaRegistered"] = registered, ["isMfaCapable"] = registered,
            ["methodsRegistered"] = registered ? new JsonArray("microsoftAuthenticatorPush", "softwareOneTimePasscode") : new JsonArray(), ["userType"] = userType.ToLowerInvariant(),
        };
        return (user, registration);
    }

    private static JsonObject Policy(string name, JsonObject users, JsonArray? includeApplications = null, string state = "enabled") => new()
    {
        ["id"] = Guid.NewGuid().ToString(),
        ["displayName"] = name,
        ["state"] = state,
        ["conditions"] = new JsonObject
        {
            ["clientAppTypes"] = new JsonArray("all"),
            ["userRiskLevels"] = new JsonArray(),
            ["signInRiskLevels"] = new JsonArray(),
            ["locations"] = null,
            ["platforms"] = null,
            ["applications"] = new JsonObject { ["includeApplications"] = includeApplications ?? new JsonArray("All"), ["excludeApplications"] = new JsonArray(), ["includeUserActions"] = new JsonArray() },
            ["users"] = users,
        },
        ["grantControls"] = new JsonObject { ["operator"] = "OR", ["builtInControls"] = new JsonArray("mfa"), ["customAuthenticationFactors"] = new JsonArray(), ["termsOfUse"] = new JsonArray() },
    };

    private static JsonObject Tenant(string id, string name, string domain, bool premium, bool securityDefaults, IEnumerable<(JsonObject User, JsonObject Registration)> users, JsonArray policies, JsonArray roles) => new()
    {
        ["tenant"] = new JsonObject { ["id"] = id, ["displayName"] = name, ["defaultDomain"] = domain, ["premiumLicense"] = premium },
        ["users"] = new JsonArray(users.Select(u => (JsonNode)u.User).ToArray()),
        ["userRegistrationDetails"] = new JsonArray(users.Select(u => (JsonNode)u.Registration).ToArray()),
        ["securityDefaults"] = new JsonObject { ["isEnabled"] = securityDefaults },
        ["conditionalAccessPolicies"] = policies,
        ["roleAssignments"] = roles,
    };

    private static JsonObject Customer(string id, string name, string domain, string gdapStatus, JsonObject snapshot) => new()
    {
        ["customer"] = new JsonObject
        {
            ["id"] = id,
            ["companyProfile"] = new JsonObject { ["tenantId"] = id, ["domain"] = domain, ["companyName"] = name },
            ["relationshipToPartner"] = "reseller",
            ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
        },
        ["gdapRelationships"] = new JsonArray(new JsonObject
        {
            ["id"] = id + "-" + SnapshotFiles.TenantId,
            ["displayName"] = "GDAP " + name,
            ["status"] = gdapStatus,
            ["duration"] = "P730D",
            ["endDateTime"] = gdapStatus == "active" ? "2027-06-30T00:00:00Z" : "2026-01-31T00:00:00Z",
            ["customer"] = new JsonObject { ["tenantId"] = id, ["displayName"] = name },
            ["accessDetails"] = new JsonObject { ["unifiedRoles"] = new JsonArray(new JsonObject { ["roleDefinitionId"] = "f2ef992c-3afb-46b9-b7cf-a126ee74c451" }, new JsonObject { ["roleDefinitionId"] = "194ae4cb-b126-40b2-bd5b-6091b380977d" }) },
        }),
        ["snapshot"] = snapshot,
    };

    public static string Write()
    {
        var admin = User(SnapshotFiles.TenantId, "admin@litware.onmicrosoft.com");
        var reader = User(SnapshotFiles.TenantId, "reader@litware.onmicrosoft.com", registered: false);
        var shannon = User(SnapshotFiles.TenantId, "shannon.o'brien@litware.onmicrosoft.com");
        var breakglass = User(SnapshotFiles.TenantId, "breakglass@litware.onmicrosoft.com");
        var guest = User(SnapshotFiles.TenantId, "vendor_fabrikam.com#EXT#@litware.onmicrosoft.com", userType: "Guest");
        var partner = Tenant(SnapshotFiles.TenantId, "Litware Partners", "litware.onmicrosoft.com", premium: true, securityDefaults: false,
            new[] { admin, reader, shannon, breakglass, guest },
            new JsonArray(Policy("Require MFA for all users", new JsonObject
            {
                ["includeUsers"] = new JsonArray("All"),
                ["excludeUsers"] = new JsonArray((string)breakglass.User["id"]!, "GuestsOrExternalUsers"),
            })),
            new JsonArray(new JsonObject { ["id"] = "ra-admin", ["principalId"] = (string)admin.User["id"]!, ["roleDefinitionId"] = GlobalAdministrator, ["directoryScopeId"] = "/" }));
        partner["format"] = "partnersecurity-snapshot/1";
        partner["capturedDateTime"] = "2026-11-20T09:00:00Z";

        var owner = User(FabrikamId, "owner@fabrikamdental.onmicrosoft.com");
        var fabrikam = Tenant(FabrikamId, "Fabrikam Dental", "fabrikamdental.onmicrosoft.com", premium: false, securityDefaults: true,
            new[] { owner, User(FabrikamId, "nurse@fabrikamdental.onmicrosoft.com", registered: false) }, new JsonArray(),
            new JsonArray(new JsonObject { ["id"] = "ra-owner", ["principalId"] = (string)owner.User["id"]!, ["roleDefinitionId"] = GlobalAdministrator, ["directoryScopeId"] = "/" }));
        var tailspin = Tenant(TailspinId, "Tailspin Logistics", "tailspinlogistics.onmicrosoft.com", premium: true, securityDefaults: false,
            new[] { User(TailspinId, "dispatch@tailspinlogistics.onmicrosoft.com"), User(TailspinId, "driver@tailspinlogistics.onmicrosoft.com") },
            new JsonArray(Policy("MFA for Office", new JsonObject { ["includeUsers"] = new JsonArray("All") }, new JsonArray("Office365"))), new JsonArray());
        var adatum = Tenant(AdatumId, "Adatum Legal", "adatumlegal.onmicrosoft.com", premium: true, securityDefaults: true,
            new[] { User(AdatumId, "clerk@adatumlegal.onmicrosoft.com") }, new JsonArray(), new JsonArray());

        partner["customers"] = new JsonArray(
            Customer(FabrikamId, "Fabrikam Dental", "fabrikamdental.onmicrosoft.com", "active", fabrikam),
            Customer(TailspinId, "Tailspin Logistics", "tailspinlogistics.onmicrosoft.com", "active", tailspin),
            Customer(AdatumId, "Adatum Legal", "adatumlegal.onmicrosoft.com", "expired", adatum));
        return SnapshotFiles.Write(partner);
    }
}
