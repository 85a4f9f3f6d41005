using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.SecurityAlerts;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.SpendingBudgets;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecurityScore;

/// <summary>
/// The readers against answers the emulator does not give by itself (rewritten on the way back): a next page where
/// Partner Center documents none, a page without its items, a next link to another host, a single object not wrapped
/// in "value". Each is read whole or refused; none becomes a shorter list.
/// </summary>
public class AnswerShapeTests
{
    /// <summary>The emulator behind a rewriter of chosen answers.</summary>
    private sealed class Rewriter : DelegatingHandler
    {
        private readonly Func<HttpRequestMessage, JsonNode, JsonNode?> _rewrite;

        public Rewriter(HttpMessageHandler inner, Func<HttpRequestMessage, JsonNode, JsonNode?> rewrite) : base(inner) => _rewrite = rewrite;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode || request.RequestUri!.Host.StartsWith("login.", StringComparison.Ordinal)) return response;
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (text.Length == 0) return response;
            var rewritten = _rewrite(request, JsonNode.Parse(text)!);
            if (rewritten == null) return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text, Encoding.UTF8, "application/json"), RequestMessage = request };
            return new HttpResponseMessage(response.StatusCode) { Content = new StringContent(rewritten.ToJsonString(), Encoding.UTF8, "application/json"), RequestMessage = request };
        }
    }

    private static Task<PartnerConnection> ConnectAsync(Func<HttpRequestMessage, JsonNode, JsonNode?> rewrite, out PartnerSecurity.Emulator.TenantEmulator emulator)
    {
        emulator = DemoPartner.Emulator();
        var request = TestConnections.Request(emulator, DemoPartner.Ava);
        request.Transport = new Rewriter(emulator, rewrite);
        return PartnerConnection.ConnectAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task A_next_page_partner_center_sends_is_followed_not_dropped()
    {
        int pages = 0;
        using var connection = await ConnectAsync((request, body) =>
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/partnerRequests", StringComparison.Ordinal)) return null;
            if (request.Headers.TryGetValues("MS-ContinuationToken", out var token) && token.Single() == "page-2")
            {
                pages++;
                body["items"] = new JsonArray(body["items"]![0]!.DeepClone());
                body["items"]![0]!["requestId"] = "from-page-2";
                return body;
            }
            pages++;
            body["links"]!["next"] = new JsonObject { ["uri"] = "/partnerRequests?seekOperation=Next", ["method"] = "GET", ["headers"] = new JsonArray(new JsonObject { ["key"] = "MS-ContinuationToken", ["value"] = "page-2" }) };
            return body;
        }, out var emulator);
        var requests = await PartnerMfaAdoptionReader.ReadRequestsAsync(connection, CancellationToken.None);
        Assert.Equal(2, pages);
        Assert.Contains(requests, r => r.RequestId == "from-page-2");
        var captured = DateTimeOffset.Parse((string)DemoPartner.Json()["capturedDateTime"]!);
        var recent = DemoPartner.Json()["partnerCenterMfa"]!["partnerRequests"]!.AsArray()
            .Count(r => DateTimeOffset.Parse((string)r!["requestDateTime"]! + "Z") >= captured.AddDays(-7));
        Assert.Equal(recent + 1, requests.Count);
    }

    [Fact]
    public async Task A_page_without_its_items_or_value_is_an_error_not_an_empty_list()
    {
        using var connection = await ConnectAsync((request, body) =>
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/nonMfaCompliantPartnerPrincipals", StringComparison.Ordinal)) { body.AsObject().Remove("items"); return body; }
            if (path.EndsWith("/securityAlerts", StringComparison.Ordinal)) { body.AsObject().Remove("value"); return body; }
            if (path.EndsWith("/history", StringComparison.Ordinal)) { body["value"]![0]!["score"] = "high"; return body; }
            if (path.EndsWith("/usagebudget", StringComparison.Ordinal)) { body.AsObject().Remove("amount"); return body; }
            return null;
        }, out _);
        foreach (var read in new Func<Task>[]
        {
            () => PartnerMfaAdoptionReader.ReadNonMfaUsersAsync(connection, CancellationToken.None),
            () => SecurityAlertClient.ListAsync(connection, new AlertFilter(), CancellationToken.None),
            () => SecurityScoreReader.ReadHistoryAsync(connection, CancellationToken.None),
            () => SpendingBudgetClient.GetAsync(connection, (string)DemoPartner.Json()["customers"]![0]!["customer"]!["id"]!, CancellationToken.None),
        })
        {
            var ex = await Assert.ThrowsAsync<PartnerSecurityException>(read);
            Assert.Equal("UnreadableAnswer", ex.ErrorId);
        }
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_before_the_token_goes_there()
    {
        using var connection = await ConnectAsync((request, body) =>
        {
            if (!request.RequestUri!.AbsolutePath.EndsWith("/customerInsights", StringComparison.Ordinal)) return null;
            body["@odata.nextLink"] = "https://graph.example.net/beta/security/partner/securityScore/customerInsights?$skiptoken=x";
            return body;
        }, out var emulator);
        var ex = await Assert.ThrowsAsync<PartnerSecurityException>(() => SecurityScoreReader.ReadCustomerInsightsAsync(connection, CancellationToken.None));
        Assert.Contains("outside https://graph.microsoft.com", ex.Message);
        Assert.DoesNotContain(emulator.Requests.Records, r => r.Url.Contains("example.net"));
    }

    [Fact]
    public async Task The_score_reads_whether_or_not_graph_wraps_it_in_value()
    {
        using var plain = await ConnectAsync((request, body) =>
            request.RequestUri!.AbsolutePath.EndsWith("/securityScore", StringComparison.Ordinal) ? body["value"]!.DeepClone() : null, out _);
        var score = await SecurityScoreReader.ReadScoreAsync(plain, CancellationToken.None);
        Assert.Equal((double)DemoPartner.Json()["partnerSecurity"]!["securityScore"]!["currentScore"]!, score.CurrentScore);
    }
}
