using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>
    /// Reads and validates a snapshot document. Either the whole document loads or a
    /// <see cref="SnapshotFormatException"/> names the JSON path at fault: nothing is half-loaded.
    /// </summary>
    public static class SnapshotReader
    {
        private static readonly string[] s_idCollections =
        {
            "users", "groups", "roleAssignments", "roleDefinitions", "roleEligibilitySchedules", "conditionalAccessPolicies",
            "namedLocations", "userRegistrationDetails", "signIns", "applications", "servicePrincipals",
        };

        private static readonly HashSet<string> s_knownKeys = new HashSet<string>(StringComparer.Ordinal)
        {
            "format", "capturedDateTime", "tenant", "securityDefaults", "perUserMfa", "customers",
            "users", "groups", "roleAssignments", "roleDefinitions", "roleEligibilitySchedules", "conditionalAccessPolicies",
            "namedLocations", "userRegistrationDetails", "signIns", "applications", "servicePrincipals",
            "partnerSecurity", "partnerCenterMfa",
        };

        private static readonly HashSet<string> s_perUserMfaStates = new HashSet<string>(StringComparer.Ordinal) { "disabled", "enabled", "enforced" };

        public static TenantSnapshot ReadFile(string path)
        {
            string text;
            try { text = File.ReadAllText(path); }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SnapshotFormatException(path, "$", "the file cannot be read: " + ex.Message, ex);
            }
            return Read(text, path);
        }

        public static TenantSnapshot Read(string json, string sourceName)
        {
            JsonNode? root;
            try
            {
                root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            }
            catch (JsonException ex)
            {
                var where = ex.Path is { Length: > 0 } p ? p : "$";
                var line = ex.LineNumber is long l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
                throw new SnapshotFormatException(sourceName, where, "the document is not valid JSON" + line + ".", ex);
            }
            var reader = new Reader(sourceName);
            var rootObject = reader.Object(root, "$");
            return reader.ReadTenant(rootObject, "$", inherited: null);
        }

        private sealed class Reader
        {
            private readonly string _source;
            public Reader(string source) => _source = source;

            private SnapshotFormatException Fail(string path, string problem) => new SnapshotFormatException(_source, path, problem);

            public JsonObject Object(JsonNode? node, string path) =>
                node as JsonObject ?? throw Fail(path, "expected a JSON object.");

            private JsonArray Array(JsonNode? node, string path) =>
                node as JsonArray ?? throw Fail(path, "expected a JSON array.");

            private string String(JsonNode? node, string path)
            {
                if (node is JsonValue value && value.TryGetValue(out string? s) && s != null) return s;
                throw Fail(path, "expected a string.");
            }

            public TenantSnapshot ReadTenant(JsonObject root, string path, TenantSnapshot? inherited)
            {
                var snapshot = new TenantSnapshot();

                if (root.TryGetPropertyValue("format", out var format) || inherited == null)
                {
                    var name = format == null ? null : (format as JsonValue)?.TryGetValue(out string? f) == true ? f : null;
                    if (name != TenantSnapshot.FormatName)
                        throw Fail(path + ".format", name == null
                            ? $"the required key 'format' must be the string '{TenantSnapshot.FormatName}'."
                            : $"unsupported format '{name}'; this module reads '{TenantSnapshot.FormatName}'.");
                }

                snapshot.CapturedDateTime = inherited?.CapturedDateTime ?? DateTimeOffset.UtcNow;
                if (root.TryGetPropertyValue("capturedDateTime", out var captured) && captured != null)
                {
                    var text = String(captured, path + ".capturedDateTime");
                    if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
                        throw Fail(path + ".capturedDateTime", $"'{text}' is not an ISO 8601 date and time.");
                    snapshot.CapturedDateTime = when;
                }

                snapshot.Tenant = ReadTenantInfo(root["tenant"], path + ".tenant");

                foreach (var key in s_idCollections)
                {
                    if (!root.TryGetPropertyValue(key, out var node) || node == null) continue;
                    var list = CollectionFor(snapshot, key);
                    var array = Array(node, $"{path}.{key}");
                    var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    for (int i = 0; i < array.Count; i++)
                    {
                        var itemPath = $"{path}.{key}[{i}]";
                        var item = Object(array[i], itemPath);
                        var id = String(item["id"], itemPath + ".id");
                        if (!ids.Add(id)) throw Fail(itemPath + ".id", $"duplicate id '{id}' in '{key}'.");
                        // Detach from the parsed document so the emulator may move and edit items freely.
                        list.Add((JsonObject)item.DeepClone());
                    }
                }

                ValidateUsers(snapshot, path);
                ValidateGroupMembers(snapshot, path);

                if (root.TryGetPropertyValue("securityDefaults", out var defaults) && defaults != null)
                {
                    var obj = (JsonObject)Object(defaults, path + ".securityDefaults").DeepClone();
                    if (!(obj["isEnabled"] is JsonValue v && v.TryGetValue(out bool _)))
                        throw Fail(path + ".securityDefaults.isEnabled", "expected true or false.");
                    var merged = SnapshotDefaults.SecurityDefaults(false);
                    foreach (var property in obj.ToList())
                    {
                        obj.Remove(property.Key);
                        merged[property.Key] = property.Value;
                    }
                    snapshot.SecurityDefaults = merged;
                }

                ReadPerUserMfa(root["perUserMfa"], path + ".perUserMfa", snapshot);
                ReadPartnerSecuritySections(root, path, snapshot, inherited != null);

                if (root.TryGetPropertyValue("customers", out var customers) && customers != null)
                {
                    if (inherited != null) throw Fail(path + ".customers", "a customer snapshot cannot have customers of its own.");
                    ReadCustomers(Array(customers, path + ".customers"), path + ".customers", snapshot);
                }

                foreach (var property in root)
                {
                    if (!s_knownKeys.Contains(property.Key))
                        snapshot.Warnings.Add($"Snapshot '{_source}': unknown key '{property.Key}' at {path} was ignored.");
                }
                return snapshot;
            }

            private TenantInfo ReadTenantInfo(JsonNode? node, string path)
            {
                var obj = Object(node, path);
                var info = new TenantInfo { Id = String(obj["id"], path + ".id") };
                if (!Guid.TryParse(info.Id, out _)) throw Fail(path + ".id", $"'{info.Id}' is not a tenant id (a GUID).");
                info.DisplayName = obj["displayName"] is JsonNode name ? String(name, path + ".displayName") : info.Id;
                info.DefaultDomain = obj["defaultDomain"] is JsonNode domain ? String(domain, path + ".defaultDomain") : string.Empty;
                if (obj["premiumLicense"] is JsonNode premium)
                {
                    if (!(premium is JsonValue pv && pv.TryGetValue(out bool p))) throw Fail(path + ".premiumLicense", "expected true or false.");
                    info.PremiumLicense = p;
                }
                return info;
            }

            private void ValidateUsers(TenantSnapshot snapshot, string path)
            {
                var upns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                for (int i = 0; i < snapshot.Users.Count; i++)
                {
                    var upnPath = $"{path}.users[{i}].userPrincipalName";
                    var upn = String(snapshot.Users[i]["userPrincipalName"], upnPath);
                    if (!upns.Add(upn)) throw Fail(upnPath, $"duplicate userPrincipalName '{upn}'.");
                }
            }

            private void ValidateGroupMembers(TenantSnapshot snapshot, string path)
            {
                var known = new HashSet<string>(snapshot.Users.Concat(snapshot.Groups).Concat(snapshot.ServicePrincipals)
                    .Select(o => (string)o["id"]!), StringComparer.OrdinalIgnoreCase);
                for (int g = 0; g < snapshot.Groups.Count; g++)
                {
                    var group = snapshot.Groups[g];
                    if (!group.TryGetPropertyValue("members", out var members) || members == null) continue;
                    var array = Array(members, $"{path}.groups[{g}].members");
                    for (int m = 0; m < array.Count; m++)
                    {
                        var memberPath = $"{path}.groups[{g}].members[{m}]";
                        var id = String(array[m], memberPath);
                        if (!known.Contains(id)) throw Fail(memberPath, $"'{id}' names no user, group or service principal in this tenant.");
                    }
                }
            }

            /// <summary>Microsoft's partner security data: the partner's own (top-level) tenant only.</summary>
            private void ReadPartnerSecuritySections(JsonObject root, string path, TenantSnapshot snapshot, bool isCustomer)
            {
                var sections = new PartnerSecuritySectionReader(_source);
                foreach (var key in new[] { "partnerSecurity", "partnerCenterMfa" })
                {
                    if (!root.TryGetPropertyValue(key, out var node) || node == null) continue;
                    if (isCustomer) throw Fail($"{path}.{key}", "only the partner's own (top-level) tenant has partner security data.");
                    if (key == "partnerSecurity") snapshot.PartnerSecurity = sections.ReadPartnerSecurity(node, $"{path}.{key}");
                    else snapshot.PartnerCenterMfa = sections.ReadPartnerCenterMfa(node, $"{path}.{key}");
                }
            }

            private void ReadPerUserMfa(JsonNode? node, string path, TenantSnapshot snapshot)
            {
                if (node == null) return;
                var users = new HashSet<string>(snapshot.Users.Select(u => (string)u["id"]!), StringComparer.OrdinalIgnoreCase);
                var array = Array(node, path);
                for (int i = 0; i < array.Count; i++)
                {
                    var itemPath = $"{path}[{i}]";
                    var item = Object(array[i], itemPath);
                    var userId = String(item["userId"], itemPath + ".userId");
                    if (!users.Contains(userId)) throw Fail(itemPath + ".userId", $"'{userId}' names no user in this tenant.");
                    var state = String(item["perUserMfaState"], itemPath + ".perUserMfaState");
                    if (!s_perUserMfaStates.Contains(state)) throw Fail(itemPath + ".perUserMfaState", $"'{state}' is not one of disabled, enabled, enforced.");
                    if (snapshot.PerUserMfa.ContainsKey(userId)) throw Fail(itemPath + ".userId", $"user '{userId}' is listed twice.");
                    snapshot.PerUserMfa[userId] = state;
                }
            }

            private void ReadCustomers(JsonArray array, string path, TenantSnapshot partner)
            {
                var tenantIds = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { partner.Tenant.Id };
                for (int i = 0; i < array.Count; i++)
                {
                    var itemPath = $"{path}[{i}]";
                    var item = Object(array[i], itemPath);
                    var customer = (JsonObject)Object(item["customer"], itemPath + ".customer").DeepClone();
                    String(customer["id"], itemPath + ".customer.id");
                    var relationships = new List<JsonObject>();
                    if (item["gdapRelationships"] is JsonNode gdap)
                    {
                        var gdapArray = Array(gdap, itemPath + ".gdapRelationships");
                        for (int r = 0; r < gdapArray.Count; r++)
                        {
                            var relationship = Object(gdapArray[r], $"{itemPath}.gdapRelationships[{r}]");
                            String(relationship["id"], $"{itemPath}.gdapRelationships[{r}].id");
                            relationships.Add((JsonObject)relationship.DeepClone());
                        }
                    }
                    var nested = ReadTenant(Object(item["snapshot"], itemPath + ".snapshot"), itemPath + ".snapshot", partner);
                    if (!tenantIds.Add(nested.Tenant.Id))
                        throw Fail(itemPath + ".snapshot.tenant.id", $"tenant '{nested.Tenant.Id}' appears twice in this document.");
                    partner.Warnings.AddRange(nested.Warnings);
                    var customerSnapshot = new CustomerSnapshot(customer, relationships, nested);
                    if (item["usageBudget"] is JsonNode budget)
                        customerSnapshot.UsageBudget = new PartnerSecuritySectionReader(_source).ReadUsageBudget(budget, itemPath + ".usageBudget");
                    partner.Customers.Add(customerSnapshot);
                }
            }

            private static List<JsonObject> CollectionFor(TenantSnapshot s, string key) => key switch
            {
                "users" => s.Users,
                "groups" => s.Groups,
                "roleAssignments" => s.RoleAssignments,
                "roleDefinitions" => s.RoleDefinitions,
                "roleEligibilitySchedules" => s.RoleEligibilitySchedules,
                "conditionalAccessPolicies" => s.ConditionalAccessPolicies,
                "namedLocations" => s.NamedLocations,
                "userRegistrationDetails" => s.UserRegistrationDetails,
                "signIns" => s.SignIns,
                "applications" => s.Applications,
                "servicePrincipals" => s.ServicePrincipals,
                _ => throw new ArgumentOutOfRangeException(nameof(key)),
            };
        }
    }
}
