using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>One delegated permission (an OAuth2 scope) of an API, by name and by the id Graph stores in requiredResourceAccess.</summary>
    public sealed class DelegatedPermission
    {
        public DelegatedPermission(string name, string id)
        {
            Name = name;
            Id = new Guid(id);
        }

        public string Name { get; }
        public Guid Id { get; }
    }

    /// <summary>An API the Secure Application Model app is granted delegated permissions on.</summary>
    public sealed class PermissionedApi
    {
        public PermissionedApi(string displayName, string appId, IReadOnlyList<DelegatedPermission> permissions)
        {
            DisplayName = displayName;
            AppId = new Guid(appId);
            Permissions = permissions;
        }

        public string DisplayName { get; }
        /// <summary>The resource application's appId (resourceAppId in requiredResourceAccess).</summary>
        public Guid AppId { get; }
        public IReadOnlyList<DelegatedPermission> Permissions { get; }
    }

    /// <summary>
    /// The one catalogue of what the Secure Application Model app asks for, with the permission ids as the
    /// Microsoft Graph permissions reference and the Partner Center API's service principal publish them.
    /// New-SecureAppModelApplication writes exactly these into requiredResourceAccess. Sources: Microsoft
    /// Graph permissions reference (delegated ids), Partner Center API service principal
    /// (fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd, user_impersonation 1cebfa2a-fb4d-419e-b5f9-839b4383e05a).
    /// </summary>
    public static class SamPermissions
    {
        public static readonly PermissionedApi PartnerCenter = new PermissionedApi(
            "Microsoft Partner Center", "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd", new[]
            {
                new DelegatedPermission("user_impersonation", "1cebfa2a-fb4d-419e-b5f9-839b4383e05a"),
            });

        public static readonly PermissionedApi MicrosoftGraph = new PermissionedApi(
            "Microsoft Graph", "00000003-0000-0000-c000-000000000000", new[]
            {
                new DelegatedPermission("openid", "37f7f235-527c-4136-accd-4a02d197296e"),
                new DelegatedPermission("profile", "14dad69e-099b-42c9-810b-d002981feec1"),
                new DelegatedPermission("offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182"),
                new DelegatedPermission("User.Read", "e1fc6de7-ebb9-4c8b-b28d-f81e3b03b3e8"),
                new DelegatedPermission("User.Read.All", "a154be20-db9c-4678-8ab7-66f6cc099a59"),
                new DelegatedPermission("Directory.Read.All", "06da0dbc-49e2-44d2-8312-53f166ab848a"),
                new DelegatedPermission("Organization.Read.All", "4908d5b9-3fb2-4b1e-9336-1888b7937185"),
                new DelegatedPermission("Policy.Read.All", "572fea84-0151-49b2-9301-11cb16974376"),
                new DelegatedPermission("AuditLog.Read.All", "e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20"),
                new DelegatedPermission("RoleManagement.Read.Directory", "741c54c3-0c1e-44a1-818b-3f97ab4e8c83"),
                new DelegatedPermission("UserAuthenticationMethod.Read.All", "aec28ec7-4d02-4e8c-b864-50163aea77eb"),
                new DelegatedPermission("DelegatedAdminRelationship.Read.All", "0c0064ea-477b-4130-82a5-4c2cc4ff68aa"),
                new DelegatedPermission("Policy.ReadWrite.SecurityDefaults", "0b2a744c-2abf-4f1e-ad7e-17a087e2be99"),
                new DelegatedPermission("Policy.ReadWrite.AuthenticationMethod", "7e823077-d88e-468f-a337-e18f1f0e6c7c"),
                // Microsoft's partner security score and alerts (Get-PartnerSecurityScore, Update-PartnerSecurityAlert).
                new DelegatedPermission("PartnerSecurity.ReadWrite.All", "0cd2c1f6-94a1-4075-ab8c-0b1aff2e1ad5"),
            });

        public static IReadOnlyList<PermissionedApi> All { get; } = new[] { PartnerCenter, MicrosoftGraph };

        /// <summary>The permission's id, or null when the catalogue does not have it.</summary>
        public static Guid? IdOf(PermissionedApi api, string name) =>
            api.Permissions.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Id;
    }
}
