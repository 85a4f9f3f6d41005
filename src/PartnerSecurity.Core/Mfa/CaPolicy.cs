using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace PartnerSecurity.Mfa
{
    /// <summary>Include and exclude lists of a location or platform condition; the condition itself is null when not configured.</summary>
    public sealed class CaInclusion
    {
        public CaInclusion(IReadOnlyList<string> include, IReadOnlyList<string> exclude)
        {
            Include = include;
            Exclude = exclude;
        }

        public IReadOnlyList<string> Include { get; }
        public IReadOnlyList<string> Exclude { get; }
    }

    /// <summary>
    /// A conditional access policy reduced to what decides MFA coverage, with Graph's own strings
    /// (camelCase enum members, "All", GUIDs). <see cref="FromJson"/> reads a Graph v1.0
    /// conditionalAccessPolicy verbatim, as the API returns it and as snapshots store it.
    /// </summary>
    public sealed class CaPolicy
    {
        private static readonly IReadOnlyList<string> s_none = Array.Empty<string>();

        public string Id { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        /// <summary>enabled, disabled or enabledForReportingButNotEnforced.</summary>
        public string State { get; set; } = "enabled";

        public IReadOnlyList<string> IncludeUsers { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeUsers { get; set; } = s_none;
        public IReadOnlyList<string> IncludeGroups { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeGroups { get; set; } = s_none;
        public IReadOnlyList<string> IncludeRoles { get; set; } = s_none;
        public IReadOnlyList<string> ExcludeRoles { get; set; } = s_none;
        /// <summary>The guestOrExternalUserTypes of includeGuestsOrExternalUsers; null when that condition is not set.</summary>
        public IReadOnlyList<string>? IncludeGuestOrExternalUserTypes { get; set; }
        public IReadOnlyList<string>? ExcludeGuestOrExternalUserTypes { get; set; }

        public IReadOnlyList<string> IncludeApplications { get; set; } = new[] { "All" };
        public IReadOnlyList<string> ExcludeApplications { get; set; } = s_none;
        public IReadOnlyList<string> IncludeUserActions { get; set; } = s_none;
        public IReadOnlyList<string> IncludeAuthenticationContextClassReferences { get; set; } = s_none;

        public IReadOnlyList<string> ClientAppTypes { get; set; } = new[] { "all" };
        public CaInclusion? Locations { get; set; }
        public CaInclusion? Platforms { get; set; }
        public IReadOnlyList<string> SignInRiskLevels { get; set; } = s_none;
        public IReadOnlyList<string> UserRiskLevels { get; set; } = s_none;
        public IReadOnlyList<string> ServicePrincipalRiskLevels { get; set; } = s_none;
        /// <summary>insiderRiskLevels (a flags string such as "minor,moderate"); null when not set.</summary>
        public string? InsiderRiskLevels { get; set; }
        /// <summary>conditions.devices is set (a device filter).</summary>
        public bool HasDeviceFilter { get; set; }
        /// <summary>conditions.authenticationFlows is set (device code flow, authentication transfer).</summary>
        public bool HasAuthenticationFlows { get; set; }

        /// <summary>"AND" or "OR".</summary>
        public string GrantOperator { get; set; } = "OR";
        public IReadOnlyList<string> BuiltInControls { get; set; } = s_none;
        public IReadOnlyList<string> CustomAuthenticationFactors { get; set; } = s_none;
        public IReadOnlyList<string> TermsOfUse { get; set; } = s_none;
        /// <summary>The authentication strength's display name (or id) when the grant requires one; null otherwise.</summary>
        public string? AuthenticationStrength { get; set; }

        public override string ToString() => $"{DisplayName} ({State})";

        /// <summary>Reads a Graph conditionalAccessPolicy object.</summary>
        public static CaPolicy FromJson(JsonElement policy)
        {
            if (policy.ValueKind != JsonValueKind.Object) throw new FormatException("A conditional access policy must be a JSON object.");
            var result = new CaPolicy
            {
                Id = Str(policy, "id") ?? string.Empty,
                DisplayName = Str(policy, "displayName") ?? Str(policy, "id") ?? "(unnamed policy)",
                State = Str(policy, "state") ?? "disabled",
            };
            var conditions = Obj(policy, "conditions");
            var users = Obj(conditions, "users");
            result.IncludeUsers = Strings(users, "includeUsers");
            result.ExcludeUsers = Strings(users, "excludeUsers");
            result.IncludeGroups = Strings(users, "includeGroups");
            result.ExcludeGroups = Strings(users, "excludeGroups");
            result.IncludeRoles = Strings(users, "includeRoles");
            result.ExcludeRoles = Strings(users, "excludeRoles");
            result.IncludeGuestOrExternalUserTypes = GuestTypes(Obj(users, "includeGuestsOrExternalUsers"));
            result.ExcludeGuestOrExternalUserTypes = GuestTypes(Obj(users, "excludeGuestsOrExternalUsers"));

            var applications = Obj(conditions, "applications");
            result.IncludeApplications = Strings(applications, "includeApplications");
            result.ExcludeApplications = Strings(applications, "excludeApplications");
            result.IncludeUserActions = Strings(applications, "includeUserActions");
            result.IncludeAuthenticationContextClassReferences = Strings(applications, "includeAuthenticationContextClassReferences");

            var clientAppTypes = Strings(conditions, "clientAppTypes");
            // Graph writes ["all"] for "not configured"; an absent or empty list means the same.
            result.ClientAppTypes = clientAppTypes.Count == 0 ? new[] { "all" } : clientAppTypes;
            var locations = Obj(conditions, "locations");
            if (locations != null) result.Locations = new CaInclusion(Strings(locations, "includeLocations"), Strings(locations, "excludeLocations"));
            var platforms = Obj(conditions, "platforms");
            if (platforms != null) result.Platforms = new CaInclusion(Strings(platforms, "includePlatforms"), Strings(platforms, "excludePlatforms"));
            result.SignInRiskLevels = Strings(conditions, "signInRiskLevels");
            result.UserRiskLevels = Strings(conditions, "userRiskLevels");
            result.ServicePrincipalRiskLevels = Strings(conditions, "servicePrincipalRiskLevels");
            var insider = Str(conditions, "insiderRiskLevels");
            result.InsiderRiskLevels = string.IsNullOrWhiteSpace(insider) ? null : insider;
            result.HasDeviceFilter = IsSet(conditions, "devices");
            result.HasAuthenticationFlows = IsSet(conditions, "authenticationFlows");

            var grant = Obj(policy, "grantControls");
            result.GrantOperator = Str(grant, "operator") ?? "OR";
            result.BuiltInControls = Strings(grant, "builtInControls");
            result.CustomAuthenticationFactors = Strings(grant, "customAuthenticationFactors");
            result.TermsOfUse = Strings(grant, "termsOfUse");
            var strength = Obj(grant, "authenticationStrength");
            if (strength != null) result.AuthenticationStrength = Str(strength, "displayName") ?? Str(strength, "id") ?? "authentication strength";
            return result;
        }

        private static IReadOnlyList<string>? GuestTypes(JsonElement? condition)
        {
            if (condition == null) return null;
            var types = Str(condition, "guestOrExternalUserTypes");
            if (types == null) return s_none;
            return types.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();
        }

        private static JsonElement? Obj(JsonElement? parent, string name) =>
            parent is JsonElement p && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : (JsonElement?)null;

        private static bool IsSet(JsonElement? parent, string name) =>
            parent is JsonElement p && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Undefined;

        private static string? Str(JsonElement? parent, string name) =>
            parent is JsonElement p && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string> Strings(JsonElement? parent, string name)
        {
            if (!(parent is JsonElement p) || p.ValueKind != JsonValueKind.Object || !p.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
                return s_none;
            return value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToArray();
        }
    }
}
