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
            foreach (var user in await ResolveAsync(connection, tenant, query, cancellationToken).ConfigureAwait(false))
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

        /// <summary>
        /// The query's users with their object ids: users given by name only are looked up in the directory (in bulk), so
        /// the log is filtered by userId. A name the directory does not know (a guest's home address, a deleted user) is
        /// read by its user principal name.
        /// </summary>
        private static async Task<IReadOnlyList<SignInUser?>> ResolveAsync(PartnerConnection connection, TenantTarget tenant, SignInQuery query, CancellationToken cancellationToken)
        {
            var users = query.DistinctUsers();
            var names = users.Where(u => u != null && u.Id == null).Select(u => u!.UserPrincipalName!).ToList();
            if (names.Count == 0) return users;
            var found = await Mfa.PerUserMfaWriter.FindUsersAsync(connection, tenant, names, cancellationToken).ConfigureAwait(false);
            var resolved = users.Select(u => u != null && u.Id == null && found.TryGetValue(u.UserPrincipalName!, out var user) ? new SignInUser(u.UserPrincipalName, user.Id) : u).ToList();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return resolved.Where(u => u == null || seen.Add(u.Id ?? "upn:" + u.UserPrincipalName)).ToList();
        }

        private static async Task<JsonDocument?> ReadPageAsync(PartnerConnection connection, TenantTarget tenant, string url, CancellationToken cancellationToken)
        {
            try
            {
                return await GraphRest.SendAsync(connection, tenant.Id, HttpMethod.Get, url, null, "Reading sign-in logs", cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.PremiumLicenseRequired)
            {
                throw PremiumRequired(tenant, ex);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphAccessDenied)
            {
                throw new PartnerSecurityException(ex.ErrorId, ex.Kind, ex.Message,
                    GraphErrors.AccessAction(tenant, "AuditLog.Read.All and Directory.Read.All", "Global Reader, Reports Reader, Security Reader, Security Operator or Security Administrator"), ex, tenant.Requested);
            }
        }

        /// <summary>
        /// The error for a tenant without Entra ID P1 or P2: Graph serves no sign-in logs there. It names the tenant
        /// and says what evidence is still available.
        /// </summary>
        public static PartnerSecurityException PremiumRequired(TenantTarget tenant, Exception? inner) =>
            new PartnerSecurityException(ErrorIds.PremiumLicenseRequired, ErrorKind.PermissionDenied,
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
                MfaMethod = MfaMethod(item, errorCode == 0),
                ConditionalAccessStatus = String(item, "conditionalAccessStatus"),
                Succeeded = errorCode == 0,
                ErrorCode = errorCode,
                FailureReason = status is JsonElement st ? NullIfEmpty(String(st, "failureReason")) : null,
                IPAddress = String(item, "ipAddress"),
                Location = Place(Object(item, "location")),
            };
        }

        /// <summary>
        /// How MFA was met, from authenticationDetails (beta mfaDetail is deprecated and Graph leaves it null): the method
        /// of the succeeded step whose requirement is MFA ("MFA", "Multifactor authentication"...); for a successful
        /// sign-in that required MFA without such a step, its passwordless primary method (FIDO2, Windows Hello). Older
        /// records that still carry mfaDetail fall back to it.
        /// </summary>
        private static string? MfaMethod(JsonElement item, bool succeeded)
        {
            var steps = item.TryGetProperty("authenticationDetails", out var details) && details.ValueKind == JsonValueKind.Array
                ? details.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.Object && d.TryGetProperty("succeeded", out var ok) && ok.ValueKind == JsonValueKind.True).ToList()
                : new List<JsonElement>();
            var method = steps.Where(d => IsMfaRequirement(String(d, "authenticationStepRequirement"))).Select(d => NullIfEmpty(String(d, "authenticationMethod"))).LastOrDefault(m => m != null);
            if (method == null && succeeded && String(item, "authenticationRequirement") == "multiFactorAuthentication")
                method = steps.Select(d => NullIfEmpty(String(d, "authenticationMethod"))).LastOrDefault(m => m != null && !string.Equals(m, "Password", StringComparison.OrdinalIgnoreCase));
            return method ?? (Object(item, "mfaDetail") is JsonElement m ? NullIfEmpty(String(m, "authMethod")) : null);
        }

        private static bool IsMfaRequirement(string? requirement) =>
            requirement != null && (requirement.IndexOf("mfa", StringComparison.OrdinalIgnoreCase) >= 0
                || requirement.Replace("-", string.Empty).IndexOf("multifactor", StringComparison.OrdinalIgnoreCase) >= 0);

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
