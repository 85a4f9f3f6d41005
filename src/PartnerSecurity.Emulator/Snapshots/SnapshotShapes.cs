using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>The JSON type a snapshot property must have (null is always allowed: Graph sends null for unset properties).</summary>
    internal enum FieldKind { String, Boolean, Number, DateTime, StringArray, Object, ObjectArray }

    /// <summary>A property of a shape: its kind and, for objects, their own shape.</summary>
    internal sealed class Field
    {
        public Field(FieldKind kind, Shape? shape = null)
        {
            Kind = kind;
            Shape = shape;
        }

        public FieldKind Kind { get; }
        public Shape? Shape { get; }
    }

    /// <summary>The properties of a Graph or Partner Center object whose types the emulator and the module rely on.</summary>
    internal sealed class Shape
    {
        public Shape(params (string Name, Field Field)[] fields) => Fields = fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal);

        public IReadOnlyDictionary<string, Field> Fields { get; }
    }

    /// <summary>
    /// The shapes of the objects a snapshot holds (the Graph v1.0 types, written in docs/snapshot-format.md) and the walk
    /// that checks them. A value of the wrong type is refused with its JSON path: "excludeUsers" given as a string would
    /// otherwise drop the exclusion, "accountEnabled": "no" would count as enabled. Properties not listed are kept as
    /// they are, but every object is walked, so a key written twice is found wherever it is.
    /// </summary>
    internal static class SnapshotShapes
    {
        private static Field Str => new Field(FieldKind.String);
        private static Field Bool => new Field(FieldKind.Boolean);
        private static Field Num => new Field(FieldKind.Number);
        private static Field Date => new Field(FieldKind.DateTime);
        private static Field Strings => new Field(FieldKind.StringArray);
        private static Field Obj(params (string, Field)[] fields) => new Field(FieldKind.Object, new Shape(fields));
        private static Field Objs(params (string, Field)[] fields) => new Field(FieldKind.ObjectArray, new Shape(fields));

        public static readonly Shape User = new Shape(
            ("userPrincipalName", Str), ("displayName", Str), ("accountEnabled", Bool), ("userType", Str), ("onPremisesSyncEnabled", Bool),
            ("createdDateTime", Date), ("mail", Str), ("givenName", Str), ("surname", Str), ("jobTitle", Str), ("department", Str),
            ("companyName", Str), ("externalUserState", Str), ("creationType", Str), ("otherMails", Strings), ("proxyAddresses", Strings),
            ("identities", Objs(("signInType", Str), ("issuer", Str), ("issuerAssignedId", Str))),
            ("signInActivity", Obj(("lastSignInDateTime", Date), ("lastNonInteractiveSignInDateTime", Date), ("lastSuccessfulSignInDateTime", Date))));

        public static readonly Shape Group = new Shape(
            ("displayName", Str), ("description", Str), ("members", Strings), ("isAssignableToRole", Bool), ("securityEnabled", Bool),
            ("mailEnabled", Bool), ("groupTypes", Strings), ("membershipRule", Str), ("createdDateTime", Date));

        public static readonly Shape RoleAssignment = new Shape(
            ("principalId", Str), ("roleDefinitionId", Str), ("directoryScopeId", Str), ("appScopeId", Str), ("condition", Str));

        public static readonly Shape RoleDefinition = new Shape(
            ("displayName", Str), ("description", Str), ("templateId", Str), ("isBuiltIn", Bool), ("isEnabled", Bool),
            ("rolePermissions", Objs(("allowedResourceActions", Strings), ("condition", Str))));

        public static readonly Shape RoleEligibilitySchedule = new Shape(
            ("principalId", Str), ("roleDefinitionId", Str), ("directoryScopeId", Str), ("memberType", Str), ("status", Str),
            ("scheduleInfo", Obj(("startDateTime", Date), ("expiration", Obj(("endDateTime", Date), ("type", Str), ("duration", Str))))));

        private static Field Inclusion(string include, string exclude) => Obj((include, Strings), (exclude, Strings));

        private static readonly Field GuestsOrExternalUsers = Obj(("guestOrExternalUserTypes", Str),
            ("externalTenants", Obj(("membershipKind", Str), ("members", Strings))));

        private static readonly Field Filter = Obj(("mode", Str), ("rule", Str));

        public static readonly Shape ConditionalAccessPolicy = new Shape(
            ("displayName", Str), ("state", Str), ("createdDateTime", Date), ("modifiedDateTime", Date), ("templateId", Str),
            ("conditions", Obj(
                ("users", Obj(("includeUsers", Strings), ("excludeUsers", Strings), ("includeGroups", Strings), ("excludeGroups", Strings),
                    ("includeRoles", Strings), ("excludeRoles", Strings),
                    ("includeGuestsOrExternalUsers", GuestsOrExternalUsers), ("excludeGuestsOrExternalUsers", GuestsOrExternalUsers))),
                ("applications", Obj(("includeApplications", Strings), ("excludeApplications", Strings), ("includeUserActions", Strings),
                    ("includeAuthenticationContextClassReferences", Strings), ("applicationFilter", Filter))),
                ("clientApplications", Obj(("includeServicePrincipals", Strings), ("excludeServicePrincipals", Strings), ("servicePrincipalFilter", Filter))),
                ("clientAppTypes", Strings),
                ("locations", Inclusion("includeLocations", "excludeLocations")),
                ("platforms", Inclusion("includePlatforms", "excludePlatforms")),
                ("signInRiskLevels", Strings), ("userRiskLevels", Strings), ("servicePrincipalRiskLevels", Strings), ("insiderRiskLevels", Str),
                ("devices", Obj(("deviceFilter", Filter))),
                ("authenticationFlows", Obj(("transferMethods", Str))))),
            ("grantControls", Obj(("builtInControls", Strings), ("customAuthenticationFactors", Strings), ("operator", Str), ("termsOfUse", Strings),
                ("authenticationStrength", Obj(("id", Str), ("displayName", Str), ("allowedCombinations", Strings), ("policyType", Str), ("requirementsSatisfied", Str))))),
            ("sessionControls", Obj(("disableResilienceDefaults", Bool))));

        public static readonly Shape NamedLocation = new Shape(
            ("displayName", Str), ("isTrusted", Bool), ("ipRanges", Objs(("cidrAddress", Str))), ("countriesAndRegions", Strings),
            ("includeUnknownCountriesAndRegions", Bool), ("countryLookupMethod", Str));

        public static readonly Shape UserRegistrationDetails = new Shape(
            ("userPrincipalName", Str), ("userDisplayName", Str), ("userType", Str), ("isAdmin", Bool), ("isMfaCapable", Bool), ("isMfaRegistered", Bool),
            ("isPasswordlessCapable", Bool), ("isSsprCapable", Bool), ("isSsprEnabled", Bool), ("isSsprRegistered", Bool),
            ("isSystemPreferredAuthenticationMethodEnabled", Bool), ("lastUpdatedDateTime", Date), ("methodsRegistered", Strings),
            ("systemPreferredAuthenticationMethods", Strings), ("userPreferredMethodForSecondaryAuthentication", Str));

        public static readonly Shape SignIn = new Shape(
            ("createdDateTime", Date), ("userId", Str), ("userPrincipalName", Str), ("userDisplayName", Str), ("appId", Str), ("appDisplayName", Str),
            ("clientAppUsed", Str), ("ipAddress", Str), ("isInteractive", Bool), ("conditionalAccessStatus", Str), ("authenticationRequirement", Str),
            ("resourceDisplayName", Str), ("resourceId", Str), ("correlationId", Str), ("signInEventTypes", Strings),
            ("status", Obj(("errorCode", Num), ("failureReason", Str), ("additionalDetails", Str))),
            ("mfaDetail", Obj(("authMethod", Str), ("authDetail", Str))),
            ("location", Obj(("city", Str), ("state", Str), ("countryOrRegion", Str), ("geoCoordinates", Obj(("altitude", Num), ("latitude", Num), ("longitude", Num))))),
            ("deviceDetail", Obj(("browser", Str), ("deviceId", Str), ("displayName", Str), ("isCompliant", Bool), ("isManaged", Bool), ("operatingSystem", Str), ("trustType", Str))),
            ("appliedConditionalAccessPolicies", Objs(("id", Str), ("displayName", Str), ("result", Str), ("enforcedGrantControls", Strings), ("enforcedSessionControls", Strings))),
            ("authenticationDetails", Objs(("authenticationMethod", Str), ("authenticationMethodDetail", Str), ("authenticationStepDateTime", Date),
                ("authenticationStepRequirement", Str), ("authenticationStepResultDetail", Str), ("succeeded", Bool))));

        public static readonly Shape Application = new Shape(
            ("appId", Str), ("displayName", Str), ("signInAudience", Str), ("isFallbackPublicClient", Bool),
            ("keyCredentials", Objs(("keyId", Str), ("type", Str), ("usage", Str), ("key", Str), ("customKeyIdentifier", Str), ("displayName", Str),
                ("startDateTime", Date), ("endDateTime", Date))),
            ("passwordCredentials", Objs(("keyId", Str), ("secretText", Str), ("hint", Str), ("displayName", Str), ("startDateTime", Date), ("endDateTime", Date))),
            ("requiredResourceAccess", Objs(("resourceAppId", Str), ("resourceAccess", Objs(("id", Str), ("type", Str))))),
            ("web", Obj(("redirectUris", Strings))), ("publicClient", Obj(("redirectUris", Strings))));

        public static readonly Shape ServicePrincipal = new Shape(
            ("appId", Str), ("displayName", Str), ("servicePrincipalType", Str), ("accountEnabled", Bool), ("appOwnerOrganizationId", Str), ("alternativeNames", Strings));

        public static readonly Shape Customer = new Shape(
            ("companyProfile", Obj(("tenantId", Str), ("domain", Str), ("companyName", Str))), ("relationshipToPartner", Str), ("commerceId", Str));

        public static readonly Shape GdapRelationship = new Shape(
            ("displayName", Str), ("status", Str), ("duration", Str), ("autoExtendDuration", Str),
            ("customer", Obj(("tenantId", Str), ("displayName", Str))),
            ("accessDetails", Obj(("unifiedRoles", Objs(("roleDefinitionId", Str))))),
            ("createdDateTime", Date), ("activatedDateTime", Date), ("lastModifiedDateTime", Date), ("endDateTime", Date));

        public static readonly Shape SecurityDefaults = new Shape(("isEnabled", Bool), ("displayName", Str), ("description", Str));

        /// <summary>The shape of the items of each id collection.</summary>
        public static readonly IReadOnlyDictionary<string, Shape> Collections = new Dictionary<string, Shape>(StringComparer.Ordinal)
        {
            ["users"] = User,
            ["groups"] = Group,
            ["roleAssignments"] = RoleAssignment,
            ["roleDefinitions"] = RoleDefinition,
            ["roleEligibilitySchedules"] = RoleEligibilitySchedule,
            ["conditionalAccessPolicies"] = ConditionalAccessPolicy,
            ["namedLocations"] = NamedLocation,
            ["userRegistrationDetails"] = UserRegistrationDetails,
            ["signIns"] = SignIn,
            ["applications"] = Application,
            ["servicePrincipals"] = ServicePrincipal,
        };

        /// <summary>
        /// Checks an object against its shape and walks everything beneath it; <paramref name="fail"/> makes the error
        /// for a path and a problem.
        /// </summary>
        public static void Check(JsonObject node, Shape? shape, string path, Func<string, string, Exception> fail)
        {
            foreach (var property in Properties(node, path, fail))
            {
                var childPath = Child(path, property.Key);
                Field? field = null;
                shape?.Fields.TryGetValue(property.Key, out field);
                if (field == null)
                {
                    Walk(property.Value, childPath, fail);
                    continue;
                }
                CheckField(property.Value, field, childPath, fail);
            }
        }

        private static void CheckField(JsonNode? value, Field field, string path, Func<string, string, Exception> fail)
        {
            if (value == null) return;
            switch (field.Kind)
            {
                case FieldKind.String:
                    if (!IsString(value)) throw fail(path, "expected a string, found " + Describe(value) + ".");
                    return;
                case FieldKind.Boolean:
                    if (!(value is JsonValue b && b.TryGetValue(out bool _))) throw fail(path, "expected true or false, found " + Describe(value) + ".");
                    return;
                case FieldKind.Number:
                    if (!(value is JsonValue n && n.TryGetValue(out double _))) throw fail(path, "expected a number, found " + Describe(value) + ".");
                    return;
                case FieldKind.DateTime:
                    if (!(value is JsonValue d && d.TryGetValue(out string? text) && text != null
                          && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
                        throw fail(path, "expected an ISO 8601 date and time (2026-11-20T09:00:00Z), found " + Describe(value) + ".");
                    return;
                case FieldKind.StringArray:
                    if (!(value is JsonArray strings)) throw fail(path, "expected an array of strings, found " + Describe(value) + ".");
                    for (int i = 0; i < strings.Count; i++)
                    {
                        if (!IsString(strings[i])) throw fail($"{path}[{i}]", "expected a string, found " + Describe(strings[i]) + ".");
                    }
                    return;
                case FieldKind.Object:
                    if (!(value is JsonObject obj)) throw fail(path, "expected an object, found " + Describe(value) + ".");
                    Check(obj, field.Shape, path, fail);
                    return;
                case FieldKind.ObjectArray:
                    if (!(value is JsonArray objects)) throw fail(path, "expected an array of objects, found " + Describe(value) + ".");
                    for (int i = 0; i < objects.Count; i++)
                    {
                        if (!(objects[i] is JsonObject item)) throw fail($"{path}[{i}]", "expected an object, found " + Describe(objects[i]) + ".");
                        Check(item, field.Shape, $"{path}[{i}]", fail);
                    }
                    return;
            }
        }

        /// <summary>Visits everything beneath a value not described by a shape, so that no key written twice goes unnoticed.</summary>
        private static void Walk(JsonNode? value, string path, Func<string, string, Exception> fail)
        {
            switch (value)
            {
                case JsonObject obj:
                    Check(obj, null, path, fail);
                    break;
                case JsonArray array:
                    for (int i = 0; i < array.Count; i++) Walk(array[i], $"{path}[{i}]", fail);
                    break;
            }
        }

        /// <summary>The properties of an object, or the error for a key that appears twice in it.</summary>
        public static List<KeyValuePair<string, JsonNode?>> Properties(JsonObject node, string path, Func<string, string, Exception> fail)
        {
            try
            {
                return node.ToList();
            }
            catch (ArgumentException)
            {
                throw fail(path, "a key appears twice in this object; each key may appear once.");
            }
        }

        private static bool IsString(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? _);

        public static string Child(string path, string key) =>
            IsPlain(key) ? path + "." + key : path + "['" + key.Replace("'", "\\'") + "']";

        private static bool IsPlain(string key) => key.Length > 0 && key.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '@' || c == '-');

        /// <summary>What a value is, for an error message: its JSON type and, for short values, the value itself (printable).</summary>
        public static string Describe(JsonNode? value)
        {
            switch (value)
            {
                case null: return "null";
                case JsonObject _: return "an object";
                case JsonArray _: return "an array";
                case JsonValue v when v.TryGetValue(out string? s): return "the string \"" + Shorten(s ?? string.Empty) + "\"";
                case JsonValue v when v.TryGetValue(out bool b): return b ? "true" : "false";
                default: return "the number " + Shorten(value.ToJsonString());
            }
        }

        private static string Shorten(string text)
        {
            var chars = text.Take(40).Select(c => c < ' ' || c == '\u007f' ? '?' : c).ToArray();
            return new string(chars) + (text.Length > 40 ? "…" : string.Empty);
        }
    }
}
