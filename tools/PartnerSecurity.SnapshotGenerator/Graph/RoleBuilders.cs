using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>Graph v1.0 unifiedRoleAssignment (active) and unifiedRoleEligibilitySchedule (PIM-eligible) objects.</summary>
    internal static class RoleBuilders
    {
        /// <param name="directoryScopeId">"/" for the whole tenant, "/administrativeUnits/{id}" for one administrative unit.</param>
        public static JsonObject Assignment(string tenantId, string principalId, string roleTemplateId, string directoryScopeId = "/") => new JsonObject
        {
            ["id"] = directoryScopeId == "/" ? StableIds.RoleAssignmentId(roleTemplateId, principalId) : StableIds.Guid($"roleAssignment/{roleTemplateId}/{principalId}{directoryScopeId}"),
            ["principalId"] = principalId,
            ["principalOrganizationId"] = tenantId,
            ["roleDefinitionId"] = roleTemplateId,
            ["directoryScopeId"] = directoryScopeId,
            ["appScopeId"] = null,
            ["condition"] = null,
        };

        /// <param name="expires">null for a permanently eligible assignment.</param>
        public static JsonObject Eligibility(string tenantKey, string principalId, string roleTemplateId, DateTimeOffset created, DateTimeOffset? expires)
        {
            var id = StableIds.Guid($"{tenantKey}/roleEligibilitySchedule/{principalId}/{roleTemplateId}");
            return new JsonObject
            {
                ["id"] = id,
                ["principalId"] = principalId,
                ["roleDefinitionId"] = roleTemplateId,
                ["directoryScopeId"] = "/",
                ["appScopeId"] = null,
                ["createdUsing"] = StableIds.Guid($"{tenantKey}/roleEligibilityScheduleRequest/{principalId}/{roleTemplateId}"),
                ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
                ["modifiedDateTime"] = null,
                ["status"] = "Provisioned",
                ["memberType"] = "Direct",
                ["scheduleInfo"] = new JsonObject
                {
                    ["startDateTime"] = SnapshotTime.IsoPrecise(created),
                    ["recurrence"] = null,
                    ["expiration"] = expires == null
                        ? new JsonObject { ["type"] = "noExpiration", ["endDateTime"] = null, ["duration"] = null }
                        : new JsonObject { ["type"] = "afterDateTime", ["endDateTime"] = SnapshotTime.IsoPrecise(expires.Value), ["duration"] = null },
                },
            };
        }
    }
}
