using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>
    /// A customer as the partner sees it: the Partner Center customer resource and the Graph
    /// delegatedAdminRelationship objects (GDAP) between the two tenants.
    /// </summary>
    internal static class PartnerCenterBuilders
    {
        public static JsonObject Customer(string tenantId, string companyName, string domain, string relationshipToPartner = "reseller") => new JsonObject
        {
            ["id"] = tenantId,
            ["commerceId"] = StableIds.Guid("commerce/" + tenantId),
            ["companyProfile"] = new JsonObject
            {
                ["tenantId"] = tenantId,
                ["domain"] = domain,
                ["companyName"] = companyName,
                ["links"] = new JsonObject
                {
                    ["self"] = new JsonObject { ["uri"] = $"/customers/{tenantId}/profiles/company", ["method"] = "GET", ["headers"] = new JsonArray() },
                },
                ["attributes"] = new JsonObject { ["objectType"] = "CustomerCompanyProfile" },
            },
            ["relationshipToPartner"] = relationshipToPartner,
            ["links"] = new JsonObject
            {
                ["self"] = new JsonObject { ["uri"] = $"/customers/{tenantId}", ["method"] = "GET", ["headers"] = new JsonArray() },
            },
            ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
        };

        public static JsonObject GdapRelationship(string partnerTenantId, string customerTenantId, string customerName, string displayName,
            string status, DateTimeOffset created, int durationDays, bool autoExtend, string[] roleTemplateIds, DateTimeOffset? lastModified = null)
        {
            var id = StableIds.Guid($"gdap/{partnerTenantId}/{customerTenantId}/{displayName}") + "-" + StableIds.Guid($"gdap-request/{customerTenantId}/{displayName}");
            var activated = created.AddHours(26);
            var end = created.AddDays(durationDays);
            var roles = new JsonArray();
            foreach (var r in roleTemplateIds) roles.Add(new JsonObject { ["roleDefinitionId"] = r });
            return new JsonObject
            {
                ["@odata.type"] = "#microsoft.graph.delegatedAdminRelationship",
                ["@odata.etag"] = StableIds.ETag(id + status),
                ["id"] = id,
                ["displayName"] = displayName,
                ["duration"] = $"P{durationDays}D",
                ["customer"] = new JsonObject { ["tenantId"] = customerTenantId, ["displayName"] = customerName },
                ["accessDetails"] = new JsonObject { ["unifiedRoles"] = roles },
                ["status"] = status,
                ["autoExtendDuration"] = autoExtend ? "P180D" : "PT0S",
                ["createdDateTime"] = SnapshotTime.IsoPrecise(created),
                ["lastModifiedDateTime"] = SnapshotTime.IsoPrecise(lastModified ?? activated),
                ["activatedDateTime"] = SnapshotTime.IsoPrecise(activated),
                ["endDateTime"] = SnapshotTime.IsoPrecise(end),
            };
        }

        /// <summary>
        /// Assigns every role of the relationship to a security group of the partner tenant (delegatedAdminAccessAssignment,
        /// inline as the relationship's accessAssignments): what lets that group's members act in the customer tenant.
        /// </summary>
        public static void AssignAccess(JsonObject relationship, string partnerGroupId)
        {
            var id = (string)relationship["id"]!;
            var assignment = new JsonObject
            {
                ["@odata.etag"] = StableIds.ETag("assignment/" + id + "/" + partnerGroupId),
                ["id"] = StableIds.Guid($"gdap-assignment/{id}/{partnerGroupId}"),
                ["status"] = "active",
                ["accessContainer"] = new JsonObject { ["accessContainerId"] = partnerGroupId, ["accessContainerType"] = "securityGroup" },
                ["accessDetails"] = relationship["accessDetails"]!.DeepClone(),
                ["createdDateTime"] = relationship["activatedDateTime"]!.DeepClone(),
                ["lastModifiedDateTime"] = relationship["activatedDateTime"]!.DeepClone(),
            };
            if (!(relationship["accessAssignments"] is JsonArray assignments)) relationship["accessAssignments"] = assignments = new JsonArray();
            assignments.Add(assignment);
        }
    }
}
