using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Snapshots
{
    /// <summary>
    /// Writes a tenant's directory in the snapshot format (docs/snapshot-format.md) from read-only Graph calls: users,
    /// groups with their direct members, role assignments, custom roles, PIM eligibility, conditional access policies and
    /// named locations, security defaults, the registration report, per-user MFA states, the sign-ins of the last 30 days and service principals. Objects
    /// are kept as Graph returns them, without nulls and OData annotations (but @odata.type). Applications are not read:
    /// secrets never enter a snapshot. A collection Graph refuses for want of Entra ID P1 or P2 sets premiumLicense false;
    /// any other failure fails the export (a snapshot with a silently missing collection would replay a different tenant).
    /// </summary>
    public static class TenantSnapshotExporter
    {
        public const string Format = "partnersecurity-snapshot/1";

        /// <summary>How far back the sign-in log is read: Graph keeps 30 days.</summary>
        public const int SignInDays = 30;

        public static async Task<JsonObject> ExportAsync(PartnerConnection connection, TenantTarget tenant, Action<string>? progress, Action<string> warn, CancellationToken ct)
        {
            var id = tenant.Id;
            string V1(string path) => GraphRest.Url(connection, beta: false, path);
            Task<List<JsonElement>> All(string path, string what) => GraphRest.GetAllAsync(connection, id,
                path.StartsWith("BETA:", StringComparison.Ordinal) ? GraphRest.Url(connection, beta: true, path.Substring(5)) : V1(path), "Reading " + what, ct);
            progress?.Invoke("Reading the directory");
            var organization = (await All("/organization", "the organization").ConfigureAwait(false)).FirstOrDefault();
            var users = await All("/users?$select=id,userPrincipalName,displayName,accountEnabled,userType,onPremisesSyncEnabled,mail&$top=999", "users").ConfigureAwait(false);
            var groups = await All("/groups?$select=id,displayName,description,isAssignableToRole,securityEnabled,mailEnabled,groupTypes&$top=999", "groups").ConfigureAwait(false);
            var definitions = await All("/roleManagement/directory/roleDefinitions", "role definitions").ConfigureAwait(false);
            // Graph reads role assignments only under a filter: by role, in chunks, as the MFA posture reader does.
            var assignments = new List<JsonElement>();
            var roleIds = definitions.Select(d => d.GetProperty("id").GetString()!).ToList();
            for (int i = 0; i < roleIds.Count; i += Mfa.MfaPostureReader.RoleFilterChunk)
            {
                var chunk = string.Join(",", roleIds.Skip(i).Take(Mfa.MfaPostureReader.RoleFilterChunk).Select(ODataLiteral.String));
                assignments.AddRange(await All("/roleManagement/directory/roleAssignments?$filter=" + Uri.EscapeDataString($"roleDefinitionId in ({chunk})"), "role assignments").ConfigureAwait(false));
            }
            var policies = await All("/identity/conditionalAccess/policies", "conditional access policies").ConfigureAwait(false);
            List<JsonElement> locations;
            try
            {
                locations = await All("/identity/conditionalAccess/namedLocations", "named locations").ConfigureAwait(false);
            }
            catch (PartnerSecurityException ex) when (ex.Kind != ErrorKind.AuthenticationError)
            {
                // Named locations only complete policies that name them: the snapshot says they are missing rather than fail.
                warn($"The named locations could not be read ({ex.Message}); the snapshot has none, so policies that name locations replay without their definitions.");
                locations = new List<JsonElement>();
            }
            var principals = await All("/servicePrincipals?$select=id,appId,displayName,servicePrincipalType&$top=999", "service principals").ConfigureAwait(false);
            var defaults = await GraphRest.SendAsync(connection, id, HttpMethod.Get, V1("/policies/identitySecurityDefaultsEnforcementPolicy"), null, "Reading security defaults", ct).ConfigureAwait(false);
            bool premium = true;
            async Task<List<JsonElement>> Premium(string path, string what)
            {
                try
                {
                    return await All(path, what).ConfigureAwait(false);
                }
                catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.PremiumLicenseRequired || ex.Message.Contains("AadPremiumLicenseRequired")
                    || ((ex.Message.Contains("P1") || ex.Message.Contains("P2")) && ex.Kind == ErrorKind.PermissionDenied))
                {
                    premium = false;
                    return new List<JsonElement>();
                }
            }
            var eligible = await Premium("/roleManagement/directory/roleEligibilitySchedules", "PIM eligibility").ConfigureAwait(false);
            var registrations = await Premium("/reports/authenticationMethods/userRegistrationDetails", "the registration report").ConfigureAwait(false);
            // The user sign-ins (interactive and non-interactive) of the last 30 days (Graph keeps 30 days with P1/P2), beta as the format holds it.
            var since = connection.Now.UtcDateTime.AddDays(-SignInDays).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            progress?.Invoke("Reading the sign-ins of the last 30 days");
            var signIns = await Premium("BETA:/auditLogs/signIns?$filter=" + Uri.EscapeDataString("createdDateTime ge " + since + " and signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')") + "&$top=" + SignIns.SignInReader.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "sign-in logs").ConfigureAwait(false);

            progress?.Invoke($"Reading the members of {groups.Count} group(s)");
            var groupObjects = new JsonArray();
            foreach (var group in groups)
            {
                var node = Clean(group);
                var members = await All("/groups/" + GraphPath.Segment(group.GetProperty("id").GetString()!) + "/members?$select=id", "group members").ConfigureAwait(false);
                node["members"] = new JsonArray(members.Select(m => (JsonNode)JsonValue.Create(m.GetProperty("id").GetString()!)!).ToArray());
                groupObjects.Add(node);
            }

            progress?.Invoke($"Reading the per-user MFA state of {users.Count} user(s)");
            var perUser = new JsonArray();
            foreach (var user in users)
            {
                var userId = user.GetProperty("id").GetString()!;
                using var state = await GraphRest.SendAsync(connection, id, HttpMethod.Get, GraphRest.Url(connection, beta: true, GraphPath.PerUserMfaRequirements(userId)), null, "Reading per-user MFA", ct).ConfigureAwait(false);
                var value = state?.RootElement.TryGetProperty("perUserMfaState", out var s) == true ? s.GetString() : null;
                if (value != null && value != "disabled") perUser.Add(new JsonObject { ["userId"] = userId, ["perUserMfaState"] = value });
            }

            var domain = organization.ValueKind == JsonValueKind.Object && organization.TryGetProperty("verifiedDomains", out var domains)
                ? domains.EnumerateArray().Where(d => d.TryGetProperty("isDefault", out var isDefault) && isDefault.ValueKind == JsonValueKind.True).Select(d => d.GetProperty("name").GetString()).FirstOrDefault()
                : null;
            var document = new JsonObject
            {
                ["format"] = Format,
                ["capturedDateTime"] = connection.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["tenant"] = new JsonObject
                {
                    ["id"] = id,
                    ["displayName"] = organization.ValueKind == JsonValueKind.Object && organization.TryGetProperty("displayName", out var name) ? name.GetString() : tenant.Name ?? id,
                    ["defaultDomain"] = domain,
                    ["premiumLicense"] = premium,
                },
                ["users"] = Array(users),
                ["groups"] = groupObjects,
                ["roleAssignments"] = Array(assignments),
                ["roleDefinitions"] = Array(definitions.Where(d => !(d.TryGetProperty("isBuiltIn", out var b) && b.ValueKind == JsonValueKind.True))),
                ["roleEligibilitySchedules"] = Array(eligible),
                ["conditionalAccessPolicies"] = Array(policies),
                ["namedLocations"] = Array(locations),
                ["securityDefaults"] = defaults == null ? null : Clean(defaults.RootElement),
                ["userRegistrationDetails"] = Array(registrations),
                ["perUserMfa"] = perUser,
                ["signIns"] = Array(signIns),
                ["servicePrincipals"] = Array(principals),
            };
            if (domain == null) ((JsonObject)document["tenant"]!).Remove("defaultDomain");
            return document;
        }

        internal static JsonArray Array(IEnumerable<JsonElement> items) => new JsonArray(items.Select(i => (JsonNode)Clean(i)).ToArray());

        /// <summary>The object without nulls and OData annotations (@odata.type kept: named locations need it).</summary>
        internal static JsonObject Clean(JsonElement element)
        {
            var node = JsonNode.Parse(element.GetRawText())!.AsObject();
            Strip(node);
            return node;
        }

        private static void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var key in o.Select(p => p.Key).ToList())
                    {
                        if (o[key] == null || (key.StartsWith("@odata.", StringComparison.Ordinal) && key != "@odata.type") || key.Contains("@odata.")) o.Remove(key);
                        else Strip(o[key]);
                    }
                    break;
                case JsonArray a:
                    foreach (var item in a) Strip(item);
                    break;
            }
        }
    }
}
