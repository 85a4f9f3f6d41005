using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /roleManagement/directory/roleDefinitions (the built-in catalogue every tenant has, plus the
    /// snapshot's custom roles), /roleAssignments (active; $filter required, as the API documents) and
    /// /roleEligibilitySchedules (PIM; needs a premium licence), with $expand=principal.
    /// </summary>
    internal static class RoleManagementEndpoints
    {
        private const string Root = "/roleManagement/directory";

        private static readonly CollectionPolicy s_definitions = new CollectionPolicy("roleManagement/directory/roleDefinitions", "microsoft.graph.unifiedRoleDefinition")
        {
            DefaultPageSize = 1000,
            MaxPageSize = 1000,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$count")
        .WithProperties(GraphProperties.RoleDefinition)
        .Filter("id", "eq", "in")
        .Filter("templateId", "eq", "in")
        .Filter("displayName", "eq", "startswith")
        .Filter("isBuiltIn", "eq");

        private static readonly CollectionPolicy s_assignments = new CollectionPolicy("roleManagement/directory/roleAssignments", "microsoft.graph.unifiedRoleAssignment")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$expand", "$count")
        .WithProperties(GraphProperties.RoleAssignment)
        .Undocumented("$top", "$count")
        .UndocumentedFilter("roleDefinitionId", "in")
        .UndocumentedFilter("principalId", "in")
        .UndocumentedFilter("directoryScopeId", "in")
        .Filter("id", "eq")
        .Filter("principalId", "eq", "in")
        .Filter("roleDefinitionId", "eq", "in")
        .Filter("directoryScopeId", "eq", "in");

        private static readonly CollectionPolicy s_eligibility = new CollectionPolicy("roleManagement/directory/roleEligibilitySchedules", "microsoft.graph.unifiedRoleEligibilitySchedule")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$expand", "$count")
        .WithProperties(GraphProperties.RoleEligibilitySchedule)
        .Undocumented("$top")
        .Filter("principalId", "eq", "in")
        .Filter("roleDefinitionId", "eq", "in")
        .Filter("directoryScopeId", "eq");

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", Root + "/roleDefinitions", (r, call) => call.Collection(Definitions(call.Tenant), s_definitions));
            graph.Map("*", "GET", Root + "/roleDefinitions/(?<id>[^/]+)", (r, call) =>
            {
                var id = r.Route("id");
                var definition = Definitions(call.Tenant).FirstOrDefault(d => string.Equals((string?)d["id"], id, StringComparison.OrdinalIgnoreCase))
                    ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
                return call.Entity(definition, "roleManagement/directory/roleDefinitions/$entity");
            });
            graph.Map("*", "GET", Root + "/roleAssignments", (r, call) =>
            {
                // "This operation requires the $filter query parameter" (List unifiedRoleAssignments).
                if (!r.Query.TryGetValue("$filter", out var filter) || filter.Trim().Length == 0)
                    throw GraphException.BadRequest("The $filter query parameter is required: filter on roleDefinitionId, principalId or directoryScopeId.", "Request_UnsupportedQuery");
                return call.Collection(Expand(call, call.Tenant.Snapshot.RoleAssignments), s_assignments);
            });
            graph.Map("*", "GET", Root + "/roleEligibilitySchedules", (r, call) =>
            {
                if (!call.Tenant.PremiumLicense)
                    throw GraphException.Forbidden("The tenant needs a Microsoft Entra ID P2 license to use Privileged Identity Management.", "AadPremiumLicenseRequired");
                return call.Collection(Expand(call, call.Tenant.Snapshot.RoleEligibilitySchedules), s_eligibility);
            });
        }

        /// <summary>Entra ID's built-in role definitions (id = template id) and the snapshot's custom ones.</summary>
        public static IEnumerable<JsonObject> Definitions(EmulatedTenant tenant)
        {
            foreach (var (templateId, name) in BuiltInRoles.All)
            {
                yield return new JsonObject
                {
                    ["id"] = templateId,
                    ["description"] = name + " (built-in role).",
                    ["displayName"] = name,
                    ["isBuiltIn"] = true,
                    ["isEnabled"] = true,
                    ["resourceScopes"] = new JsonArray("/"),
                    ["templateId"] = templateId,
                    ["version"] = "1",
                    ["rolePermissions"] = new JsonArray(),
                };
            }
            foreach (var custom in tenant.Snapshot.RoleDefinitions)
            {
                var copy = (JsonObject)custom.DeepClone();
                if (copy["isBuiltIn"] == null) copy["isBuiltIn"] = false;
                if (copy["templateId"] == null) copy["templateId"] = (string?)copy["id"];
                yield return copy;
            }
        }

        /// <summary>Adds the expanded navigation properties ($expand=principal, roleDefinition) Graph inlines.</summary>
        private static IEnumerable<JsonObject> Expand(GraphCall call, IEnumerable<JsonObject> items)
        {
            if (!call.Request.Query.TryGetValue("$expand", out var expand) || expand.Trim().Length == 0) return items;
            var names = CollectionResponder.ExpandedNames(expand).ToList();
            foreach (var name in names)
            {
                if (name != "principal" && name != "roleDefinition")
                    throw GraphException.BadRequest($"Parsing OData Select and Expand failed: Could not find a property named '{name}' on type 'microsoft.graph.unifiedRoleAssignment'.");
            }
            var definitions = names.Contains("roleDefinition") ? Definitions(call.Tenant).ToList() : null;
            return items.Select(item =>
            {
                var copy = (JsonObject)item.DeepClone();
                if (names.Contains("principal"))
                {
                    var id = (string?)item["principalId"] ?? string.Empty;
                    var principal = call.Tenant.FindUser(id) ?? call.Tenant.FindGroup(id)
                        ?? call.Tenant.Snapshot.ServicePrincipals.FirstOrDefault(sp => string.Equals((string?)sp["id"], id, StringComparison.OrdinalIgnoreCase));
                    copy["principal"] = principal == null ? null : GroupEndpoints.AsDirectoryObject(call, principal);
                }
                if (definitions != null)
                {
                    var roleId = (string?)item["roleDefinitionId"];
                    copy["roleDefinition"] = definitions.FirstOrDefault(d => string.Equals((string?)d["id"], roleId, StringComparison.OrdinalIgnoreCase))?.DeepClone();
                }
                return copy;
            });
        }
    }
}
