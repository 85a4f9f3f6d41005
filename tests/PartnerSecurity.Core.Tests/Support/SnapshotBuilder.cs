using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Tests.Support;

/// <summary>Builds small snapshot documents in code, each test stating exactly the directory it needs.</summary>
public sealed partial class SnapshotBuilder
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    private readonly JsonObject _root;
    private readonly string _domain;

    public SnapshotBuilder(string name = "Contoso Partner", string domain = "contoso.onmicrosoft.com", bool premium = true)
    {
        _domain = domain;
        TenantId = Id("tenant:" + domain);
        _root = new JsonObject
        {
            ["format"] = TenantSnapshot.FormatName,
            ["capturedDateTime"] = "2026-11-20T09:00:00Z",
            ["tenant"] = new JsonObject { ["id"] = TenantId, ["displayName"] = name, ["defaultDomain"] = domain, ["premiumLicense"] = premium },
            ["users"] = new JsonArray(),
            ["groups"] = new JsonArray(),
            ["roleAssignments"] = new JsonArray(),
            ["userRegistrationDetails"] = new JsonArray(),
            ["conditionalAccessPolicies"] = new JsonArray(),
            ["securityDefaults"] = new JsonObject { ["isEnabled"] = false },
        };
    }

    public string TenantId { get; }
    public string Domain => _domain;

    /// <summary>A stable GUID for a name, so tests can refer to objects by name.</summary>
    public static string Id(string name) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(name))).ToString();

    public string UserId(string alias) => Id(_domain + "/user/" + alias);
    public string Upn(string alias) => alias + "@" + _domain;

    public SnapshotBuilder User(string alias, bool enabled = true, bool mfaRegistered = true, bool globalAdmin = false, string userType = "Member")
    {
        var id = UserId(alias);
        ((JsonArray)_root["users"]!).Add(new JsonObject
        {
            ["id"] = id,
            ["userPrincipalName"] = Upn(alias),
            ["displayName"] = alias,
            ["accountEnabled"] = enabled,
            ["userType"] = userType,
        });
        ((JsonArray)_root["userRegistrationDetails"]!).Add(new JsonObject
        {
            ["id"] = id,
            ["userPrincipalName"] = Upn(alias),
            ["userDisplayName"] = alias,
            ["isMfaRegistered"] = mfaRegistered,
            ["isMfaCapable"] = mfaRegistered,
            ["methodsRegistered"] = mfaRegistered ? new JsonArray("microsoftAuthenticatorPush") : new JsonArray(),
            ["userType"] = userType.ToLowerInvariant(),
        });
        if (globalAdmin) Role(id, GlobalAdministrator);
        return this;
    }

    /// <param name="directoryScopeId">"/" for the whole tenant, or "/administrativeUnits/{id}".</param>
    public SnapshotBuilder Role(string principalId, string roleTemplateId, string directoryScopeId = "/")
    {
        ((JsonArray)_root["roleAssignments"]!).Add(new JsonObject
        {
            ["id"] = Id(directoryScopeId == "/" ? $"ra/{principalId}/{roleTemplateId}" : $"ra/{principalId}/{roleTemplateId}{directoryScopeId}"),
            ["principalId"] = principalId,
            ["roleDefinitionId"] = roleTemplateId,
            ["directoryScopeId"] = directoryScopeId,
        });
        return this;
    }

    public SnapshotBuilder Policy(string name, string state)
    {
        ((JsonArray)_root["conditionalAccessPolicies"]!).Add(new JsonObject { ["id"] = Id("ca/" + name), ["displayName"] = name, ["state"] = state });
        return this;
    }

    public SnapshotBuilder SecurityDefaults(bool enabled)
    {
        _root["securityDefaults"] = new JsonObject { ["isEnabled"] = enabled };
        return this;
    }

    public SnapshotBuilder Set(string key, JsonNode value)
    {
        _root[key] = value;
        return this;
    }

    /// <summary>
    /// Adds a customer with a GDAP relationship in the given status, granting <paramref name="roles"/> (Global
    /// Administrator by default); with <paramref name="accessGroupId"/>, only through an access assignment of
    /// <paramref name="assignedRoles"/> (all the roles by default) to that partner group.
    /// </summary>
    public SnapshotBuilder Customer(SnapshotBuilder customer, string gdapStatus = "active", string[]? roles = null, string? accessGroupId = null, string[]? assignedRoles = null)
    {
        static JsonObject Access(IEnumerable<string> ids) => new() { ["unifiedRoles"] = new JsonArray(ids.Select(r => (JsonNode)new JsonObject { ["roleDefinitionId"] = r }).ToArray()) };
        roles ??= new[] { GlobalAdministrator };
        if (_root["customers"] is not JsonArray customers) _root["customers"] = customers = new JsonArray();
        customers.Add(new JsonObject
        {
            ["customer"] = new JsonObject
            {
                ["id"] = customer.TenantId,
                ["companyProfile"] = new JsonObject { ["tenantId"] = customer.TenantId, ["domain"] = customer.Domain, ["companyName"] = customer.Domain },
                ["relationshipToPartner"] = "reseller",
                ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
            },
            ["gdapRelationships"] = new JsonArray(new JsonObject
            {
                ["id"] = Id("gdap/" + customer.TenantId) + "-" + Id("gdap2/" + customer.TenantId),
                ["displayName"] = "GDAP " + customer.Domain,
                ["status"] = gdapStatus,
                ["duration"] = "P730D",
                ["endDateTime"] = "2027-11-20T09:00:00Z",
                ["customer"] = new JsonObject { ["tenantId"] = customer.TenantId, ["displayName"] = customer.Domain },
                ["accessDetails"] = Access(roles),
            }),
            ["snapshot"] = customer.ToJson(withFormat: false),
        });
        if (accessGroupId != null)
            customers[customers.Count - 1]!["gdapRelationships"]![0]!["accessAssignments"] = new JsonArray(new JsonObject
            {
                ["id"] = Id("assignment/" + customer.TenantId + "/" + accessGroupId),
                ["status"] = "active",
                ["accessContainer"] = new JsonObject { ["accessContainerId"] = accessGroupId, ["accessContainerType"] = "securityGroup" },
                ["accessDetails"] = Access(assignedRoles ?? roles),
            });
        return this;
    }

    public JsonObject ToJson(bool withFormat = true)
    {
        var copy = (JsonObject)_root.DeepClone();
        if (!withFormat) copy.Remove("format");
        return copy;
    }

    public string ToJsonString() => _root.ToJsonString();
    public TenantSnapshot Read() => SnapshotReader.Read(ToJsonString(), "test");
    public TenantEmulator Emulator() => new(Read());
}
