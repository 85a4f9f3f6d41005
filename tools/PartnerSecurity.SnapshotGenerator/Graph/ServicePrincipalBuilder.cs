using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>A Graph v1.0 servicePrincipal of one of the tenant's own applications, as GET /servicePrincipals returns it.</summary>
    internal static class ServicePrincipalBuilder
    {
        public static JsonObject Application(string id, string appId, string displayName, string tenantId, DateTimeOffset created) => new JsonObject
        {
            ["id"] = id,
            ["appId"] = appId,
            ["displayName"] = displayName,
            ["accountEnabled"] = true,
            ["appOwnerOrganizationId"] = tenantId,
            ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
            ["servicePrincipalType"] = "Application",
            ["signInAudience"] = "AzureADMyOrg",
            ["appRoleAssignmentRequired"] = false,
            ["tags"] = new JsonArray("WindowsAzureActiveDirectoryIntegratedApp"),
        };
    }
}
