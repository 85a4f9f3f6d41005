using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// Reads one conditionalAccessPolicy JSON object into a <see cref="CaPolicy"/>, strictly: a list given as a string, an
    /// object given as a list, a non-string id are errors naming the field, because a dropped exclusion would call an
    /// excluded user covered. Condition fields this reader does not know, when they carry a value, are kept in
    /// <see cref="CaPolicy.UnknownConditions"/> so the policy is conditional, never silently Always
    /// (docs/mfa-coverage-rules.md, "Conditions").
    /// </summary>
    internal sealed class CaPolicyReader
    {
        private static readonly string[] s_conditionKeys =
        {
            "applications", "authenticationFlows", "clientApplications", "clientAppTypes", "devices", "deviceStates", "insiderRiskLevels",
            "locations", "platforms", "servicePrincipalRiskLevels", "signInRiskLevels", "userRiskLevels", "agentIdRiskLevels", "users",
        };
        private static readonly string[] s_userKeys =
        {
            "includeUsers", "excludeUsers", "includeGroups", "excludeGroups", "includeRoles", "excludeRoles",
            "includeGuestsOrExternalUsers", "excludeGuestsOrExternalUsers",
        };
        private static readonly string[] s_applicationKeys =
        {
            "includeApplications", "excludeApplications", "includeUserActions", "includeAuthenticationContextClassReferences", "applicationFilter",
        };
        private static readonly string[] s_deviceKeys = { "includeDevices", "excludeDevices", "includeDeviceStates", "excludeDeviceStates", "deviceFilter" };
        private static readonly string[] s_grantKeys = { "operator", "builtInControls", "customAuthenticationFactors", "termsOfUse", "authenticationStrength" };
        private static readonly string[] s_states = { "enabled", "disabled", "enabledForReportingButNotEnforced" };

        private readonly string _policy;
        private readonly List<string> _unknown = new List<string>();

        private CaPolicyReader(string policy) => _policy = policy;

        public static CaPolicy Read(JsonElement policy)
        {
            if (policy.ValueKind != JsonValueKind.Object) throw new CaPolicyFormatException("(unnamed policy)", "the policy", "must be a JSON object, not " + Describe(policy));
            var id = PeekString(policy, "id");
            var name = PeekString(policy, "displayName") ?? id ?? "(unnamed policy)";
            return new CaPolicyReader(name).ReadPolicy(policy, id, name);
        }

        private CaPolicy ReadPolicy(JsonElement policy, string? id, string name)
        {
            var state = Str(policy, "state", "state");
            var result = new CaPolicy
            {
                Id = id ?? string.Empty,
                DisplayName = name,
                State = state == null ? "disabled" : s_states.FirstOrDefault(s => string.Equals(s, state, StringComparison.OrdinalIgnoreCase)) ?? state,
            };
            Str(policy, "displayName", "displayName");
            Str(policy, "id", "id");

            var conditions = Obj(policy, "conditions", "conditions");
            if (conditions is JsonElement c) Unknown(c, "conditions", s_conditionKeys);
            var users = Obj(conditions, "users", "conditions.users");
            if (users is JsonElement u) Unknown(u, "conditions.users", s_userKeys);
            result.IncludeUsers = Strings(users, "includeUsers", "conditions.users");
            result.ExcludeUsers = Strings(users, "excludeUsers", "conditions.users");
            result.IncludeGroups = Strings(users, "includeGroups", "conditions.users");
            result.ExcludeGroups = Strings(users, "excludeGroups", "conditions.users");
            result.IncludeRoles = Strings(users, "includeRoles", "conditions.users");
            result.ExcludeRoles = Strings(users, "excludeRoles", "conditions.users");
            (result.IncludeGuestOrExternalUserTypes, result.IncludeSomeExternalTenants) = Guests(users, "includeGuestsOrExternalUsers");
            (result.ExcludeGuestOrExternalUserTypes, result.ExcludeSomeExternalTenants) = Guests(users, "excludeGuestsOrExternalUsers");

            var applications = Obj(conditions, "applications", "conditions.applications");
            if (applications is JsonElement a) Unknown(a, "conditions.applications", s_applicationKeys);
            result.IncludeApplications = Strings(applications, "includeApplications", "conditions.applications");
            result.ExcludeApplications = Strings(applications, "excludeApplications", "conditions.applications");
            result.IncludeUserActions = Strings(applications, "includeUserActions", "conditions.applications");
            result.IncludeAuthenticationContextClassReferences = Strings(applications, "includeAuthenticationContextClassReferences", "conditions.applications");
            result.ApplicationFilter = Filter(applications, "applicationFilter", "conditions.applications");

            var clientAppTypes = Strings(conditions, "clientAppTypes", "conditions");
            // Graph writes ["all"] for "not configured"; an absent or empty list means the same.
            result.ClientAppTypes = clientAppTypes.Count == 0 ? new[] { "all" } : clientAppTypes;
            result.Locations = Inclusion(conditions, "locations", "includeLocations", "excludeLocations");
            result.Platforms = Inclusion(conditions, "platforms", "includePlatforms", "excludePlatforms");
            result.SignInRiskLevels = Strings(conditions, "signInRiskLevels", "conditions");
            result.UserRiskLevels = Strings(conditions, "userRiskLevels", "conditions");
            result.ServicePrincipalRiskLevels = Strings(conditions, "servicePrincipalRiskLevels", "conditions");
            result.AgentIdRiskLevels = Strings(conditions, "agentIdRiskLevels", "conditions");
            result.InsiderRiskLevels = Flags(conditions, "insiderRiskLevels", "conditions");

            var devices = Obj(conditions, "devices", "conditions.devices");
            if (devices is JsonElement d) Unknown(d, "conditions.devices", s_deviceKeys);
            result.DeviceFilter = Filter(devices, "deviceFilter", "conditions.devices");
            var legacyDevices = Merge(
                Inclusion(conditions, "deviceStates", "includeStates", "excludeStates"),
                InclusionOf(devices, "conditions.devices", "includeDevices", "excludeDevices"),
                InclusionOf(devices, "conditions.devices", "includeDeviceStates", "excludeDeviceStates"));
            result.DeviceStates = legacyDevices;

            var flows = Obj(conditions, "authenticationFlows", "conditions.authenticationFlows");
            if (flows is JsonElement f) Unknown(f, "conditions.authenticationFlows", "transferMethods");
            result.AuthenticationFlows = Flags(flows, "transferMethods", "conditions.authenticationFlows");
            var clientApplications = Obj(conditions, "clientApplications", "conditions.clientApplications");
            result.TargetsWorkloadIdentities = clientApplications is JsonElement ca && !IsEmpty(ca);

            var grant = Obj(policy, "grantControls", "grantControls");
            if (grant is JsonElement g) Unknown(g, "grantControls", s_grantKeys);
            result.GrantOperator = (Str(grant, "operator", "grantControls.operator") ?? "OR").ToUpperInvariant();
            result.BuiltInControls = Strings(grant, "builtInControls", "grantControls");
            result.CustomAuthenticationFactors = Strings(grant, "customAuthenticationFactors", "grantControls");
            result.TermsOfUse = Strings(grant, "termsOfUse", "grantControls");
            var strength = Obj(grant, "authenticationStrength", "grantControls.authenticationStrength");
            if (strength is JsonElement s)
            {
                var combinations = Find(s, "allowedCombinations") is JsonElement ac && ac.ValueKind != JsonValueKind.Null
                    ? Strings(s, "allowedCombinations", "grantControls.authenticationStrength")
                    : null;
                result.AuthenticationStrength = new CaAuthenticationStrength(
                    Str(s, "id", "grantControls.authenticationStrength.id"),
                    Str(s, "displayName", "grantControls.authenticationStrength.displayName"),
                    combinations,
                    Str(s, "requirementsSatisfied", "grantControls.authenticationStrength.requirementsSatisfied"));
            }
            result.UnknownConditions = _unknown.ToArray();
            return result;
        }

        // ------------------------------------------------------------ conditions of several fields

        private (IReadOnlyList<string>? Types, bool SomeTenants) Guests(JsonElement? users, string name)
        {
            var path = "conditions.users." + name;
            var condition = Obj(users, name, path);
            if (!(condition is JsonElement c)) return (null, false);
            Unknown(c, path, "guestOrExternalUserTypes", "externalTenants");
            var types = Find(c, "guestOrExternalUserTypes") is JsonElement t && t.ValueKind == JsonValueKind.Array
                ? Strings(c, "guestOrExternalUserTypes", path)
                : SplitFlags(Str(c, "guestOrExternalUserTypes", path + ".guestOrExternalUserTypes"));
            var tenants = Obj(c, "externalTenants", path + ".externalTenants");
            bool some = false;
            if (tenants is JsonElement e)
            {
                var kind = Str(e, "membershipKind", path + ".externalTenants.membershipKind");
                var type = Find(e, "@odata.type") is JsonElement o && o.ValueKind == JsonValueKind.String ? o.GetString() : null;
                some = string.Equals(kind, "enumerated", StringComparison.OrdinalIgnoreCase)
                    || (type?.IndexOf("Enumerated", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0
                    || Strings(e, "members", path + ".externalTenants").Count > 0;
            }
            return (types, some);
        }

        private CaInclusion? Inclusion(JsonElement? conditions, string name, string include, string exclude)
        {
            var path = "conditions." + name;
            var condition = Obj(conditions, name, path);
            if (!(condition is JsonElement c)) return null;
            Unknown(c, path, include, exclude);
            return InclusionOf(c, path, include, exclude);
        }

        private CaInclusion? InclusionOf(JsonElement? parent, string path, string include, string exclude)
        {
            if (!(parent is JsonElement p)) return null;
            var included = Strings(p, include, path);
            var excluded = Strings(p, exclude, path);
            bool present = Find(p, include) is JsonElement i && i.ValueKind != JsonValueKind.Null || Find(p, exclude) is JsonElement x && x.ValueKind != JsonValueKind.Null;
            return present ? new CaInclusion(included, excluded) : null;
        }

        private static CaInclusion? Merge(params CaInclusion?[] parts)
        {
            var set = parts.Where(p => p != null).Select(p => p!).ToList();
            if (set.Count == 0) return null;
            return new CaInclusion(set.SelectMany(p => p.Include).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                set.SelectMany(p => p.Exclude).Distinct(StringComparer.OrdinalIgnoreCase).ToArray());
        }

        private CaFilter? Filter(JsonElement? parent, string name, string parentPath)
        {
            var path = parentPath + "." + name;
            var filter = Obj(parent, name, path);
            if (!(filter is JsonElement f) || IsEmpty(f)) return null;
            Unknown(f, path, "mode", "rule");
            var mode = Str(f, "mode", path + ".mode") ?? "include";
            var rule = Str(f, "rule", path + ".rule") ?? string.Empty;
            return new CaFilter(mode, rule);
        }

        // ------------------------------------------------------------ strict accessors

        private void Unknown(JsonElement obj, string path, params string[] known)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (property.Name.StartsWith("@", StringComparison.Ordinal) || property.Name.IndexOf("@odata.", StringComparison.Ordinal) >= 0) continue;
                if (known.Any(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))) continue;
                if (!IsEmpty(property.Value)) _unknown.Add(path + "." + property.Name);
            }
        }

        /// <summary>Null, an empty string, list or object, or false: a field that says nothing.</summary>
        internal static bool IsEmpty(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                case JsonValueKind.False:
                    return true;
                case JsonValueKind.String: return value.GetString()!.Length == 0;
                case JsonValueKind.Array: return value.GetArrayLength() == 0;
                case JsonValueKind.Object:
                    return value.EnumerateObject().All(p => p.Name.StartsWith("@", StringComparison.Ordinal) || p.Name.IndexOf("@odata.", StringComparison.Ordinal) >= 0 || IsEmpty(p.Value));
                default: return false;
            }
        }

        /// <summary>The property, matched exactly first and then ignoring case; null when absent.</summary>
        private static JsonElement? Find(JsonElement? parent, string name)
        {
            if (!(parent is JsonElement p) || p.ValueKind != JsonValueKind.Object) return null;
            if (p.TryGetProperty(name, out var exact)) return exact;
            foreach (var property in p.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) return property.Value;
            }
            return null;
        }

        private static string? PeekString(JsonElement parent, string name) =>
            Find(parent, name) is JsonElement v && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private JsonElement? Obj(JsonElement? parent, string name, string path)
        {
            var value = Find(parent, name);
            if (!(value is JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.Object) throw new CaPolicyFormatException(_policy, path, "must be an object, not " + Describe(v));
            return v;
        }

        private string? Str(JsonElement? parent, string name, string path)
        {
            var value = Find(parent, name);
            if (!(value is JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind != JsonValueKind.String) throw new CaPolicyFormatException(_policy, path, "must be a string, not " + Describe(v));
            return v.GetString();
        }

        private IReadOnlyList<string> Strings(JsonElement? parent, string name, string parentPath)
        {
            var value = Find(parent, name);
            if (!(value is JsonElement v) || v.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
            var path = parentPath + "." + name;
            if (v.ValueKind != JsonValueKind.Array) throw new CaPolicyFormatException(_policy, path, "must be a list of strings, not " + Describe(v));
            var result = new List<string>();
            int index = 0;
            foreach (var item in v.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || item.GetString()!.Trim().Length == 0)
                    throw new CaPolicyFormatException(_policy, $"{path}[{index}]", "must be a non-empty string, not " + Describe(item));
                result.Add(item.GetString()!.Trim());
                index++;
            }
            return result;
        }

        /// <summary>A flags enumeration ("minor,moderate"), as a string or a list; null when not set.</summary>
        private string? Flags(JsonElement? parent, string name, string parentPath)
        {
            var value = Find(parent, name);
            if (!(value is JsonElement v) || v.ValueKind == JsonValueKind.Null) return null;
            var text = v.ValueKind == JsonValueKind.Array ? string.Join(",", Strings(parent, name, parentPath)) : Str(parent, name, parentPath + "." + name);
            var flags = SplitFlags(text);
            return flags.Count == 0 ? null : string.Join(",", flags);
        }

        private static IReadOnlyList<string> SplitFlags(string? text) =>
            text == null ? Array.Empty<string>() : text.Split(',').Select(t => t.Trim()).Where(t => t.Length > 0).ToArray();

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            _ => "null",
        };
    }
}
