using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>A resource (API) tokens can be issued for, with what its ".default" grants in the emulator.</summary>
    public sealed class ResourceApi
    {
        public ResourceApi(string audience, string appId, string[] aliases, string[] delegatedDefault, string[] applicationDefault)
        {
            Audience = audience;
            AppId = appId;
            Aliases = aliases;
            DelegatedDefault = delegatedDefault;
            ApplicationDefault = applicationDefault;
        }

        /// <summary>The v1 audience URI the token's aud claim carries.</summary>
        public string Audience { get; }
        public string AppId { get; }
        public string[] Aliases { get; }
        public string[] DelegatedDefault { get; }
        public string[] ApplicationDefault { get; }
    }

    public static class KnownResources
    {
        public static readonly ResourceApi Graph = new ResourceApi(
            "https://graph.microsoft.com", "00000003-0000-0000-c000-000000000000",
            new[] { "https://graph.microsoft.com", "https://graph.microsoft.us", "https://dod-graph.microsoft.us", "https://microsoftgraph.chinacloudapi.cn", "00000003-0000-0000-c000-000000000000" },
            new[]
            {
                "AuditLog.Read.All", "Directory.Read.All", "Policy.Read.All", "Policy.ReadWrite.SecurityDefaults",
                "Policy.ReadWrite.AuthenticationMethod", "RoleManagement.Read.Directory", "User.Read.All",
                "UserAuthenticationMethod.Read.All", "DelegatedAdminRelationship.Read.All", "Application.ReadWrite.All",
                "Organization.Read.All", "PartnerSecurity.ReadWrite.All",
            },
            new[]
            {
                "AuditLog.Read.All", "Directory.Read.All", "Policy.Read.All", "Policy.ReadWrite.SecurityDefaults",
                "Policy.ReadWrite.AuthenticationMethod", "RoleManagement.Read.Directory", "User.Read.All",
                "UserAuthenticationMethod.Read.All", "Organization.Read.All",
            });

        public static readonly ResourceApi PartnerCenter = new ResourceApi(
            "https://api.partnercenter.microsoft.com", "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd",
            new[] { "https://api.partnercenter.microsoft.com", "https://partner.partnercenterapi.microsoftonline.cn", "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd" },
            new[] { "user_impersonation" },
            new[] { "PartnerCenter.Read" });

        /// <summary>Azure Key Vault's data plane: access is decided by the vault (access policy or RBAC), not by token claims.</summary>
        public static readonly ResourceApi KeyVault = new ResourceApi(
            "https://vault.azure.net", "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
            new[] { "https://vault.azure.net", "https://vault.usgovcloudapi.net", "https://vault.azure.cn", "cfa8b339-82a2-471a-a3c9-0fc0be7a4093" },
            new[] { "user_impersonation" },
            Array.Empty<string>());

        public static readonly IReadOnlyList<ResourceApi> All = new[] { Graph, PartnerCenter, KeyVault };

        public static ResourceApi? Find(string resource)
        {
            var trimmed = resource.TrimEnd('/');
            return All.FirstOrDefault(r => r.Aliases.Any(a => string.Equals(a, trimmed, StringComparison.OrdinalIgnoreCase)));
        }
    }

    /// <summary>
    /// A v2 scope parameter split into its OpenID Connect scopes and the permissions of one resource.
    /// "User.Read" without a resource prefix means Microsoft Graph, as in Entra ID.
    /// </summary>
    public sealed class ScopeRequest
    {
        private static readonly HashSet<string> s_oidc = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "openid", "profile", "offline_access", "email" };

        private ScopeRequest(ResourceApi resource, string resourcePrefix, List<string> permissions, HashSet<string> oidc)
        {
            Resource = resource;
            ResourcePrefix = resourcePrefix;
            Permissions = permissions;
            Oidc = oidc;
        }

        public ResourceApi Resource { get; }
        /// <summary>The resource URI as the client wrote it, for echoing scopes back.</summary>
        public string ResourcePrefix { get; }
        /// <summary>Permission names requested; ".default" when the client asked for the default set.</summary>
        public IReadOnlyList<string> Permissions { get; }
        public ISet<string> Oidc { get; }
        public bool IsDefault => Permissions.Count == 1 && Permissions[0] == ".default";
        public bool WantsRefreshToken => Oidc.Contains("offline_access");
        public bool WantsIdToken => Oidc.Contains("openid");

        /// <summary>Parses a scope string; on failure returns null with the AADSTS description in <paramref name="error"/>.</summary>
        public static ScopeRequest? Parse(string? scope, out string error)
        {
            error = string.Empty;
            var oidc = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            ResourceApi? resource = null;
            string prefix = KnownResources.Graph.Audience;
            var permissions = new List<string>();
            foreach (var item in (scope ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (s_oidc.Contains(item)) { oidc.Add(item.ToLowerInvariant()); continue; }
                string resourceUri, permission;
                int slash = item.LastIndexOf('/');
                if (item.Contains("://") && slash > item.IndexOf("://", StringComparison.Ordinal) + 2)
                {
                    resourceUri = item.Substring(0, slash);
                    permission = item.Substring(slash + 1);
                }
                else if (Guid.TryParse(item.Split('/')[0], out _) && item.Contains("/"))
                {
                    resourceUri = item.Substring(0, item.IndexOf('/'));
                    permission = item.Substring(item.IndexOf('/') + 1);
                }
                else
                {
                    resourceUri = KnownResources.Graph.Audience;
                    permission = item;
                }
                var api = KnownResources.Find(resourceUri);
                if (api == null)
                {
                    error = $"The resource principal named {resourceUri} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.";
                    return null;
                }
                if (resource != null && resource != api)
                {
                    error = "The provided value for the input parameter 'scope' is not valid because it contains more than one resource. The scope should contain only one resource.";
                    return null;
                }
                resource = api;
                prefix = resourceUri;
                if (!permissions.Contains(permission)) permissions.Add(permission);
            }
            if (resource == null)
            {
                // Only OpenID scopes: Entra issues a token for Microsoft Graph's User.Read.
                resource = KnownResources.Graph;
                permissions.Add("User.Read");
            }
            return new ScopeRequest(resource, prefix, permissions, oidc);
        }
    }
}
