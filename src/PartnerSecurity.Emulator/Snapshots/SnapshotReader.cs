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
            "partnerSecurity", "partnerCenterMfa", "keyVaults",
        };

        private static readonly HashSet<string> s_perUserMfaStates = new HashSet<string>(StringComparer.Ordinal) { "disabled", "enabled", "enforced" };

        /// <summary>
        /// The largest snapshot read. The emulator keeps the whole tenant in memory (about six times the file's size;
        /// docs/reliability.md has the figures), so a larger file is refused at once rather than exhausting memory.
        /// </summary>
        public const long DefaultMaxBytes = 256L * 1024 * 1024;

        /// <summary>The deepest nesting read: Graph objects in a snapshot nest about a dozen levels.</summary>
        public const int MaxDepth = 64;

        private static readonly JsonDocumentOptions s_options = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth,
        };

        public static TenantSnapshot ReadFile(string path, long maxBytes = DefaultMaxBytes)
        {
            byte[] bytes;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
                if (stream.Length > maxBytes) throw TooLarge(path, stream.Length, maxBytes);
                bytes = new byte[stream.Length];
                int read = 0;
                while (read < bytes.Length)
                {
                    int n = stream.Read(bytes, read, bytes.Length - read);
                    if (n == 0) break;
                    read += n;
                }
                if (read < bytes.Length) Array.Resize(ref bytes, read);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                throw new SnapshotFormatException(path, "$", "the file cannot be read: " + ex.Message, ex);
            }
            return Parse(bytes, path);
        }

        public static TenantSnapshot Read(string json, string sourceName, long maxBytes = DefaultMaxBytes)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(json);
            if (bytes.Length > maxBytes) throw TooLarge(sourceName, bytes.Length, maxBytes);
            return Parse(bytes, sourceName);
        }

        private static SnapshotFormatException TooLarge(string source, long size, long maxBytes) =>
            new SnapshotFormatException(source, "$", string.Format(CultureInfo.InvariantCulture,
                "the file is {0:N0} MB; snapshots of up to {1:N0} MB are read, since the emulator holds the whole tenant in memory (about six times the file). " +
                "Split the customers into snapshots of their own, or keep fewer sign-ins.", size / 1048576.0, maxBytes / 1048576.0));

        private static TenantSnapshot Parse(byte[] utf8, string sourceName)
        {
            JsonNode? root;
            try
            {
                // A byte order mark is allowed, as editors write one.
                var start = utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF ? 3 : 0;
                root = JsonNode.Parse(new ReadOnlySpan<byte>(utf8, start, utf8.Length - start), documentOptions: s_options);
            }
            catch (JsonException ex)
            {
                var where = ex.Path is { Length: > 0 } p ? p : "$";
                var line = ex.LineNumber is long l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
                var problem = TooDeep(utf8) ? $"the document nests more than {MaxDepth} levels deep{line}: too deep for a tenant snapshot."
                    : "the document is not valid JSON" + line + ".";
                throw new SnapshotFormatException(sourceName, where, problem, ex);
            }
            var reader = new Reader(sourceName);
            try
            {
                var rootObject = reader.Object(root, "$");
                return reader.ReadTenant(rootObject, "$", inherited: null);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is FormatException || ex is InvalidCastException)
            {
                // A last guard: every known problem is caught above with its path; this one is said plainly too.
                throw new SnapshotFormatException(sourceName, "$", "the document could not be read (" + ex.Message + ").", ex);
            }
        }

        /// <summary>Whether the text nests deeper than <see cref="MaxDepth"/> before it stops being JSON (said apart from other errors).</summary>
        private static bool TooDeep(byte[] utf8)
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = int.MaxValue / 2 });
            try
            {
                while (reader.Read())
                {
                    if (reader.CurrentDepth >= MaxDepth) return true;
                }
            }
            catch (JsonException)
            {
            }
            return false;
        }

        private sealed class Reader
        {
            private readonly string _source;
            public Reader(string source) => _source = source;

            private SnapshotFormatException Fail(string path, string problem) => new SnapshotFormatException(_source, path, problem);

            public JsonObject Object(JsonNode? node, string path)
            {
                var obj = node as JsonObject ?? throw Fail(path, "expected a JSON object, found " + SnapshotShapes.Describe(node) + ".");
                SnapshotShapes.Properties(obj, path, Fail);
                return obj;
            }

            private JsonArray Array(JsonNode? node, string path) =>
                node as JsonArray ?? throw Fail(path, "expected a JSON array, found " + SnapshotShapes.Describe(node) + ".");

            private string String(JsonNode? node, string path)
            {
                if (node is JsonValue value && value.TryGetValue(out string? s) && s != null) return s;
                throw Fail(path, "expected a string, found " + SnapshotShapes.Describe(node) + ".");
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
                    var shape = SnapshotShapes.Collections[key];
                    for (int i = 0; i < array.Count; i++)
                    {
                        var itemPath = $"{path}.{key}[{i}]";
                        var item = Object(array[i], itemPath);
                        if (key == "conditionalAccessPolicies" && item["id"] == null) item = WithGeneratedId(item, itemPath, snapshot, ids);
                        SnapshotShapes.Check(item, shape, itemPath, Fail);
                        var id = String(item["id"], itemPath + ".id");
                        if (!ids.Add(id)) throw Fail(itemPath + ".id", $"duplicate id '{id}' in '{key}'.");
                        list.Add(item);
                    }
                    // Detach the items from the parsed document (no copy) so the emulator may move and edit them freely.
                    array.Clear();
                }

                ValidateUsers(snapshot, path);
                ValidateGroupMembers(snapshot, path);
                WarnUnknownRoles(snapshot, path);

                if (root.TryGetPropertyValue("securityDefaults", out var defaults) && defaults != null)
                {
                    var obj = (JsonObject)Object(defaults, path + ".securityDefaults").DeepClone();
                    SnapshotShapes.Check(obj, SnapshotShapes.SecurityDefaults, path + ".securityDefaults", Fail);
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
                if (root.TryGetPropertyValue("keyVaults", out var vaults) && vaults != null)
                {
                    if (inherited != null) throw Fail(path + ".keyVaults", "only the partner's own (top-level) tenant has key vaults.");
                    snapshot.KeyVaults.AddRange(KeyVault.KeyVaultSection.Read(vaults, path + ".keyVaults", snapshot, Fail));
                }

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

            /// <summary>
            /// A conditional access policy without an id (the Entra admin center's "Download JSON" writes none) gets one
            /// derived from the tenant and its display name, the same at every load, and a warning.
            /// </summary>
            private JsonObject WithGeneratedId(JsonObject policy, string itemPath, TenantSnapshot snapshot, HashSet<string> taken)
            {
                var name = policy["displayName"] is JsonValue v && v.TryGetValue(out string? n) ? n : string.Empty;
                string id;
                int occurrence = 0;
                do id = Identity.TokenIssuer.DeterministicGuid($"{snapshot.Tenant.Id}/conditionalAccessPolicy/{name}/{occurrence++}");
                while (taken.Contains(id));
                var copy = (JsonObject)policy.DeepClone();
                copy["id"] = id;
                snapshot.Warnings.Add($"Snapshot '{_source}': the conditional access policy '{name}' at {itemPath} has no id; it was given the id {id}, the same at every load.");
                return copy;
            }

            /// <summary>An assignment or eligibility naming a role that is neither built in nor a custom role of the snapshot: served as it is, with a warning.</summary>
            private void WarnUnknownRoles(TenantSnapshot snapshot, string path)
            {
                var custom = new HashSet<string>(snapshot.RoleDefinitions.SelectMany(d => new[] { (string?)d["id"], d["templateId"] is JsonValue t && t.TryGetValue(out string? tid) ? tid : null })
                    .Where(x => x != null).Select(x => x!), StringComparer.OrdinalIgnoreCase);
                foreach (var (key, list) in new[] { ("roleAssignments", snapshot.RoleAssignments), ("roleEligibilitySchedules", snapshot.RoleEligibilitySchedules) })
                {
                    for (int i = 0; i < list.Count; i++)
                    {
                        var role = list[i]["roleDefinitionId"] is JsonValue r && r.TryGetValue(out string? rid) ? rid : null;
                        if (role != null && !Directory.BuiltInRoles.IsBuiltIn(role) && !custom.Contains(role))
                            snapshot.Warnings.Add($"Snapshot '{_source}': {path}.{key}[{i}] names the role definition '{role}', which is neither an Entra built-in role nor a custom role of the snapshot (roleDefinitions).");
                    }
                }
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
                    SnapshotShapes.Check(customer, SnapshotShapes.Customer, itemPath + ".customer", Fail);
                    String(customer["id"], itemPath + ".customer.id");
                    var relationships = new List<JsonObject>();
                    if (item["gdapRelationships"] is JsonNode gdap)
                    {
                        var gdapArray = Array(gdap, itemPath + ".gdapRelationships");
                        for (int r = 0; r < gdapArray.Count; r++)
                        {
                            var relationship = Object(gdapArray[r], $"{itemPath}.gdapRelationships[{r}]");
                            SnapshotShapes.Check(relationship, SnapshotShapes.GdapRelationship, $"{itemPath}.gdapRelationships[{r}]", Fail);
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
