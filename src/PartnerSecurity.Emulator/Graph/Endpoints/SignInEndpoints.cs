using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /auditLogs/signIns and /auditLogs/signIns/{id}, v1.0 and beta, as the signIn list pages document them:
    /// newest first, pages of 1,000 (the default and the maximum), only sign-ins inside the retention window (7
    /// days on Entra ID Free, 30 with P1/P2) relative to the emulator's clock, and 403
    /// Authentication_RequestFromNonPremiumTenantOrB2CTenant for a tenant without P1/P2. $filter takes the
    /// documented properties and operators joined by <c>and</c>; anything else is Graph's 400. Both versions return
    /// interactive user sign-ins unless a beta filter on <c>signInEventTypes</c> asks for other event types (Entra
    /// documentation, 2026); v1.0 serves the v1.0 shape, without beta's authenticationRequirement, mfaDetail and
    /// the rest. Throttled at the "identity and access reports" limits (<see cref="GraphThrottling"/>).
    /// </summary>
    internal static class SignInEndpoints
    {
        public const int PageSize = 1000;
        public static readonly TimeSpan PremiumRetention = TimeSpan.FromDays(30);
        public static readonly TimeSpan FreeRetention = TimeSpan.FromDays(7);

        private const string Path = "/auditLogs/signIns";

        /// <summary>The v1.0 signIn properties (Graph's CSDL); beta-only ones are dropped from v1.0 answers.</summary>
        private static readonly string[] s_v1Properties =
        {
            "id", "createdDateTime", "appDisplayName", "appId", "appliedConditionalAccessPolicies", "authenticationAppDeviceDetails", "clientAppUsed",
            "conditionalAccessStatus", "correlationId", "deviceDetail", "homeTenantId", "ipAddress", "isInteractive", "location", "resourceDisplayName",
            "resourceId", "resourceTenantId", "riskDetail", "riskEventTypes", "riskEventTypes_v2", "riskLevelAggregated", "riskLevelDuringSignIn", "riskState",
            "servicePrincipalId", "servicePrincipalName", "status", "userAgent", "userDisplayName", "userId", "userPrincipalName",
        };

        private static readonly CollectionPolicy s_v1 = Policy(beta: false);
        private static readonly CollectionPolicy s_beta = Policy(beta: true);

        /// <summary>Each tenant's sign-ins sorted newest first (and oldest first for $orderby asc), built once.</summary>
        private static readonly ConditionalWeakTable<List<JsonObject>, Sorted> s_sorted = new ConditionalWeakTable<List<JsonObject>, Sorted>();

        private static CollectionPolicy Policy(bool beta)
        {
            var policy = new CollectionPolicy("auditLogs/signIns", "microsoft.graph.signIn")
            {
                DefaultPageSize = PageSize,
                MaxPageSize = PageSize,
                CountNeedsConsistencyLevel = false,
                AllowOr = false,
            };
            // The list documents $top, $skiptoken and $filter (and results ordered by createdDateTime): no $select, no $count.
            policy.SupportedOptions.Remove("$select");
            policy.Supports("$orderby");
            foreach (var property in new[] { "id", "appId", "clientAppUsed", "conditionalAccessStatus", "correlationId", "resourceDisplayName", "resourceId",
                "riskDetail", "riskLevelAggregated", "riskLevelDuringSignIn", "riskState", "status/errorCode", "userId" })
                policy.Filter(property, "eq");
            foreach (var property in new[] { "appDisplayName", "ipAddress", "location/city", "location/state", "location/countryOrRegion",
                "deviceDetail/browser", "deviceDetail/operatingSystem", "userDisplayName", "userPrincipalName" })
                policy.Filter(property, "eq", "startswith");
            policy.Filter("createdDateTime", "eq", "ge", "le", "gt", "lt");
            // The log stores user principal names in lowercase; the emulator does not promise that eq folds case.
            policy.CaseSensitive.Add("userPrincipalName");
            if (beta)
            {
                policy.Filter("authenticationRequirement", "eq", "startswith");
                policy.Filter("signInEventTypes", "any");
            }
            return policy;
        }

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", Path, (r, call) =>
            {
                Admit(call);
                var policy = call.IsBeta ? s_beta : s_v1;
                var generated = call.Context.Options.SignInGenerator?.For(call.Tenant);
                var sorted = generated == null ? s_sorted.GetValue(call.Tenant.Snapshot.SignIns, list => new Sorted(list)) : null;
                var source = Order(r, generated?.NewestFirst ?? sorted!.NewestFirst, generated?.OldestFirst ?? sorted!.OldestFirst);
                var oldest = call.Now - Retention(call.Tenant);
                var now = call.Now;
                return CollectionResponder.ServeScan(call, source, policy,
                    filter =>
                    {
                        // Only interactive user sign-ins unless the (beta) filter names event types.
                        bool eventTypesNamed = filter != null && filter.Uses().Any(u => string.Equals(u.Property, "signInEventTypes", StringComparison.OrdinalIgnoreCase));
                        return item => InWindow(item, oldest, now) && (eventTypesNamed || IsInteractiveUser(item));
                    },
                    call.IsBeta ? null : (Func<JsonObject, JsonObject>)V1);
            });
            graph.Map("*", "GET", Path + "/(?<id>[^/]+)", (r, call) =>
            {
                Admit(call);
                var id = r.Route("id");
                var oldest = call.Now - Retention(call.Tenant);
                var item = call.Tenant.Snapshot.SignIns.FirstOrDefault(s => string.Equals((string?)s["id"], id, StringComparison.OrdinalIgnoreCase) && InWindow(s, oldest, call.Now))
                    ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
                return call.Entity(call.IsBeta ? item : V1(item), "auditLogs/signIns/$entity");
            });
        }

        /// <summary>The licence check: sign-in logs need Entra ID P1 or P2.</summary>
        private static void Admit(GraphCall call)
        {
            if (!call.Tenant.PremiumLicense)
                throw GraphException.Forbidden("Neither tenant is B2C or tenant doesn't have premium license", "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        }

        private static TimeSpan Retention(EmulatedTenant tenant) => tenant.PremiumLicense ? PremiumRetention : FreeRetention;

        private static IReadOnlyList<JsonObject> Order(Http.EmulatorRequest request, IReadOnlyList<JsonObject> newestFirst, IReadOnlyList<JsonObject> oldestFirst)
        {
            if (!request.Query.TryGetValue("$orderby", out var orderBy)) return newestFirst;
            var parts = orderBy.Trim().Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 1 && parts.Length <= 2 && string.Equals(parts[0], "createdDateTime", StringComparison.OrdinalIgnoreCase))
            {
                if (parts.Length == 1 || string.Equals(parts[1], "asc", StringComparison.OrdinalIgnoreCase)) return oldestFirst;
                if (string.Equals(parts[1], "desc", StringComparison.OrdinalIgnoreCase)) return newestFirst;
            }
            throw GraphException.UnsupportedQuery($"Unsupported $orderby '{orderBy}': sign-ins can only be ordered by createdDateTime.");
        }

        private static bool InWindow(JsonObject item, DateTimeOffset oldest, DateTimeOffset now)
        {
            var created = Created(item);
            return created >= oldest && created <= now;
        }

        private static DateTimeOffset Created(JsonObject item) =>
            item["createdDateTime"] is JsonValue v && v.TryGetValue(out string? text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
                ? when : DateTimeOffset.MinValue;

        private static bool IsInteractiveUser(JsonObject item)
        {
            if (item["signInEventTypes"] is JsonArray types)
                return types.Any(t => t is JsonValue tv && tv.TryGetValue(out string? type) && string.Equals(type, "interactiveUser", StringComparison.OrdinalIgnoreCase));
            return !(item["isInteractive"] is JsonValue iv && iv.TryGetValue(out bool interactive) && !interactive);
        }

        private static JsonObject V1(JsonObject item)
        {
            var result = new JsonObject();
            foreach (var name in s_v1Properties)
            {
                if (item.TryGetPropertyValue(name, out var value)) result[name] = value?.DeepClone();
            }
            return result;
        }

        private sealed class Sorted
        {
            public Sorted(List<JsonObject> items)
            {
                NewestFirst = items.Select(i => (Item: i, When: Created(i))).OrderByDescending(p => p.When).Select(p => p.Item).ToArray();
                OldestFirst = NewestFirst.Reverse().ToArray();
            }

            public IReadOnlyList<JsonObject> NewestFirst { get; }
            public IReadOnlyList<JsonObject> OldestFirst { get; }
        }
    }
}
