using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Snapshots;

public class SnapshotReaderTests
{
    private static SnapshotFormatException Refused(string json) =>
        Assert.Throws<SnapshotFormatException>(() => SnapshotReader.Read(json, "bad.json"));

    [Fact]
    public void A_well_formed_snapshot_loads_with_its_extensions()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("ann", mfaRegistered: false);
        builder.Set("perUserMfa", new JsonArray(new JsonObject { ["userId"] = builder.UserId("ann"), ["perUserMfaState"] = "enforced" }));
        var snapshot = builder.Read();
        Assert.Equal(2, snapshot.Users.Count);
        Assert.Equal("enforced", snapshot.PerUserMfa[builder.UserId("ann")]);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), snapshot.CapturedDateTime);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var ex = Refused("{\n  \"format\": \"partnersecurity-snapshot/1\",\n  \"users\": [ { \"id\": 1, } \n");
        Assert.Contains("not valid JSON", ex.Message);
        Assert.Contains("line", ex.Message);
        Assert.Contains("bad.json", ex.Message);
    }

    [Theory]
    [InlineData("{\"tenant\":{}}", "$.format", "required key 'format'")]
    [InlineData("{\"format\":\"partnersecurity-snapshot/2\"}", "$.format", "unsupported format 'partnersecurity-snapshot/2'")]
    public void The_format_key_is_required_and_checked(string json, string path, string problem)
    {
        var ex = Refused(json);
        Assert.Equal(path, ex.JsonPath);
        Assert.Contains(problem, ex.Message);
    }

    [Fact]
    public void A_duplicate_id_is_refused_at_its_path()
    {
        var json = new SnapshotBuilder().User("a").User("b").ToJson();
        json["users"]![1]!["id"] = json["users"]![0]!["id"]!.GetValue<string>();
        var ex = Refused(json.ToJsonString());
        Assert.Equal("$.users[1].id", ex.JsonPath);
        Assert.Contains("duplicate id", ex.Message);
    }

    [Fact]
    public void A_group_member_that_names_nothing_is_refused_at_its_path()
    {
        var builder = new SnapshotBuilder().User("a");
        builder.Set("groups", new JsonArray(new JsonObject { ["id"] = "g1", ["displayName"] = "G", ["members"] = new JsonArray(builder.UserId("a"), "ghost") }));
        var ex = Refused(builder.ToJsonString());
        Assert.Equal("$.groups[0].members[1]", ex.JsonPath);
        Assert.Contains("'ghost' names no user", ex.Message);
    }

    [Fact]
    public void A_bad_tenant_id_and_a_bad_per_user_state_are_refused()
    {
        var json = new SnapshotBuilder().User("a").ToJson();
        json["tenant"]!["id"] = "not-a-guid";
        Assert.Equal("$.tenant.id", Refused(json.ToJsonString()).JsonPath);

        var builder = new SnapshotBuilder().User("a");
        builder.Set("perUserMfa", new JsonArray(new JsonObject { ["userId"] = builder.UserId("a"), ["perUserMfaState"] = "maybe" }));
        Assert.Equal("$.perUserMfa[0].perUserMfaState", Refused(builder.ToJsonString()).JsonPath);
    }

    [Fact]
    public void Errors_inside_a_customer_snapshot_carry_the_nested_path()
    {
        var customer = new SnapshotBuilder("Fabrikam", "fabrikam.onmicrosoft.com").User("x").User("y");
        var json = new SnapshotBuilder().User("admin", globalAdmin: true).Customer(customer).ToJson();
        json["customers"]![0]!["snapshot"]!["users"]![1]!["id"] = json["customers"]![0]!["snapshot"]!["users"]![0]!["id"]!.GetValue<string>();
        Assert.Equal("$.customers[0].snapshot.users[1].id", Refused(json.ToJsonString()).JsonPath);
    }

    [Fact]
    public void Unknown_keys_are_ignored_with_a_warning_that_names_them()
    {
        var json = new SnapshotBuilder().User("a").Set("favouriteColour", "blue").ToJsonString();
        var snapshot = SnapshotReader.Read(json, "x.json");
        var warning = Assert.Single(snapshot.Warnings);
        Assert.Contains("favouriteColour", warning);
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_file()
    {
        var ex = Assert.Throws<SnapshotFormatException>(() => SnapshotReader.ReadFile("/nonexistent/tenant.json"));
        Assert.Contains("/nonexistent/tenant.json", ex.Message);
    }

    [Fact]
    public void The_shipped_demo_snapshot_loads()
    {
        var snapshot = SnapshotReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "demo-tenant.json"));
        Assert.NotEmpty(snapshot.Users);
        Assert.Empty(snapshot.Warnings);
    }

    [Fact]
    public void A_policy_without_an_id_gets_a_stable_generated_one_and_a_warning()
    {
        var json = new SnapshotBuilder().User("admin", globalAdmin: true).Policy("Require MFA", "enabled").Policy("Block legacy", "enabled").ToJson();
        foreach (var policy in json["conditionalAccessPolicies"]!.AsArray()) policy!.AsObject().Remove("id");
        var first = SnapshotReader.Read(json.ToJsonString(), "downloaded.json");
        var second = SnapshotReader.Read(json.ToJsonString(), "downloaded.json");
        var ids = first.ConditionalAccessPolicies.Select(p => (string)p["id"]!).ToList();
        Assert.All(ids, id => Assert.True(Guid.TryParse(id, out _)));
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal(ids, second.ConditionalAccessPolicies.Select(p => (string)p["id"]!));
        Assert.Equal(2, first.Warnings.Count(w => w.Contains("has no id") && w.Contains("downloaded.json")));
        Assert.Contains(first.Warnings, w => w.Contains("'Require MFA'") && w.Contains(ids[0]));
    }

    [Fact]
    public void Every_built_in_role_is_known_and_an_assignment_to_an_unknown_role_is_a_warning()
    {
        var builder = new SnapshotBuilder().User("admin", globalAdmin: true).User("kim").User("lee");
        builder.Role(builder.UserId("kim"), "fdd7a751-b60b-444a-984c-02652fe8fa1c"); // Groups Administrator: beyond the 27 roles of old
        builder.Role(builder.UserId("lee"), "00000000-1111-2222-3333-444444444444");
        var snapshot = builder.Read();
        Assert.True(PartnerSecurity.Emulator.Directory.BuiltInRoles.All.Count > 120, "the whole built-in catalogue");
        var warning = Assert.Single(snapshot.Warnings);
        Assert.Contains("00000000-1111-2222-3333-444444444444", warning);
        Assert.Contains("roleAssignments", warning);
    }
}
