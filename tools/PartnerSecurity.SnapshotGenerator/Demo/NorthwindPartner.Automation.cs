using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    internal sealed partial class NorthwindPartner
    {
        /// <summary>The Automation account's system-assigned managed identity (docs/runbooks.md).</summary>
        public const string AutomationIdentityName = "northwind-automation";

        /// <summary>
        /// Unattended runs: the Automation account's managed identity and two vaults. northwind-automation (Azure RBAC)
        /// lets Ava and the managed identity keep the Secure Application Model token (Key Vault Secrets Officer);
        /// northwind-locked (access policies) gives Ava nothing and the managed identity only list: neither may read a secret.
        /// </summary>
        private void AddAutomation()
        {
            var identityId = _t.NewId("servicePrincipal", AutomationIdentityName);
            _t.ServicePrincipals.Add(new JsonObject
            {
                ["id"] = identityId,
                ["appId"] = _t.NewId("managedIdentityApp", AutomationIdentityName),
                ["displayName"] = AutomationIdentityName,
                ["accountEnabled"] = true,
                ["createdDateTime"] = SnapshotTime.IsoPrecise(SnapshotTime.DaysAgo(120)),
                ["servicePrincipalType"] = "ManagedIdentity",
                ["alternativeNames"] = new JsonArray("isExplicit=False",
                    "/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/partner-automation/providers/Microsoft.Automation/automationAccounts/" + AutomationIdentityName),
                ["appRoleAssignmentRequired"] = false,
                ["tags"] = new JsonArray(),
            });
            var ava = P("ava.thompson").Id;
            _t.KeyVaults = new JsonArray(
                new JsonObject
                {
                    ["name"] = "northwind-automation",
                    ["enableRbacAuthorization"] = true,
                    ["roleAssignments"] = new JsonArray(
                        new JsonObject { ["principalId"] = ava, ["roleDefinitionName"] = "Key Vault Secrets Officer" },
                        new JsonObject { ["principalId"] = identityId, ["roleDefinitionName"] = "Key Vault Secrets Officer" }),
                },
                new JsonObject
                {
                    ["name"] = "northwind-locked",
                    ["enableRbacAuthorization"] = false,
                    ["accessPolicies"] = new JsonArray(
                        new JsonObject { ["objectId"] = identityId, ["permissions"] = new JsonObject { ["secrets"] = new JsonArray("list") } }),
                });
        }
    }
}
