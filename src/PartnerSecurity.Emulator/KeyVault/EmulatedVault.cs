using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.KeyVault
{
    /// <summary>
    /// One Azure Key Vault of the partner's subscription, as the snapshot's "keyVaults" section describes it: its
    /// name (the host &lt;name&gt;.vault.azure.net) and who may use its secrets, by access policy (object id and
    /// secret permissions) or by Azure RBAC (object id and a Key Vault role), as the vault's permission model says.
    /// </summary>
    public sealed class EmulatedVault
    {
        /// <summary>The data actions of Key Vault's built-in roles on secrets (Azure RBAC built-in roles).</summary>
        private static readonly Dictionary<string, string[]> s_roles = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["Key Vault Administrator"] = new[] { "get", "list", "set", "delete", "recover", "purge" },
            ["Key Vault Secrets Officer"] = new[] { "get", "list", "set", "delete", "recover", "purge" },
            ["Key Vault Secrets User"] = new[] { "get" },
            ["Key Vault Reader"] = new[] { "list" },
        };

        public EmulatedVault(string name, bool rbac, IReadOnlyDictionary<string, ISet<string>> grants)
        {
            Name = name;
            EnableRbacAuthorization = rbac;
            Grants = grants;
        }

        public string Name { get; }
        /// <summary>True: Azure RBAC decides access (ForbiddenByRbac); false: the vault's access policies (ForbiddenByPolicy).</summary>
        public bool EnableRbacAuthorization { get; }
        /// <summary>Object id -> the secret permissions it has (get, list, set, delete, recover, purge).</summary>
        public IReadOnlyDictionary<string, ISet<string>> Grants { get; }
        public SecretStore Secrets { get; } = new SecretStore();

        public bool Allows(string objectId, string permission) =>
            Grants.TryGetValue(objectId, out var permissions) && permissions.Contains(permission);

        public static IReadOnlyCollection<string> RoleNames => s_roles.Keys;
        public static string[]? RolePermissions(string role) => s_roles.TryGetValue(role, out var p) ? p : null;

        public static readonly string[] SecretPermissions = { "get", "list", "set", "delete", "recover", "purge", "backup", "restore" };

        /// <summary>The Azure RBAC data action a secret operation needs, as Key Vault names it in a 403.</summary>
        public static string DataAction(string permission) => permission switch
        {
            "get" => "Microsoft.KeyVault/vaults/secrets/getSecret/action",
            "set" => "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            "list" => "Microsoft.KeyVault/vaults/secrets/readMetadata/action",
            "delete" => "Microsoft.KeyVault/vaults/secrets/delete",
            "recover" => "Microsoft.KeyVault/vaults/secrets/recover/action",
            "purge" => "Microsoft.KeyVault/vaults/deletedSecrets/delete",
            _ => "Microsoft.KeyVault/vaults/secrets/" + permission,
        };

        internal static JsonObject Describe(EmulatedVault vault) => new JsonObject { ["name"] = vault.Name, ["enableRbacAuthorization"] = vault.EnableRbacAuthorization };
    }
}
