using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Mfa
{
    /// <summary>A user's per-user MFA state after Set-PartnerUserMfaState (or as it was, when nothing needed changing).</summary>
    public sealed class UserMfaState
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string? DisplayName { get; set; }
        public string UserId { get; set; } = string.Empty;
        /// <summary>disabled, enabled or enforced: the state now.</summary>
        public string PerUserMfaState { get; set; } = string.Empty;
        /// <summary>The state before; null when it could not be read.</summary>
        public string? PreviousState { get; set; }
        /// <summary>False when the user already had the state asked for (nothing was written).</summary>
        public bool Changed { get; set; }

        public override string ToString() => $"{UserPrincipalName}: {PerUserMfaState}";
    }

    /// <summary>
    /// Reads and writes per-user MFA (beta users/{id}/authentication/requirements), which has no bulk endpoint:
    /// user principal names are resolved to ids in bulk ("userPrincipalName in (...)", quotes doubled), states are
    /// read and written through $batch (20 at a time, throttled items retried alone).
    /// </summary>
    public static class PerUserMfaWriter
    {
        /// <summary>Values per "in (...)" clause.</summary>
        public const int UpnFilterChunk = 15;
        public static readonly string[] States = { "disabled", "enabled", "enforced" };

        /// <summary>The users found among <paramref name="userPrincipalNames"/>, by UPN (case-insensitive); missing ones are absent.</summary>
        public static async Task<IReadOnlyDictionary<string, MfaUser>> FindUsersAsync(PartnerConnection connection, TenantTarget tenant,
            IReadOnlyCollection<string> userPrincipalNames, CancellationToken cancellationToken)
        {
            var graph = connection.Graph(tenant.Id);
            var found = new Dictionary<string, MfaUser>(StringComparer.OrdinalIgnoreCase);
            var distinct = userPrincipalNames.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            for (int i = 0; i < distinct.Count; i += UpnFilterChunk)
            {
                var filter = "userPrincipalName in (" + string.Join(",", distinct.Skip(i).Take(UpnFilterChunk).Select(ODataLiteral.String)) + ")";
                try
                {
                    await foreach (var user in GraphPaging.ReadAllAsync(graph, connection.Paged("Looking up users by user principal name", tenant.Id),
                        ct => graph.Users.GetAsync(r =>
                        {
                            r.QueryParameters.Filter = filter;
                            r.QueryParameters.Select = new[] { "id", "userPrincipalName", "displayName", "userType", "accountEnabled" };
                            r.QueryParameters.Top = MfaPostureReader.UserPageSize;
                        }, ct),
                        UserCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                    {
                        if (user.UserPrincipalName == null) continue;
                        if (!GraphPath.IsSendable(user.Id))
                        {
                            OperationLog.Warning($"User '{user.UserPrincipalName}' in tenant {tenant.Label} has an id that cannot be sent in a URL; it was left out.");
                            continue;
                        }
                        found[user.UserPrincipalName] = new MfaUser(user.Id, user.UserPrincipalName, user.DisplayName, user.UserType, user.AccountEnabled ?? true);
                    }
                }
                catch (ApiException ex)
                {
                    throw GraphErrors.Translate(ex, tenant.Id, "Looking up users by user principal name");
                }
            }
            return found;
        }

        /// <summary>Each user's current state by user id; null where it could not be read.</summary>
        public static async Task<IReadOnlyDictionary<string, string?>> ReadStatesAsync(PartnerConnection connection, TenantTarget tenant, IReadOnlyList<MfaUser> users,
            CancellationToken cancellationToken)
        {
            var batch = new GraphBatchClient(connection, tenant.Id, beta: true);
            var results = await batch.GetAsync(users.Select(u => (u.Id, GraphPath.PerUserMfaRequirements(u.Id))).ToList(), "Reading per-user MFA states", null, cancellationToken).ConfigureAwait(false);
            var states = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in users) states[user.Id] = State(results[user.Id]);
            return states;
        }

        /// <summary>PATCHes the state of each user; one result per user id (failed items keep their status and Graph's error).</summary>
        public static Task<IReadOnlyDictionary<string, BatchItemResult>> WriteAsync(PartnerConnection connection, TenantTarget tenant, IReadOnlyList<string> userIds,
            string state, Action<int>? completed, CancellationToken cancellationToken)
        {
            if (Array.IndexOf(States, state) < 0) throw new ArgumentException($"'{state}' is not a per-user MFA state.", nameof(state));
            var body = "{\"perUserMfaState\":\"" + state + "\"}";
            var batch = new GraphBatchClient(connection, tenant.Id, beta: true);
            return batch.SendAsync(userIds.Select(id => new BatchRequest(id, "PATCH", GraphPath.PerUserMfaRequirements(id), body)).ToList(), "Setting per-user MFA states", completed, cancellationToken);
        }

        /// <summary>The error for one user whose write failed: names the user and the tenant, and says what to do.</summary>
        public static PartnerSecurityException WriteError(BatchItemResult result, TenantTarget tenant, string userPrincipalName)
        {
            var error = GraphErrors.Translate(result.Status, result.ErrorCode, result.ErrorMessage ?? "the request failed", null, tenant.Id,
                $"Setting the per-user MFA state of '{userPrincipalName}'");
            var action = error.ErrorId == ErrorIds.GraphAccessDenied
                ? GraphErrors.AccessAction(tenant, "Policy.ReadWrite.AuthenticationMethod", "Authentication Policy Administrator")
                : error.RecommendedAction;
            var message = error.Message.Replace($"tenant '{tenant.Id}'", $"tenant {tenant.Label}");
            return new PartnerSecurityException(error.ErrorId, error.Kind, message, action, null, userPrincipalName);
        }

        private static string? State(BatchItemResult result) =>
            result.Succeeded && result.Body is JsonElement body && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("perUserMfaState", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() : null;

    }
}
