using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>
    /// Builds one Graph v1.0 conditionalAccessPolicy exactly as GET /identity/conditionalAccess/policies returns it:
    /// every condition key present (null or empty when unused) and the authentication strength inline.
    /// Defaults: all users' lists empty, all applications, all client apps, grant OR [mfa], state enabled.
    /// </summary>
    internal sealed class ConditionalAccessPolicyBuilder
    {
        public const string Enabled = "enabled";
        public const string Disabled = "disabled";
        public const string ReportOnly = "enabledForReportingButNotEnforced";

        private readonly string _id;
        private readonly string _displayName;
        private string _state = Enabled;
        private DateTimeOffset _created = SnapshotTime.DaysAgo(400);
        private DateTimeOffset _modified = SnapshotTime.DaysAgo(90);
        private string[] _includeUsers = Array.Empty<string>();
        private string[] _excludeUsers = Array.Empty<string>();
        private string[] _includeGroups = Array.Empty<string>();
        private string[] _excludeGroups = Array.Empty<string>();
        private string[] _includeRoles = Array.Empty<string>();
        private string[] _excludeRoles = Array.Empty<string>();
        private string? _includeGuestTypes;
        private string? _excludeGuestTypes;
        private string[] _includeApplications = { "All" };
        private string[] _excludeApplications = Array.Empty<string>();
        private string[] _userActions = Array.Empty<string>();
        private string[] _authenticationContexts = Array.Empty<string>();
        private JsonObject? _applicationFilter;
        private string[] _clientAppTypes = { "all" };
        private string[]? _includeLocations;
        private string[]? _excludeLocations;
        private string[]? _includePlatforms;
        private string[]? _excludePlatforms;
        private string[] _signInRisk = Array.Empty<string>();
        private string[] _userRisk = Array.Empty<string>();
        private JsonObject? _devices;
        private JsonObject? _authenticationFlows;
        private string _operator = "OR";
        private string[] _builtInControls = { "mfa" };
        private AuthenticationStrengths.Strength? _strength;
        private JsonObject? _sessionControls;

        public ConditionalAccessPolicyBuilder(string id, string displayName)
        {
            _id = id;
            _displayName = displayName;
        }

        public ConditionalAccessPolicyBuilder State(string state) { _state = state; return this; }
        public ConditionalAccessPolicyBuilder Dates(DateTimeOffset created, DateTimeOffset modified) { _created = created; _modified = modified; return this; }
        public ConditionalAccessPolicyBuilder IncludeUsers(params string[] ids) { _includeUsers = ids; return this; }
        public ConditionalAccessPolicyBuilder ExcludeUsers(params string[] ids) { _excludeUsers = ids; return this; }
        public ConditionalAccessPolicyBuilder IncludeGroups(params string[] ids) { _includeGroups = ids; return this; }
        public ConditionalAccessPolicyBuilder ExcludeGroups(params string[] ids) { _excludeGroups = ids; return this; }
        public ConditionalAccessPolicyBuilder IncludeRoles(params string[] ids) { _includeRoles = ids; return this; }
        public ConditionalAccessPolicyBuilder ExcludeRoles(params string[] ids) { _excludeRoles = ids; return this; }
        /// <param name="types">comma-separated guestOrExternalUserTypes, e.g. "internalGuest,b2bCollaborationGuest".</param>
        public ConditionalAccessPolicyBuilder IncludeGuestTypes(string types) { _includeGuestTypes = types; return this; }
        public ConditionalAccessPolicyBuilder ExcludeGuestTypes(string types) { _excludeGuestTypes = types; return this; }
        public ConditionalAccessPolicyBuilder Applications(string[] include, params string[] exclude) { _includeApplications = include; _excludeApplications = exclude; return this; }
        public ConditionalAccessPolicyBuilder UserAction(string action) { _includeApplications = Array.Empty<string>(); _userActions = new[] { action }; return this; }
        public ConditionalAccessPolicyBuilder AuthenticationContext(string classReference) { _includeApplications = Array.Empty<string>(); _authenticationContexts = new[] { classReference }; return this; }
        /// <param name="mode">"include" or "exclude" the applications whose custom security attributes match <paramref name="rule"/>.</param>
        public ConditionalAccessPolicyBuilder ApplicationFilter(string mode, string rule)
        {
            _applicationFilter = new JsonObject { ["mode"] = mode, ["rule"] = rule };
            return this;
        }
        public ConditionalAccessPolicyBuilder ClientAppTypes(params string[] types) { _clientAppTypes = types; return this; }
        public ConditionalAccessPolicyBuilder Locations(string[] include, params string[] exclude) { _includeLocations = include; _excludeLocations = exclude; return this; }
        public ConditionalAccessPolicyBuilder Platforms(string[] include, params string[] exclude) { _includePlatforms = include; _excludePlatforms = exclude; return this; }
        public ConditionalAccessPolicyBuilder SignInRisk(params string[] levels) { _signInRisk = levels; return this; }
        public ConditionalAccessPolicyBuilder UserRisk(params string[] levels) { _userRisk = levels; return this; }
        public ConditionalAccessPolicyBuilder DeviceFilter(string mode, string rule)
        {
            _devices = new JsonObject { ["deviceFilter"] = new JsonObject { ["mode"] = mode, ["rule"] = rule } };
            return this;
        }
        /// <param name="transferMethods">comma-separated conditionalAccessTransferMethods, e.g. "deviceCodeFlow".</param>
        public ConditionalAccessPolicyBuilder AuthenticationFlows(string transferMethods)
        {
            _authenticationFlows = new JsonObject { ["transferMethods"] = transferMethods };
            return this;
        }
        public ConditionalAccessPolicyBuilder Grant(string @operator, params string[] builtInControls) { _operator = @operator; _builtInControls = builtInControls; return this; }
        public ConditionalAccessPolicyBuilder Block() => Grant("OR", "block");
        public ConditionalAccessPolicyBuilder RequireStrength(AuthenticationStrengths.Strength strength) { _strength = strength; _builtInControls = Array.Empty<string>(); _operator = "OR"; return this; }
        public ConditionalAccessPolicyBuilder SignInFrequencyHours(int hours)
        {
            _sessionControls = new JsonObject
            {
                ["disableResilienceDefaults"] = null,
                ["applicationEnforcedRestrictions"] = null,
                ["cloudAppSecurity"] = null,
                ["persistentBrowser"] = null,
                ["secureSignInSession"] = null,
                ["signInFrequency"] = new JsonObject
                {
                    ["value"] = hours,
                    ["type"] = "hours",
                    ["authenticationType"] = "primaryAndSecondaryAuthentication",
                    ["frequencyInterval"] = "timeBased",
                    ["isEnabled"] = true,
                },
            };
            return this;
        }

        public JsonObject Build() => new JsonObject
        {
            ["id"] = _id,
            ["templateId"] = null,
            ["displayName"] = _displayName,
            ["createdDateTime"] = SnapshotTime.IsoPrecise(_created),
            ["modifiedDateTime"] = SnapshotTime.IsoPrecise(_modified),
            ["state"] = _state,
            ["sessionControls"] = _sessionControls,
            ["conditions"] = new JsonObject
            {
                ["userRiskLevels"] = SnapshotJson.Strings(_userRisk),
                ["signInRiskLevels"] = SnapshotJson.Strings(_signInRisk),
                ["clientAppTypes"] = SnapshotJson.Strings(_clientAppTypes),
                ["servicePrincipalRiskLevels"] = new JsonArray(),
                ["insiderRiskLevels"] = null,
                ["platforms"] = _includePlatforms == null ? null : new JsonObject
                {
                    ["includePlatforms"] = SnapshotJson.Strings(_includePlatforms),
                    ["excludePlatforms"] = SnapshotJson.Strings(_excludePlatforms!),
                },
                ["locations"] = _includeLocations == null ? null : new JsonObject
                {
                    ["includeLocations"] = SnapshotJson.Strings(_includeLocations),
                    ["excludeLocations"] = SnapshotJson.Strings(_excludeLocations!),
                },
                ["devices"] = _devices?.DeepClone(),
                ["clientApplications"] = null,
                ["authenticationFlows"] = _authenticationFlows?.DeepClone(),
                ["applications"] = new JsonObject
                {
                    ["includeApplications"] = SnapshotJson.Strings(_includeApplications),
                    ["excludeApplications"] = SnapshotJson.Strings(_excludeApplications),
                    ["includeUserActions"] = SnapshotJson.Strings(_userActions),
                    ["includeAuthenticationContextClassReferences"] = SnapshotJson.Strings(_authenticationContexts),
                    ["applicationFilter"] = _applicationFilter?.DeepClone(),
                },
                ["users"] = new JsonObject
                {
                    ["includeUsers"] = SnapshotJson.Strings(_includeUsers),
                    ["excludeUsers"] = SnapshotJson.Strings(_excludeUsers),
                    ["includeGroups"] = SnapshotJson.Strings(_includeGroups),
                    ["excludeGroups"] = SnapshotJson.Strings(_excludeGroups),
                    ["includeRoles"] = SnapshotJson.Strings(_includeRoles),
                    ["excludeRoles"] = SnapshotJson.Strings(_excludeRoles),
                    ["includeGuestsOrExternalUsers"] = GuestsOrExternalUsers(_includeGuestTypes),
                    ["excludeGuestsOrExternalUsers"] = GuestsOrExternalUsers(_excludeGuestTypes),
                },
            },
            ["grantControls"] = new JsonObject
            {
                ["operator"] = _operator,
                ["builtInControls"] = SnapshotJson.Strings(_builtInControls),
                ["customAuthenticationFactors"] = new JsonArray(),
                ["termsOfUse"] = new JsonArray(),
                ["authenticationStrength@odata.context"] =
                    $"https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('{_id}')/grantControls/authenticationStrength/$entity",
                ["authenticationStrength"] = _strength == null ? null : new JsonObject
                {
                    ["id"] = _strength.Id,
                    ["createdDateTime"] = "2021-12-01T00:00:00Z",
                    ["modifiedDateTime"] = "2021-12-01T00:00:00Z",
                    ["displayName"] = _strength.DisplayName,
                    ["description"] = _strength.Description,
                    ["policyType"] = "builtIn",
                    ["requirementsSatisfied"] = "mfa",
                    ["allowedCombinations"] = SnapshotJson.Strings(_strength.AllowedCombinations),
                },
            },
        };

        private static JsonObject? GuestsOrExternalUsers(string? types) => types == null ? null : new JsonObject
        {
            ["guestOrExternalUserTypes"] = types,
            ["externalTenants"] = new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.conditionalAccessAllExternalTenants",
                ["membershipKind"] = "all",
            },
        };
    }
}
