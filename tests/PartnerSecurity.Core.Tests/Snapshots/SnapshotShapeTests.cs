using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Snapshots;

/// <summary>
/// Issue 13 item 2: a value of the wrong type is refused with its JSON path and a plain problem (never .NET text),
/// nesting past the limit says "too deep", and a file past the size limit is refused before it is read.
/// </summary>
public class SnapshotShapeTests
{
    private static SnapshotFormatException Refused(string json, long maxBytes = SnapshotReader.DefaultMaxBytes) =>
        Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(json, "bad.json", maxBytes));

    private static (SnapshotBuilder Builder, JsonObject Json) WithPolicy()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("breakglass");
        builder.CaPolicy(SnapshotBuilder.MfaPolicy("MFA for all", users: SnapshotBuilder.Users(include: new JsonArray("All"), exclude: new JsonArray(builder.UserId("breakglass")))));
        return (builder, builder.ToJson());
    }

    public static TheoryData<string, JsonNode?, string, string> WrongTypes => new()
    {
        { "conditionalAccessPolicies[0].conditions.users.excludeUsers", JsonValue.Create("0a0b"), "$.conditionalAccessPolicies[0].conditions.users.excludeUsers", "expected an array of strings, found the string \"0a0b\"" },
        { "conditionalAccessPolicies[0].conditions.users.excludeGroups", JsonValue.Create("g1"), "$.conditionalAccessPolicies[0].conditions.users.excludeGroups", "expected an array of strings" },
        { "conditionalAccessPolicies[0].conditions.users.includeUsers", new JsonArray(1, 2), "$.conditionalAccessPolicies[0].conditions.users.includeUsers[0]", "expected a string, found the number 1" },
        { "conditionalAccessPolicies[0].conditions.users", new JsonArray(), "$.conditionalAccessPolicies[0].conditions.users", "expected an object, found an array" },
        { "conditionalAccessPolicies[0].grantControls.builtInControls", JsonValue.Create("mfa"), "$.conditionalAccessPolicies[0].grantControls.builtInControls", "expected an array of strings" },
        { "conditionalAccessPolicies[0].state", JsonValue.Create(true), "$.conditionalAccessPolicies[0].state", "expected a string, found true" },
        { "users[0].accountEnabled", JsonValue.Create("no"), "$.users[0].accountEnabled", "expected true or false, found the string \"no\"" },
        { "users[1].accountEnabled", JsonValue.Create(0), "$.users[1].accountEnabled", "expected true or false, found the number 0" },
        { "users[0].createdDateTime", JsonValue.Create("yesterday"), "$.users[0].createdDateTime", "expected an ISO 8601 date and time" },
        { "userRegistrationDetails[0].isMfaRegistered", JsonValue.Create("true"), "$.userRegistrationDetails[0].isMfaRegistered", "expected true or false" },
        { "userRegistrationDetails[0].methodsRegistered", JsonValue.Create("microsoftAuthenticatorPush"), "$.userRegistrationDetails[0].methodsRegistered", "expected an array of strings" },
        { "roleAssignments[0].principalId", JsonValue.Create(42), "$.roleAssignments[0].principalId", "expected a string" },
        { "securityDefaults.isEnabled", JsonValue.Create("yes"), "$.securityDefaults.isEnabled", "expected true or false" },
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_value_of_the_wrong_type_is_refused_at_its_path(string where, JsonNode? value, string path, string problem)
    {
        var (_, json) = WithPolicy();
        Set(json, where, value);
        var ex = Refused(json.ToJsonString());
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Message);
        Assert.Contains("bad.json", ex.Message);
        Assert.DoesNotContain("System.", ex.Message);
    }

    [Fact]
    public void Types_inside_a_customer_snapshot_and_its_gdap_relationships_are_checked_too()
    {
        var customer = new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com").User("owner", globalAdmin: true);
        var partner = new SnapshotBuilder().User("admin", globalAdmin: true).Customer(customer);
        var json = partner.ToJson();
        json["customers"]![0]!["snapshot"]!["users"]![0]!["accountEnabled"] = "false";
        Assert.Equal("$.customers[0].snapshot.users[0].accountEnabled", Refused(json.ToJsonString()).JsonPath);

        json = partner.ToJson();
        json["customers"]![0]!["gdapRelationships"]![0]!["accessDetails"]!["unifiedRoles"] = "62e90394-69f5-4237-9190-012177145e10";
        Assert.Equal("$.customers[0].gdapRelationships[0].accessDetails.unifiedRoles", Refused(json.ToJsonString()).JsonPath);
    }

    [Fact]
    public void Null_stays_allowed_as_Graph_sends_it()
    {
        var (_, json) = WithPolicy();
        json["users"]![0]!["accountEnabled"] = null;
        json["conditionalAccessPolicies"]![0]!["conditions"]!["users"]!["excludeGroups"] = null;
        Assert.Equal(2, SnapshotReader.Read(json.ToJsonString(), "ok.json").Users.Count);
    }

    [Fact]
    public void A_key_written_twice_is_refused_at_its_object_not_as_dotnet_text()
    {
        var (_, json) = WithPolicy();
        var text = json.ToJsonString();
        var policy = text.IndexOf("\"displayName\":\"MFA for all\"", StringComparison.Ordinal);
        text = text.Insert(policy, "\"displayName\":\"shadow\",");
        var ex = Refused(text);
        Assert.Equal("$.conditionalAccessPolicies[0]", ex.JsonPath);
        Assert.Contains("a key appears twice", ex.Message);
    }

    [Theory]
    [InlineData(5000)]
    [InlineData(65)]
    public void Nesting_past_the_limit_says_too_deep(int depth)
    {
        var (_, json) = WithPolicy();
        var text = json.ToJsonString();
        var deep = new StringBuilder();
        for (int i = 0; i < depth; i++) deep.Append("{\"a\":");
        deep.Append("1");
        for (int i = 0; i < depth; i++) deep.Append('}');
        text = text.Insert(text.Length - 1, ",\"extra\":" + deep);
        var ex = Refused(text);
        Assert.Contains("too deep", ex.Message);
        Assert.DoesNotContain("not valid JSON", ex.Message);
    }

    [Fact]
    public void A_snapshot_past_the_size_limit_is_refused_before_it_is_parsed_with_the_figures()
    {
        var (_, json) = WithPolicy();
        var text = json.ToJsonString();
        var ex = Refused(text, maxBytes: 1024);
        Assert.Equal("$", ex.JsonPath);
        Assert.Contains("MB", ex.Message);
        Assert.Contains("Split the customers", ex.Message);

        var path = Path.Combine(Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N") + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path)) file.SetLength(SnapshotReader.DefaultMaxBytes + 1); // sparse: nothing is written or read
        try
        {
            var big = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.ReadFile(path));
            Assert.Contains("256 MB", big.Message);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Sets a value at a dotted path with [index] steps ("users[0].accountEnabled").</summary>
    private static void Set(JsonObject root, string where, JsonNode? value)
    {
        var steps = where.Split('.');
        JsonNode node = root;
        for (int i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            int bracket = step.IndexOf('[');
            var key = bracket < 0 ? step : step.Substring(0, bracket);
            int? index = bracket < 0 ? null : int.Parse(step.Substring(bracket + 1, step.Length - bracket - 2));
            bool last = i == steps.Length - 1;
            if (index == null)
            {
                if (last) { node[key] = value?.DeepClone(); return; }
                node = node[key]!;
            }
            else
            {
                if (last) { node[key]![index.Value] = value?.DeepClone(); return; }
                node = node[key]![index.Value]!;
            }
        }
    }
}
