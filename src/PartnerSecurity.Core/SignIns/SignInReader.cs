using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.SignIns
{
    /// <summary>
    /// Streams a tenant's sign-ins from Graph beta auditLogs/signIns (v1.0 has no authenticationRequirement or
    /// mfaDetail): the date window, the user and the success and single-factor filters go to the server, pages of
    /// 1,000 follow @odata.nextLink to the end, and each page is released before the next is asked for, so memory
    /// stays flat however many sign-ins a tenant has. The caller's pace sets the reader's: the next page is only
    /// requested when the caller has taken the previous one.
    /// </summary>
    public static class SignInReader
    {
        public const int PageSize = 1000;

        /// <summary>
        /// The sign-ins the query asks for, newest first per user (users one after another). <paramref name="pageRead"/>
        /// is told the running count of records read from Graph after each page.
        /// </summary>
        public static async IAsyncEnumerable<SignInActivity> ReadAsync(PartnerConnection connection, TenantTarget tenant, SignInQuery query,
            Action<long>? pageRead, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long read = 0;
            foreach (var user in query.Users())
            {
                var first = GraphRest.Url(connection, beta: true, "/auditLogs/signIns")
                    + "?$filter=" + Uri.EscapeDataString(query.Filter(user))
                    + "&$top=" + PageSize.ToString(CultureInfo.InvariantCulture);
                await foreach (var item in GraphPaging.ReadAllAsync<JsonDocument, SignInActivity>(connection.Paged("Reading sign-in logs", tenant.Id),
                    (link, ct) => ReadPageAsync(connection, tenant, link ?? first, ct),
                    page => GraphPaging.JsonPage(page, item => Map(item, tenant)), null, cancellationToken).ConfigureAwait(false))
                {
                    // Counted as handed on, so a page asked for again is not counted twice.
                    if (++read % PageSize == 0) pageRead?.Invoke(read);
                    if (query.Keeps(item)) yield return item;
                }
                if (read % PageSize != 0) pageRead?.Invoke(read);
            }
        }

        private static async Task<JsonDocument?> ReadPageAsync(PartnerConnection connection, TenantTarget tenant, string url, CancellationToken cancellationToken)
        {
            try
            {
                return await GraphRest.SendAsync(connection, tenant.Id, HttpMethod.Get, url, null, "Reading sign-in logs", cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == "PremiumLicenseRequired")
            {
                throw PremiumRequired(tenant, ex);
            }
        }

        /// <summary>
        /// The error for a tenant without Entra ID P1 or P2: Graph serves no sign-in logs there. It names the tenant
        /// and says what evidence is still available.
        /// </summary>
        public static PartnerSecurityException PremiumRequired(TenantTarget tenant, Exception? inner) =>
            new PartnerSecurityException("PremiumLicenseRequired", ErrorKind.PermissionDenied,
                $"Tenant {tenant.Label} has no Microsoft Entra ID P1 or P2 licence, and Microsoft Graph serves sign-in logs only to tenants that have one " +
                "(Authentication_RequestFromNonPremiumTenantOrB2CTenant). No sign-ins were read from it.",
                $"Evidence still available without P1 or P2: Get-PartnerMfaStatus -CustomerTenantId {tenant.Id} (each user's MFA verdict from security defaults, " +
                "per-user MFA and conditional access, and MFA registration where the tenant's licence allows the report); the sign-in logs of the last 7 days in the " +
                "Microsoft Entra admin center and the Microsoft 365 admin center. Add Microsoft Entra ID P1 or P2 to the tenant to read its sign-in logs here.",
                inner, tenant.Requested);

        /// <summary>A Graph beta signIn as a <see cref="SignInActivity"/>.</summary>
        public static SignInActivity Map(JsonElement item, TenantTarget tenant)
        {
            var status = Object(item, "status");
            int errorCode = status is JsonElement s && s.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var c) ? c : 0;
            var mfa = Object(item, "mfaDetail");
            var client = String(item, "clientAppUsed");
            return new SignInActivity
            {
                TenantId = tenant.Id,
                TenantName = tenant.Name ?? tenant.Id,
                Id = String(item, "id") ?? string.Empty,
                CreatedDateTime = DateTimeOffset.TryParse(String(item, "createdDateTime"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var created) ? created : default,
                UserPrincipalName = String(item, "userPrincipalName") ?? string.Empty,
                UserDisplayName = String(item, "userDisplayName"),
                UserId = String(item, "userId"),
                AppDisplayName = String(item, "appDisplayName"),
                ClientAppUsed = client,
                IsLegacyAuthentication = LegacyAuthentication.IsLegacy(client),
                IsInteractive = Interactive(item),
                AuthenticationRequirement = String(item, "authenticationRequirement"),
                MfaMethod = mfa is JsonElement m ? NullIfEmpty(String(m, "authMethod")) : null,
                ConditionalAccessStatus = String(item, "conditionalAccessStatus"),
                Succeeded = errorCode == 0,
                ErrorCode = errorCode,
                FailureReason = status is JsonElement st ? NullIfEmpty(String(st, "failureReason")) : null,
                IPAddress = String(item, "ipAddress"),
                Location = Place(Object(item, "location")),
            };
        }

        private static bool Interactive(JsonElement item)
        {
            if (item.TryGetProperty("isInteractive", out var interactive) && (interactive.ValueKind == JsonValueKind.True || interactive.ValueKind == JsonValueKind.False))
                return interactive.GetBoolean();
            if (item.TryGetProperty("signInEventTypes", out var types) && types.ValueKind == JsonValueKind.Array)
                return types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "interactiveUser");
            return true;
        }

        private static string? Place(JsonElement? location)
        {
            if (!(location is JsonElement l)) return null;
            var parts = new[] { String(l, "city"), String(l, "state"), String(l, "countryOrRegion") }.Where(p => !string.IsNullOrEmpty(p)).ToArray();
            return parts.Length == 0 ? null : string.Join(", ", parts);
        }

        private static JsonElement? Object(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : (JsonElement?)null;

        private static string? String(JsonElement item, string name) =>
            item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
