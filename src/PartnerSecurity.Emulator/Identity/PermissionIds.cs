using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// The permission ids the emulator reads in snapshots and app registrations: Microsoft Graph's delegated scopes
    /// (requiredResourceAccess of type Scope) and application roles (appRoleAssignments of a service principal,
    /// requiredResourceAccess of type Role), and Partner Center's user_impersonation, as the Microsoft Graph
    /// permissions reference and the resources' service principals publish them. An id not listed here grants
    /// nothing the emulator checks.
    /// </summary>
    public static class PermissionIds
    {
        private static readonly (string Name, string? Delegated, string? Application)[] s_graph =
        {
            ("openid", "37f7f235-527c-4136-accd-4a02d197296e", null),
            ("profile", "14dad69e-099b-42c9-810b-d002981feec1", null),
            ("offline_access", "7427e0e9-2fba-42fe-b0c0-848c9e6a8182", null),
            ("User.Read", "e1fc6de7-ebb9-4c8b-b28d-f81e3b03b3e8", null),
            ("User.Read.All", "a154be20-db9c-4678-8ab7-66f6cc099a59", "df021288-bdef-4463-88db-98f22de89214"),
            ("Directory.Read.All", "06da0dbc-49e2-44d2-8312-53f166ab848a", "7ab1d382-f21e-4acd-a863-ba3e13f7da61"),
            ("Directory.ReadWrite.All", "c5366453-9fb0-48a5-a156-24f0c49a4b84", "19dbc75e-c2e2-444c-a770-ec69d8559fc7"),
            ("Organization.Read.All", "4908d5b9-3fb2-4b1e-9336-1888b7937185", "498476ce-e0fe-48b0-b801-37ba7e2685c6"),
            ("Group.Read.All", "5f8c59db-677d-491f-a6b8-5f174b11ec1d", "5b567255-7703-4780-807c-7be8301ae99b"),
            ("GroupMember.Read.All", "bc024368-1153-4739-b217-4326f2e966d0", "98830695-27a2-44f7-8c18-0c3ebc9698f6"),
            ("GroupMember.ReadWrite.All", "f81125ac-d3b7-4573-a3b2-7099cc39df9e", null),
            ("Policy.Read.All", "572fea84-0151-49b2-9301-11cb16974376", "246dd0d5-5bd0-4def-940b-0421030a5b68"),
            ("Policy.Read.ConditionalAccess", null, "37730810-e9ba-4e46-b07e-8ca78d182097"),
            ("Policy.ReadWrite.ConditionalAccess", "ad902697-1014-4ef5-81ef-2b4301988e8c", "01c0a623-fc9b-48e9-b794-0756f8e8f067"),
            ("Policy.ReadWrite.SecurityDefaults", "0b2a744c-2abf-4f1e-ad7e-17a087e2be99", "1c6e93a6-28e2-4cbb-9f64-1a46a821124d"),
            ("Policy.ReadWrite.AuthenticationMethod", "7e823077-d88e-468f-a337-e18f1f0e6c7c", "29c18626-4985-4dcd-85c0-193eef327366"),
            ("AuditLog.Read.All", "e4c9e354-4dc5-45b8-9e7c-e1393b0b1a20", "b0afded3-3588-46d8-8b3d-9842eff778da"),
            ("RoleManagement.Read.Directory", "741c54c3-0c1e-44a1-818b-3f97ab4e8c83", "483bed4a-2ad3-4361-a73b-c83ccdbdc53c"),
            ("UserAuthenticationMethod.Read.All", "aec28ec7-4d02-4e8c-b864-50163aea77eb", "38d9df27-64da-44fd-b7c5-a6fbac20248f"),
            ("DelegatedAdminRelationship.Read.All", "0c0064ea-477b-4130-82a5-4c2cc4ff68aa", null),
            ("Application.Read.All", "c79f8feb-a9db-4090-85f9-90d820caa0eb", "9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30"),
            ("Application.ReadWrite.All", "bdfbf15f-ee85-4955-8675-146e8e5296b5", "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9"),
        };

        private static readonly Dictionary<string, string> s_partnerCenterDelegated = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["1cebfa2a-fb4d-419e-b5f9-839b4383e05a"] = "user_impersonation",
        };

        /// <summary>The name of a delegated permission (scope) of the resource, or null.</summary>
        public static string? DelegatedName(ResourceApi resource, string id)
        {
            if (resource == KnownResources.PartnerCenter) return s_partnerCenterDelegated.TryGetValue(id, out var name) ? name : null;
            return s_graph.FirstOrDefault(p => string.Equals(p.Delegated, id, StringComparison.OrdinalIgnoreCase)).Name;
        }

        /// <summary>The name of an application permission (app role) of Microsoft Graph, or null.</summary>
        public static string? ApplicationName(string id) =>
            s_graph.FirstOrDefault(p => string.Equals(p.Application, id, StringComparison.OrdinalIgnoreCase)).Name;

        /// <summary>The id of a Microsoft Graph application permission, for snapshots and tests that grant one.</summary>
        public static string ApplicationId(string name) =>
            s_graph.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Application
            ?? throw new ArgumentException($"No Microsoft Graph application permission '{name}' in the emulator's catalogue.", nameof(name));
    }
}
