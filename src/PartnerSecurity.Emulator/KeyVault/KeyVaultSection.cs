using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator.KeyVault
{
    /// <summary>
    /// The snapshot's "keyVaults" section (partner tenant only; docs/snapshot-format.md): each vault's name, its
    /// permission model, and its access policies or Key Vault role assignments, by the object id of a user or
    /// service principal of the partner tenant.
    /// </summary>
    internal static class KeyVaultSection
    {
        private static readonly Regex s_vaultName = new Regex("^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$", RegexOptions.CultureInvariant);

        public static List<EmulatedVault> Read(JsonNode node, string path, TenantSnapshot snapshot, Func<string, string, Exception> fail)
        {
            var principals = new HashSet<string>(snapshot.Users.Concat(snapshot.ServicePrincipals).Select(o => (string)o["id"]!), StringComparer.OrdinalIgnoreCase);
            if (!(node is JsonArray array)) throw fail(path, "expected an array of vaults.");
            var vaults = new List<EmulatedVault>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < array.Count; i++)
            {
                var itemPath = $"{path}[{i}]";
                if (!(array[i] is JsonObject item)) throw fail(itemPath, "expected an object.");
                var name = (item["name"] as JsonValue)?.TryGetValue(out string? n) == true ? n! : throw fail(itemPath + ".name", "expected a vault name.");
                if (!s_vaultName.IsMatch(name) || name.Contains("--")) throw fail(itemPath + ".name", $"'{name}' is not a vault name: 3 to 24 letters, digits and dashes, starting with a letter.");
                if (!names.Add(name)) throw fail(itemPath + ".name", $"vault '{name}' appears twice.");
                bool rbac = item["enableRbacAuthorization"] is JsonValue r && r.TryGetValue(out bool b) && b;
                var grants = new Dictionary<string, ISet<string>>(StringComparer.OrdinalIgnoreCase);
                var listKey = rbac ? "roleAssignments" : "accessPolicies";
                var other = rbac ? "accessPolicies" : "roleAssignments";
                if (item[other] != null) throw fail($"{itemPath}.{other}", $"a vault with enableRbacAuthorization {(rbac ? "true" : "false")} uses '{listKey}', not '{other}'.");
                var entries = item[listKey] as JsonArray ?? (item[listKey] == null ? new JsonArray() : throw fail($"{itemPath}.{listKey}", "expected an array."));
                for (int e = 0; e < entries.Count; e++)
                {
                    var entryPath = $"{itemPath}.{listKey}[{e}]";
                    if (!(entries[e] is JsonObject entry)) throw fail(entryPath, "expected an object.");
                    var idKey = rbac ? "principalId" : "objectId";
                    var id = (entry[idKey] as JsonValue)?.TryGetValue(out string? s) == true ? s! : throw fail($"{entryPath}.{idKey}", "expected an object id.");
                    if (!principals.Contains(id)) throw fail($"{entryPath}.{idKey}", $"'{id}' names no user or service principal in the partner tenant.");
                    IEnumerable<string> permissions;
                    if (rbac)
                    {
                        var role = (entry["roleDefinitionName"] as JsonValue)?.TryGetValue(out string? rn) == true ? rn! : throw fail(entryPath + ".roleDefinitionName", "expected a role name.");
                        permissions = EmulatedVault.RolePermissions(role) ?? throw fail(entryPath + ".roleDefinitionName", $"'{role}' is not one of {string.Join(", ", EmulatedVault.RoleNames)}.");
                    }
                    else
                    {
                        if (!(entry["permissions"]?["secrets"] is JsonArray secrets)) throw fail(entryPath + ".permissions.secrets", "expected an array of secret permissions.");
                        var list = new List<string>();
                        foreach (var p in secrets)
                        {
                            var permission = (p as JsonValue)?.TryGetValue(out string? ps) == true ? ps!.ToLowerInvariant() : throw fail(entryPath + ".permissions.secrets", "expected strings.");
                            if (permission == "all") { list.AddRange(EmulatedVault.SecretPermissions); continue; }
                            if (!EmulatedVault.SecretPermissions.Contains(permission)) throw fail(entryPath + ".permissions.secrets", $"'{permission}' is not one of {string.Join(", ", EmulatedVault.SecretPermissions)}, all.");
                            list.Add(permission);
                        }
                        permissions = list;
                    }
                    if (!grants.TryGetValue(id, out var set)) grants[id] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    set.UnionWith(permissions);
                }
                vaults.Add(new EmulatedVault(name, rbac, grants));
            }
            return vaults;
        }
    }
}
