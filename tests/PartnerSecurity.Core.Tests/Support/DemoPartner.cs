using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Tests.Mfa;

namespace PartnerSecurity.Tests.Support;

/// <summary>The demo partner (Northwind Cloud Partners) in an emulator of its own, signed in as a user or as an application.</summary>
public static class DemoPartner
{
    public const string Ava = "ava.thompson@northwindcloud.com";
    public const string AppId = "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
    public const string AppSecret = "demo-runbook-secret";

    public static string SnapshotPath => DemoVerdictTests.RepositoryFile("src/PartnerSecurity.Emulator/Demo/demo-tenant.json");

    /// <summary>The demo snapshot as JSON, the oracle the tests compare with.</summary>
    public static JsonObject Json() => (JsonObject)JsonNode.Parse(File.ReadAllText(SnapshotPath))!;

    /// <summary>An emulator of the demo; <paramref name="edit"/> changes the loaded snapshot first. It has a runbook app with a secret.</summary>
    public static TenantEmulator Emulator(Action<TenantSnapshot>? edit = null, EmulatorOptions? options = null)
    {
        var snapshot = SnapshotReader.ReadFile(SnapshotPath);
        snapshot.Applications.Add(new JsonObject
        {
            ["id"] = SnapshotBuilder.Id("demo/runbook"),
            ["appId"] = AppId,
            ["displayName"] = "Northwind Runbook",
            ["passwordCredentials"] = new JsonArray(new JsonObject { ["keyId"] = SnapshotBuilder.Id("demo/runbook/key"), ["secretText"] = AppSecret, ["endDateTime"] = "2027-11-20T00:00:00Z" }),
        });
        edit?.Invoke(snapshot);
        return new TenantEmulator(snapshot, options);
    }

    public static Task<PartnerConnection> SignInAsync(TenantEmulator emulator, string user = Ava) =>
        PartnerConnection.ConnectAsync(TestConnections.Request(emulator, user), CancellationToken.None);

    public static Task<PartnerConnection> AppOnlyAsync(TenantEmulator emulator)
    {
        var request = TestConnections.Request(emulator);
        request.Mode = ConnectionMode.ClientSecret;
        request.ApplicationId = AppId;
        request.ClientSecret = PartnerSecurity.Authentication.SecureStrings.Protect(AppSecret);
        return PartnerConnection.ConnectAsync(request, CancellationToken.None);
    }
}
