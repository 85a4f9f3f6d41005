using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// When the emulated cloud demands MFA that a grant did not carry (AADSTS50076). Decided from the
    /// tenant's data at each token issue, so a refresh token minted without MFA stops working the moment
    /// policy starts requiring it, as in Entra ID. In the user's home tenant MFA is required when:
    /// <list type="bullet">
    /// <item>per-user MFA is enabled or enforced for the user;</item>
    /// <item>security defaults are on and the user holds an administrator role (security defaults always
    /// require MFA of administrators; other users only "when necessary", which the emulator does not model);</item>
    /// <item>an enabled conditional access policy whose grant controls require MFA (or an authentication
    /// strength) applies to the user and to the application or resource.</item>
    /// </list>
    /// </summary>
    public static class MfaPolicy
    {
        /// <summary>The administrator roles security defaults require MFA for (Microsoft's list).</summary>
        public static readonly IReadOnlyCollection<string> SecurityDefaultsAdminRoles = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
            "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", // Application Administrator
            "c4e39bd9-1100-46d3-8c65-fb160da0071f", // Authentication Administrator
            "0526716b-113d-4c15-b2c8-68e3c22b9f80", // Authentication Policy Administrator
            "b0f54661-2d74-4c50-afa3-1ec803f12efe", // Billing Administrator
            "158c047a-c907-4556-b7ef-446551a6b5f7", // Cloud Application Administrator
            "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9", // Conditional Access Administrator
            "29232cdf-9323-42fd-ade2-1d097af3e4de", // Exchange Administrator
            "729827e3-9c14-49f7-bb1b-9608f156bbb8", // Helpdesk Administrator
            "966707d0-3269-4727-9be2-8c3a10f19b9d", // Password Administrator
            "7be44c8a-adaf-4e2a-84d6-ab2649e08a13", // Privileged Authentication Administrator
            "e8611ab8-c189-46e8-94e1-60213ab1f814", // Privileged Role Administrator
            "194ae4cb-b126-40b2-bd5b-6091b380977d", // Security Administrator
            "f28a1f50-f6e7-4571-818b-6a12f2af6b6c", // SharePoint Administrator
            "fe930be7-5e62-47db-91af-98c3a49a38b1", // User Administrator
        };

        public static void Register(IdentityService identity) =>
            identity.MfaRequirement = (target, home, user, grant) => Check(target, home, user, grant);

        public static (int Code, string Description)? Check(EmulatedTenant target, EmulatedTenant home, JsonObject user, UserGrant grant)
        {
            if (target != home) return null;
            if (grant.Amr.Any(a => string.Equals(a, "mfa", StringComparison.OrdinalIgnoreCase))) return null;
            var reason = WhyRequired(home, user, grant.ClientId);
            if (reason == null) return null;
            return (50076, $"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access tenant '{home.DisplayName}' ({reason}). The grant was issued without multi-factor authentication.");
        }

        /// <summary>Why MFA is required for this user and client in their home tenant, or null when it is not.</summary>
        public static string? WhyRequired(EmulatedTenant tenant, JsonObject user, string clientId)
        {
            var userId = (string)user["id"]!;
            var perUser = tenant.PerUserMfaState(userId);
            if (perUser == "enabled" || perUser == "enforced") return "per-user MFA is " + perUser;
            var roles = tenant.ActiveRoleTemplateIds(userId);
            lock (tenant.Sync)
            {
                if (tenant.Snapshot.SecurityDefaults["isEnabled"]?.GetValue<bool>() == true && roles.Any(SecurityDefaultsAdminRoles.Contains))
                    return "security defaults require MFA for administrators";
                foreach (var policy in tenant.Snapshot.ConditionalAccessPolicies)
                {
                    if ((string?)policy["state"] != "enabled" || !RequiresMfa(policy)) continue;
                    if (AppliesToUser(tenant, policy, userId, roles) && AppliesToApplication(policy, clientId))
                        return $"conditional access policy '{(string?)policy["displayName"]}'";
                }
            }
            return null;
        }

        private static bool RequiresMfa(JsonObject policy)
        {
            var grant = policy["grantControls"] as JsonObject;
            if (grant == null) return false;
            var controls = (grant["builtInControls"] as JsonArray)?.Select(n => (string?)n) ?? Enumerable.Empty<string?>();
            return controls.Contains("mfa") || grant["authenticationStrength"] is JsonObject;
        }

        private static IEnumerable<string> Strings(JsonNode? node) =>
            (node as JsonArray)?.Select(n => (string?)n).Where(s => s != null).Select(s => s!) ?? Enumerable.Empty<string>();

        private static bool AppliesToUser(EmulatedTenant tenant, JsonObject policy, string userId, IReadOnlyList<string> roles)
        {
            var users = policy["conditions"]?["users"] as JsonObject;
            if (users == null) return false;
            var groups = new HashSet<string>(tenant.Snapshot.Groups.Select(g => (string)g["id"]!)
                .Where(g => tenant.TransitiveMembers(g).Any(m => string.Equals((string?)m["id"], userId, StringComparison.OrdinalIgnoreCase))), StringComparer.OrdinalIgnoreCase);
            bool Matches(string usersKey, string groupsKey, string rolesKey) =>
                Strings(users[usersKey]).Any(u => u == "All" || string.Equals(u, userId, StringComparison.OrdinalIgnoreCase))
                || Strings(users[groupsKey]).Any(groups.Contains)
                || Strings(users[rolesKey]).Any(r => roles.Contains(r, StringComparer.OrdinalIgnoreCase));
            return Matches("includeUsers", "includeGroups", "includeRoles") && !Matches("excludeUsers", "excludeGroups", "excludeRoles");
        }

        private static bool AppliesToApplication(JsonObject policy, string clientId)
        {
            var apps = policy["conditions"]?["applications"] as JsonObject;
            if (apps == null) return true;
            var include = Strings(apps["includeApplications"]).ToList();
            var exclude = Strings(apps["excludeApplications"]).ToList();
            bool Names(IEnumerable<string> list) => list.Any(a => a == "All" || string.Equals(a, clientId, StringComparison.OrdinalIgnoreCase)
                || KnownResources.All.Any(r => string.Equals(r.AppId, a, StringComparison.OrdinalIgnoreCase)));
            return Names(include) && !exclude.Any(a => string.Equals(a, clientId, StringComparison.OrdinalIgnoreCase));
        }
    }
}
