using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;

namespace PartnerSecurity.PartnerCenter
{
    /// <summary>A customer as Partner Center lists it.</summary>
    public sealed class PartnerCenterCustomer
    {
        public PartnerCenterCustomer(string id, string tenantId, string companyName, string? domain, string? relationshipToPartner)
        {
            Id = id;
            TenantId = tenantId;
            CompanyName = companyName;
            Domain = domain;
            RelationshipToPartner = relationshipToPartner;
        }

        public string Id { get; }
        public string TenantId { get; }
        public string CompanyName { get; }
        public string? Domain { get; }
        /// <summary>none, reseller, advisor, syndication, microsoft_support.</summary>
        public string? RelationshipToPartner { get; }
    }

    /// <summary>
    /// The few Partner Center REST endpoints the module uses, over the connection's HTTP pipeline with a
    /// Partner Center token for the partner tenant. Every request carries MS-RequestId (the same on each
    /// retry, since the pipeline resends the request as it was) and the client's MS-CorrelationId.
    /// </summary>
    public sealed class PartnerCenterClient
    {
        /// <summary>Customers per page: what Microsoft's own tools ask for.</summary>
        public const int PageSize = 500;

        private readonly PartnerConnection _connection;

        public PartnerCenterClient(PartnerConnection connection)
        {
            _connection = connection;
            CorrelationId = Guid.NewGuid();
        }

        /// <summary>Ties the requests of one operation together in Partner Center's logs.</summary>
        public Guid CorrelationId { get; }

        /// <summary>
        /// Every customer, following the continuation token (seekOperation=Next, MS-ContinuationToken) to the end. A
        /// page without its items, or with an item that names no tenant, is asked for again and then fails the read
        /// (<see cref="GraphPaging"/>): a shorter customer list would silently leave tenants unassessed.
        /// </summary>
        public IAsyncEnumerable<PartnerCenterCustomer> GetCustomersAsync(CancellationToken cancellationToken)
        {
            const string operation = "Listing Partner Center customers";
            var first = $"/v1/customers?size={PageSize}";
            return GraphPaging.ReadAllAsync<JsonDocument, PartnerCenterCustomer>(_connection.Paged(operation, _connection.HomeTenantId),
                (continuation, ct) => GetAsync(continuation == null ? first : first + "&seekOperation=Next", continuation, operation, ct),
                ReadPage, null, cancellationToken);
        }

        private static PageContent<PartnerCenterCustomer> ReadPage(JsonDocument page)
        {
            var root = page.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                return new PageContent<PartnerCenterCustomer>(null, null);
            var customers = new List<PartnerCenterCustomer?>(items.GetArrayLength());
            foreach (var item in items.EnumerateArray()) customers.Add(item.ValueKind == JsonValueKind.Object ? ReadCustomer(item) : null);
            return new PageContent<PartnerCenterCustomer>(customers, ContinuationToken(root));
        }

        private static PartnerCenterCustomer? ReadCustomer(JsonElement item)
        {
            var id = Str(item, "id");
            JsonElement profile = item.TryGetProperty("companyProfile", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var tenantId = (profile.ValueKind == JsonValueKind.Object ? Str(profile, "tenantId") : null) ?? id;
            // A customer is reached by its tenant GUID (it goes into sign-in and Graph URLs): anything else is not a customer record.
            if (tenantId == null || !Guid.TryParse(tenantId, out var tenantGuid)) return null;
            tenantId = tenantGuid.ToString("D");
            var name = (profile.ValueKind == JsonValueKind.Object ? Str(profile, "companyName") : null) ?? tenantId;
            var domain = profile.ValueKind == JsonValueKind.Object ? Str(profile, "domain") : null;
            return new PartnerCenterCustomer(id ?? tenantId, tenantId, name, domain, Str(item, "relationshipToPartner"));
        }

        /// <summary>The next page's token: the top-level continuationToken, or the header of links.next.</summary>
        private static string? ContinuationToken(JsonElement root)
        {
            var token = Str(root, "continuationToken");
            if (!string.IsNullOrEmpty(token)) return token;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object
                && links.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Object
                && next.TryGetProperty("headers", out var headers) && headers.ValueKind == JsonValueKind.Array)
            {
                foreach (var header in headers.EnumerateArray())
                {
                    if (string.Equals(Str(header, "key"), "MS-ContinuationToken", StringComparison.OrdinalIgnoreCase))
                    {
                        var value = Str(header, "value");
                        if (!string.IsNullOrEmpty(value)) return value;
                    }
                }
            }
            return null;
        }

        /// <summary>A page for the pager: null for an empty answer, which it asks for again.</summary>
        private Task<JsonDocument?> GetAsync(string pathAndQuery, string? continuationToken, string operation, CancellationToken cancellationToken) =>
            SendOrEmptyAsync(HttpMethod.Get, pathAndQuery, null, continuationToken, operation, cancellationToken);

        /// <summary>One request to Partner Center (a path under its endpoint, "/v1/..."); the JSON answer, or the translated error.</summary>
        internal async Task<JsonDocument> SendAsync(HttpMethod method, string pathAndQuery, string? jsonBody, string? continuationToken, string operation, CancellationToken cancellationToken) =>
            await SendOrEmptyAsync(method, pathAndQuery, jsonBody, continuationToken, operation, cancellationToken).ConfigureAwait(false)
            ?? throw new PartnerSecurityException("PartnerCenterResponseUnreadable", ErrorKind.InvalidData, $"{operation}: Partner Center's answer is empty.", "Run the command again.", null, _connection.HomeTenantId);

