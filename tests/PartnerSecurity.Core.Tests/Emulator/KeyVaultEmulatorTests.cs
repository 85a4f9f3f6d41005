using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.Emulator;

/// <summary>The emulated Key Vault on the wire, as Microsoft answers: the challenge, versions, paging, soft-delete, 403s, error shape.</summary>
public class KeyVaultEmulatorTests
{
    private const string Vault = "https://northwind-automation.vault.azure.net";
    private const string Api = "api-version=7.5";

    private static HttpClient Client(PartnerSecurity.Emulator.TenantEmulator emulator, string? upn = DemoPartner.Ava)
    {
        var client = new HttpClient(emulator);
        if (upn != null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueUserAccessToken(upn, "https://vault.azure.net/.default"));
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Send(HttpClient client, HttpMethod method, string url, JsonObject? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body != null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : (JsonObject)JsonNode.Parse(text)!);
    }

    private static void AssertError(JsonObject body, string code)
    {
        var error = Assert.IsType<JsonObject>(body["error"]);
        Assert.Equal(code, (string)error["code"]!);
        Assert.False(string.IsNullOrEmpty((string?)error["message"]));
    }

    [Fact]
    public async Task An_unauthenticated_request_gets_the_challenge_the_Azure_SDK_reads()
    {
        using var emulator = DemoPartner.Emulator();
        var response = await Client(emulator, upn: null).GetAsync($"{Vault}/secrets/partner?{Api}");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains($"authorization=\"https://login.microsoftonline.com/{emulator.Snapshot.Tenant.Id}\"", challenge.Parameter);
        Assert.Contains("resource=\"https://vault.azure.net\"", challenge.Parameter);

        using var graphToken = new HttpClient(emulator);
        graphToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.IssueUserAccessToken(DemoPartner.Ava, "https://graph.microsoft.com/.default"));
        var (status, body) = await Send(graphToken, HttpMethod.Get, $"{Vault}/secrets/partner?{Api}");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        AssertError(body, "Unauthorized");
        var (missingVersion, versionBody) = await Send(Client(emulator), HttpMethod.Get, $"{Vault}/secrets/partner");
        Assert.Equal(HttpStatusCode.BadRequest, missingVersion);
        AssertError(versionBody, "BadParameter");
    }

    [Fact]
    public async Task Versions_paging_soft_delete_recover_and_purge()
    {
        using var emulator = DemoPartner.Emulator();
        var client = Client(emulator);
        var ids = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            var (status, body) = await Send(client, HttpMethod.Put, $"{Vault}/secrets/partner?{Api}", new JsonObject
            {
                ["value"] = "value-" + i,
                ["contentType"] = "text/plain",
                ["attributes"] = new JsonObject { ["enabled"] = true, ["exp"] = 1900000000 + i },
                ["tags"] = new JsonObject { ["n"] = i.ToString() },
            });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("value-" + i, (string)body["value"]!);
            Assert.Equal(1900000000 + i, (long)body["attributes"]!["exp"]!);
            Assert.Equal("Recoverable+Purgeable", (string)body["attributes"]!["recoveryLevel"]!);
            ids.Add((string)body["id"]!);
        }
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches(@"^https://northwind-automation\.vault\.azure\.net/secrets/partner/[0-9a-f]{32}$", id));

        var (_, latest) = await Send(client, HttpMethod.Get, $"{Vault}/secrets/partner?{Api}");
        Assert.Equal("value-2", (string)latest["value"]!);
        var (_, first) = await Send(client, HttpMethod.Get, $"{ids[0]}?{Api}");
        Assert.Equal("value-0", (string)first["value"]!);

        // Versions, one a page: each page has a nextLink until the last, and never a value.
        var seen = new List<string>();
        string? next = $"{Vault}/secrets/partner/versions?{Api}&maxresults=1";
        while (next != null)
        {
            var (status, page) = await Send(client, HttpMethod.Get, next);
            Assert.Equal(HttpStatusCode.OK, status);
            var item = Assert.Single(page["value"]!.AsArray())!;
            Assert.Null(item["value"]);
            seen.Add((string)item["id"]!);
            next = (string?)page["nextLink"];
        }
        Assert.Equal(ids.Order(), seen.Order());

        var (deleted, deletedBody) = await Send(client, HttpMethod.Delete, $"{Vault}/secrets/partner?{Api}");
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal($"{Vault}/deletedsecrets/partner", (string)deletedBody["recoveryId"]!);
        var (gone, goneBody) = await Send(client, HttpMethod.Get, $"{Vault}/secrets/partner?{Api}");
        Assert.Equal(HttpStatusCode.NotFound, gone);
        AssertError(goneBody, "SecretNotFound");
        var (conflict, conflictBody) = await Send(client, HttpMethod.Put, $"{Vault}/secrets/partner?{Api}", new JsonObject { ["value"] = "again" });
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        AssertError(conflictBody, "Conflict");

        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Post, $"{Vault}/deletedsecrets/partner/recover?{Api}")).Status);
        Assert.Equal("value-2", (string)(await Send(client, HttpMethod.Get, $"{Vault}/secrets/partner?{Api}")).Body["value"]!);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Delete, $"{Vault}/secrets/partner?{Api}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(client, HttpMethod.Delete, $"{Vault}/deletedsecrets/partner?{Api}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Send(client, HttpMethod.Put, $"{Vault}/secrets/partner?{Api}", new JsonObject { ["value"] = "new" })).Status);
        Assert.DoesNotContain(emulator.Changes.Records, c => c.Change.Contains("value-"));
    }

    [Fact]
    public async Task No_role_or_access_policy_is_403_ForbiddenByRbac_or_ForbiddenByPolicy()
    {
        using var emulator = DemoPartner.Emulator();
        var someoneElse = (string)DemoPartner.Json()["users"]![1]!["userPrincipalName"]!;
        var (rbac, rbacBody) = await Send(Client(emulator, someoneElse), HttpMethod.Get, $"{Vault}/secrets/partner?{Api}");
        Assert.Equal(HttpStatusCode.Forbidden, rbac);
        AssertError(rbacBody, "Forbidden");
        Assert.Equal("ForbiddenByRbac", (string)rbacBody["error"]!["innererror"]!["code"]!);
        Assert.Contains("Microsoft.KeyVault/vaults/secrets/getSecret/action", (string)rbacBody["error"]!["message"]!);

        var (policy, policyBody) = await Send(Client(emulator), HttpMethod.Put, $"https://northwind-locked.vault.azure.net/secrets/partner?{Api}", new JsonObject { ["value"] = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, policy);
        Assert.Equal("ForbiddenByPolicy", (string)policyBody["error"]!["innererror"]!["code"]!);
        Assert.Contains("does not have secrets set permission on key vault 'northwind-locked", (string)policyBody["error"]!["message"]!);

        await Assert.ThrowsAsync<HttpRequestException>(() => Client(emulator).GetAsync($"https://no-such-vault.vault.azure.net/secrets/partner?{Api}"));
    }
}
