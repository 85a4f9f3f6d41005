using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Json;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>
    /// Graph beta /security/partner (docs/cmdlets/Get-PartnerSecurityScore.md): the partner's own data, read in the
    /// partner tenant with a token that carries PartnerSecurity.Read.All (or ReadWrite.All to update alerts).
    /// Refuses clouds where the API does not exist before sending anything, reads single objects whether Graph
    /// wraps them in "value" (as its documentation shows) or not, reads collections strictly to the last
    /// @odata.nextLink, and turns a refused permission into one error that says what to grant.
    /// </summary>
    public static class PartnerSecurityGraph
    {
        public const string ScorePath = "/security/partner/securityScore";
        public const string AlertsPath = "/security/partner/securityAlerts";
        public const string ReadPermission = "PartnerSecurity.Read.All";
        public const string WritePermission = "PartnerSecurity.ReadWrite.All";

        /// <summary>The score exists in Microsoft's global cloud only (its pages say "global service only").</summary>
        public static void RequireScoreCloud(PartnerConnection connection)
        {
            if (connection.Environment != CloudEnvironment.Global)
                throw NationalCloud(connection, "Microsoft's partner security score", "exists only in Microsoft's global cloud");
        }

        /// <summary>Alerts: Microsoft's pages disagree on the US Government clouds and agree that China has none.</summary>
        public static void RequireAlertCloud(PartnerConnection connection)
        {
            if (connection.Environment == CloudEnvironment.China)
                throw NationalCloud(connection, "Microsoft's partner security alerts", "do not exist in the China cloud (21Vianet)");
        }

        private static PartnerSecurityException NationalCloud(PartnerConnection connection, string what, string where) =>
            new PartnerSecurityException("NotAvailableInCloud", ErrorKind.NotSupported,
                $"{what} {where}; this connection is to the {connection.Environment.Name} cloud. Nothing was requested.",
                "Read it in Partner Center of the global cloud, or connect to a partner tenant of the global cloud (Connect-PartnerSecurity without -Environment).",
                null, connection.HomeTenantId);

        /// <summary>A single object: top level, or wrapped in "value" as the documentation's examples show.</summary>
        /// <remarks><paramref name="forUpdate"/>: read with the write permission, so that an update needs that one permission alone.</remarks>
        public static async Task<StrictJson> GetEntityAsync(PartnerConnection connection, string path, string source, CancellationToken cancellationToken, bool forUpdate = false)
        {
            using var document = await SendUrlAsync(connection, HttpMethod.Get, GraphRest.Url(connection, beta: true, path), null, source, cancellationToken, forUpdate).ConfigureAwait(false);
            var root = Root(document, source);
            if (root.Element.TryGetProperty("value", out var value) && value.ValueKind != JsonValueKind.Null)
                return new StrictJson(value.Clone(), source, "the answer's value");
            return new StrictJson(root.Element.Clone(), source, "the answer");
        }

        /// <summary>Every item of a collection, following @odata.nextLink to the end; any malformed page fails the whole read.</summary>
        public static async Task<List<StrictJson>> GetCollectionAsync(PartnerConnection connection, string path, string source, string itemLabel, CancellationToken cancellationToken)
        {
            var items = new List<StrictJson>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            string? link = GraphRest.Url(connection, beta: true, path);
            int page = 0;
            while (link != null)
            {
                page++;
                using var document = await SendUrlAsync(connection, HttpMethod.Get, link, null, source, cancellationToken).ConfigureAwait(false);
                var root = Root(document, source);
                if (!root.Element.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                    throw root.Invalid("value", "the array of " + itemLabel + "s");
                foreach (var element in value.EnumerateArray())
                    items.Add(new StrictJson(element.Clone(), source, $"{itemLabel} {items.Count + 1} (page {page})"));
                link = root.OptionalString("@odata.nextLink");
                if (link == null) continue;
                // The token goes wherever the link points: only to this cloud's Graph, and never round in a circle.
                if (!link.StartsWith(connection.Environment.GraphEndpoint + "/", StringComparison.OrdinalIgnoreCase))
                    throw StrictJson.Unreadable(source, $"page {page} links to a next page outside {connection.Environment.GraphEndpoint}");
                if (!seen.Add(link))
                    throw StrictJson.Unreadable(source, $"page {page} links to a page already read ('@odata.nextLink' repeats)");
            }
            return items;
        }

        /// <summary>Updates one object (PATCH) and returns what Graph answers with (the updated object, for alerts).</summary>
        public static async Task<StrictJson?> PatchAsync(PartnerConnection connection, string path, string jsonBody, string source, CancellationToken cancellationToken)
        {
            using var document = await SendAsync(connection, new HttpMethod("PATCH"), path, jsonBody, source, cancellationToken).ConfigureAwait(false);
            if (document == null) return null;
            var root = Root(document, source);
            if (root.Element.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Object)
                return new StrictJson(value.Clone(), source, "the answer's value");
            return new StrictJson(root.Element.Clone(), source, "the answer");
        }

        private static StrictJson Root(JsonDocument? document, string source) =>
            document == null ? throw StrictJson.Unreadable(source, "the answer is empty") : new StrictJson(document.RootElement, source, "the answer");

        private static Task<JsonDocument?> SendAsync(PartnerConnection connection, HttpMethod method, string path, string? body, string source, CancellationToken cancellationToken) =>
            SendUrlAsync(connection, method, GraphRest.Url(connection, beta: true, path), body, source, cancellationToken);

        private static async Task<JsonDocument?> SendUrlAsync(PartnerConnection connection, HttpMethod method, string url, string? body, string source, CancellationToken cancellationToken,
            bool forUpdate = false)
        {
            bool write = method.Method != "GET" || forUpdate;
            var resource = write ? ApiResource.GraphPartnerSecurityWrite : ApiResource.GraphPartnerSecurity;
            var permission = write ? WritePermission : ReadPermission;
            AccessToken token;
            try
            {
                token = await connection.Tokens.AcquireAsync(resource, connection.HomeTenantId, cancellationToken).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.ConsentRequired || ex.ErrorId == ErrorIds.InteractionRequired)
            {
                throw PermissionMissing(connection, permission, write, appOnly: false, source, ex);
            }
            try
            {
                return await GraphRest.SendAsync(connection, connection.HomeTenantId, method, url, body, "Reading " + source, cancellationToken, resource).ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphAccessDenied)
            {
                throw PermissionMissing(connection, permission, write, token.Claims.IsAppOnly, source, ex);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphNotFound && method.Method == "GET" && url.IndexOf(AlertsPath + "/", StringComparison.OrdinalIgnoreCase) < 0)
            {
                throw new PartnerSecurityException("PartnerSecurityDataNotFound", ErrorKind.ObjectNotFound,
                    $"Microsoft has no partner security data for tenant {connection.Context.TenantName} ({connection.HomeTenantId}): {ex.Message}",
                    "The score and alerts exist for CSP partners (direct bill partners, indirect providers and indirect resellers): connect to the partner tenant, not a customer's.",
                    ex, connection.HomeTenantId);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.GraphRequestFailed && ex.Message.IndexOf("segment 'partner'", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                throw new PartnerSecurityException("NotAvailableInCloud", ErrorKind.NotSupported,
                    $"{source} does not exist in the {connection.Environment.Name} cloud: {ex.Message}",
                    "Read it in Partner Center, or connect to a partner tenant of the global cloud.", ex, connection.HomeTenantId);
            }
        }

        /// <summary>The one error for a token without the permission: which permission, delegated or application, and how to grant it.</summary>
        public static PartnerSecurityException PermissionMissing(PartnerConnection connection, string permission, bool write, bool appOnly, string source, Exception? inner)
        {
            var what = write ? "Updating " + source : "Reading " + source;
            var also = write ? string.Empty : $" (or {WritePermission})";
            if (appOnly)
                return new PartnerSecurityException("PartnerSecurityPermissionMissing", ErrorKind.PermissionDenied,
                    $"{what} needs the Microsoft Graph application permission {permission}{also}, and application {connection.Context.Account} has not been granted it in {connection.Context.TenantName}.",
                    $"In the Microsoft Entra admin center, open App registrations > the application > API permissions, add Microsoft Graph > Application permissions > {permission}, " +
                    "grant admin consent, then run Connect-PartnerSecurity again so the new token carries it.", inner, connection.HomeTenantId);
            return new PartnerSecurityException("PartnerSecurityPermissionMissing", ErrorKind.PermissionDenied,
                $"{what} needs the delegated Microsoft Graph permission {permission}{also}, which the sign-in of {connection.Context.Account} does not carry.",
                $"Consent to it: Connect-PartnerSecurity -Scopes {permission} (an administrator consents for the organization). " +
                "For the Secure Application Model, run New-SecureAppModelApplication again (it adds the permission) and redo the consent with New-SecureAppModelToken.",
                inner, connection.HomeTenantId);
        }
    }
}