        private async Task<JsonDocument?> SendOrEmptyAsync(HttpMethod method, string pathAndQuery, string? jsonBody, string? continuationToken, string operation, CancellationToken cancellationToken)
        {
            var token = await _connection.Tokens.AcquireAsync(ApiResource.PartnerCenter, _connection.HomeTenantId, cancellationToken).ConfigureAwait(false);
            using var client = _connection.Pipeline.CreateClient();
            using var request = new HttpRequestMessage(method, _connection.Environment.PartnerCenterEndpoint + pathAndQuery);
            if (jsonBody != null) request.Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.TryAddWithoutValidation("MS-RequestId", Guid.NewGuid().ToString());
            request.Headers.TryAddWithoutValidation("MS-CorrelationId", CorrelationId.ToString());
            request.Headers.TryAddWithoutValidation("MS-PartnerCenter-Client", "PartnerSecurity");
            request.Headers.TryAddWithoutValidation("X-Locale", "en-US");
            if (continuationToken != null) request.Headers.TryAddWithoutValidation("MS-ContinuationToken", continuationToken);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw PartnerCenterErrors.Translate((int)response.StatusCode, text, operation, _connection.HomeTenantId, _connection.Context);
            // An empty answer is no page at all: the pager asks for it again.
            if (text.Trim().Length == 0) return null;
            try
            {
                return JsonDocument.Parse(text);
            }
            catch (JsonException ex)
            {
                throw new PartnerSecurityException("PartnerCenterResponseUnreadable", ErrorKind.InvalidData, $"{operation}: Partner Center's answer is not JSON ({ex.Message}).", null, ex);
            }
        }

        private static string? Str(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>Turns Partner Center's error body ({ code, description, ... }) into errors that say what to do.</summary>
    public static class PartnerCenterErrors
    {
        /// <summary>900421: since April 2026 Partner Center refuses every App+User call without an MFA claim (HTTP 401).</summary>
        public const string MfaEnforced = "900421";
        /// <summary>10001: the SDK-era "Authentication failed. MFA required."</summary>
        public const string MfaRequiredLegacy = "10001";

        public static PartnerSecurityException Translate(int status, string body, string operation, string partnerTenantId, PartnerSecurityContext? connection = null)
        {
            string? code = null, description = null;
            try
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    if (root.TryGetProperty("code", out var c)) code = c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText();
                    if (root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String) description = d.GetString();
                    else if (root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) description = m.GetString();
                }
            }
            catch (JsonException) { }
            var detail = $"{operation} failed: {description ?? "no description"} (Partner Center {(code == null ? string.Empty : "code " + code + ", ")}HTTP {status}).";
            if (code == MfaEnforced || code == MfaRequiredLegacy || (description?.IndexOf("MFA required", StringComparison.OrdinalIgnoreCase) >= 0))
                return MfaRequired(detail, partnerTenantId, connection);
            switch (status)
            {
                case 401:
                    return new PartnerSecurityException("PartnerCenterUnauthorized", ErrorKind.AuthenticationError, detail,
                        "Run Connect-PartnerSecurity again with an account of the partner tenant that has a Partner Center role (Admin agent).", null, partnerTenantId);
                case 403:
                    return new PartnerSecurityException(ErrorIds.PartnerCenterAccessDenied, ErrorKind.PermissionDenied, detail,
                        "Give the signed-in account the Admin agent role in Partner Center (or connect with one that has it).", null, partnerTenantId);
                case 404:
                    return new PartnerSecurityException(ErrorIds.PartnerCenterNotFound, ErrorKind.ObjectNotFound, detail, null, null, partnerTenantId);
                case 429:
                    return new PartnerSecurityException("PartnerCenterThrottled", ErrorKind.LimitsExceeded, detail,
                        "Partner Center kept throttling after the retries; run again in a minute.", null, partnerTenantId);
                default:
                    if (status >= 500)
                        return new PartnerSecurityException("PartnerCenterUnavailable", ErrorKind.ResourceUnavailable, detail, "Partner Center is unavailable; run again later.", null, partnerTenantId);
                    return new PartnerSecurityException("PartnerCenterRequestFailed", ErrorKind.InvalidOperation, detail, null, null, partnerTenantId);
            }
        }

        /// <summary>One error that names the connection whose sign-in lacks MFA and the way to a compliant one.</summary>
        private static PartnerSecurityException MfaRequired(string detail, string partnerTenantId, PartnerSecurityContext? connection)
        {
            var who = connection == null
                ? "The connection's sign-in"
                : $"The connection as {connection.Account} ({connection.AuthMode}) to {connection.TenantName}";
            var message = $"{who} carries no MFA claim, and Partner Center refuses every App+User call without one (enforced since April 2026). {detail}";
            var action = connection?.AuthMode == "SecureAppModel"
                ? "Redo the one-time consent with MFA: New-SecureAppModelToken -ApplicationId <app id> -CertificateThumbprint <thumbprint> -SaveAs <name> (signed in as an integration user who completes MFA), then Connect-PartnerSecurity -RefreshTokenName <name>."
                : "Sign in with MFA: run Connect-PartnerSecurity again and complete MFA; for automation, redo the Secure Application Model consent with MFA (New-SecureAppModelToken -SaveAs <name>) and connect with -RefreshTokenName <name>.";
            return new PartnerSecurityException("PartnerCenterMfaRequired", ErrorKind.AuthenticationError, message, action, null, partnerTenantId);
        }
    }
}
