using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>
/// The demo snapshot read by the real core, tenant by tenant, against tests/data/demo-expected-verdicts.json:
/// the hand-worked oracle. Each tenant is read by one of its own Global Administrators, so that Adatum Legal,
/// whose GDAP relationship has expired, is checked too.
/// </summary>
public class DemoVerdictTests
{
    public static string RepositoryFile(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "PartnerSecurity.psd1"))) directory = directory.Parent;
        return Path.Combine(directory!.FullName, relative);
    }

    public static List<JsonObject> Oracle() =>
        JsonNode.Parse(File.ReadAllText(RepositoryFile("tests/data/demo-expected-verdicts.json")))!.AsArray().Select(n => (JsonObject)n!).ToList();

    public static TheoryData<string> Tenants()
    {
        var data = new TheoryData<string>();
        foreach (var name in Oracle().Select(o => (string)o["tenant"]!).Distinct()) data.Add(name);
        return data;
    }

    private static async Task<IReadOnlyList<MfaVerdict>> ReadAsOwnAdmin(string tenantName, PerUserMfaNeed need)
    {
        var emulator = TenantEmulator.FromFile(RepositoryFile("src/PartnerSecurity.Emulator/Demo/demo-tenant.json"));
        var tenant = emulator.Cloud.Tenants.Single(t => t.DisplayName == tenantName);
        var admin = tenant.FirstGlobalAdministrator()!;
        var request = TestConnections.Request(emulator, (string)admin["id"]!);
        request.TenantId = tenant.Id;
        using var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var result = await MfaPostureReader.GetAsync(connection, TenantScope.Home(connection), new MfaReadOptions { PerUserMfa = need }, null, CancellationToken.None);
        return result.Verdicts;
    }

    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task Every_user_of_the_demo_gets_the_oracles_verdict(string tenantName)
    {
        var verdicts = (await ReadAsOwnAdmin(tenantName, PerUserMfaNeed.AllEnabledUsers)).ToDictionary(v => v.UserPrincipalName, StringComparer.OrdinalIgnoreCase);
        var expected = Oracle().Where(o => (string)o["tenant"]! == tenantName).ToList();
        Assert.Equal(expected.Count, verdicts.Count);
        var mismatches = new List<string>();
        foreach (var o in expected)
        {
            var upn = (string)o["userPrincipalName"]!;
            if (!verdicts.TryGetValue(upn, out var v)) { mismatches.Add($"{upn}: missing"); continue; }
            var enforcedBy = o["enforcedBy"]!.AsArray().Select(e => (string)e!).ToArray();
            if (v.Status.ToString() != (string)o["status"]! || !enforcedBy.SequenceEqual(v.EnforcedBy) || v.IsAdmin != (bool)o["isAdmin"]!)
                mismatches.Add($"{upn}: expected {o["status"]} [{string.Join(",", enforcedBy)}] admin={o["isAdmin"]} ({o["rule"]}); got {v.Status} [{v.EnforcedBy.ToString()}] admin={v.IsAdmin}: {v.Reason}");
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    /// <summary>
    /// By default per-user MFA state is read only where it can change the status; the oracle lists every
    /// mechanism, so per-user MFA beside another mechanism (two users of the demo) is the one difference.
    /// </summary>
    [Theory]
    [MemberData(nameof(Tenants))]
    public async Task By_default_the_statuses_are_the_same_and_per_user_mfa_is_left_out_only_beside_another_mechanism(string tenantName)
    {
        var verdicts = (await ReadAsOwnAdmin(tenantName, PerUserMfaNeed.WhereVerdictDepends)).ToDictionary(v => v.UserPrincipalName, StringComparer.OrdinalIgnoreCase);
        foreach (var o in Oracle().Where(o => (string)o["tenant"]! == tenantName))
        {
            var v = verdicts[(string)o["userPrincipalName"]!];
            Assert.Equal((string)o["status"]!, v.Status.ToString());
            Assert.Equal((bool)o["isAdmin"]!, v.IsAdmin);
            var expected = o["enforcedBy"]!.AsArray().Select(e => (string)e!).ToList();
            if (expected.Count > 1) expected.Remove(MfaConstants.PerUserMfa);
            Assert.Equal(expected, v.EnforcedBy);
            if (expected.Contains(MfaConstants.SecurityDefaults) || expected.Contains(MfaConstants.ConditionalAccess) || !v.AccountEnabled) Assert.Null(v.PerUserMfaState);
        }
    }
}
