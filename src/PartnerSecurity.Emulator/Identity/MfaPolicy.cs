using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Mfa;

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
    /// <item>an enabled conditional access policy applies to the user and to this sign-in and demands MFA: the module's
    /// own rules (PartnerSecurity.Core's <see cref="PolicyTargeting"/> and <see cref="PolicyConditions"/>,
    /// docs/mfa-coverage-rules.md), applied to the concrete sign-in <see cref="Facts"/> describes.</item>
    /// </list>
    /// Sharing the rules keeps the emulator from demanding MFA where the module says no policy covers the user
    /// (a legacy-clients-only policy at a modern sign-in); where a policy is conditional, the sign-in's facts decide.
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
            identity.MfaRequirement = (target, home, user, grant, client, scopes) => Check(target, home, user, grant, client, scopes);

        public static (int Code, string Description)? Check(EmulatedTenant target, EmulatedTenant home, JsonObject user, UserGrant grant, ClientApp client, ScopeRequest scopes)
        {
            if (target != home) return null;
            if (grant.Amr.Any(a => string.Equals(a, "mfa", StringComparison.OrdinalIgnoreCase))) return null;
            var reason = WhyRequired(home, user, Facts(grant, scopes.Resource.AppId, client.IsPublic));
            if (reason == null) return null;
            return (50076, $"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access tenant '{home.DisplayName}' ({reason}). The grant was issued without multi-factor authentication.");
        }

        /// <summary>
        /// The sign-in as conditional access sees it in the emulated cloud: the resource and the client, a public client
        /// as "mobile apps and desktop clients" and a confidential one as "browser", the device code flow when used, and
        /// otherwise what the emulator cannot know (platform, location, device, risk) as unknown, untrusted, unregistered, none.
        /// </summary>
        public static SignInFacts Facts(UserGrant grant, string resourceAppId, bool publicClient) => new SignInFacts
        {
            ApplicationIds = new[] { resourceAppId, grant.ClientId },
            ClientAppType = publicClient ? "mobileAppsAndDesktopClients" : "browser",
            TransferMethod = grant.TransferMethod,
        };

        /// <summary>Why MFA is required for this user and sign-in in their home tenant, or null when it is not.</summary>
        public static string? WhyRequired(EmulatedTenant tenant, JsonObject user, SignInFacts signIn)
        {
            var userId = (string)user["id"]!;
            var perUser = tenant.PerUserMfaState(userId);
            if (perUser == "enabled" || perUser == "enforced") return "per-user MFA is " + perUser;
            var roles = tenant.ActiveRoleTemplateIds(userId);
            lock (tenant.Sync)
            {
                if (tenant.Snapshot.SecurityDefaults["isEnabled"]?.GetValue<bool>() == true && roles.Any(SecurityDefaultsAdminRoles.Contains))
                    return "security defaults require MFA for administrators";
                var principal = new Principal(tenant, user);
                foreach (var node in tenant.Snapshot.ConditionalAccessPolicies)
                {
                    if ((string?)node["state"] != "enabled") continue;
                    CaPolicy policy;
                    try
                    {
                        using var document = JsonDocument.Parse(node.ToJsonString());
                        policy = CaPolicy.FromJson(document.RootElement);
                    }
                    catch (FormatException)
                    {
                        continue; // A policy the module's reader refuses cannot be applied; the module reports it as an error.
                    }
                    if (PolicyTargeting.Match(policy, principal).Applies && PolicyConditions.DemandsMfaAt(policy, signIn))
                        return $"conditional access policy '{policy.DisplayName}'";
                }
            }
            return null;
        }

        /// <summary>The user as a policy's users condition sees them: transitive groups and tenant-wide active roles.</summary>
        private sealed class Principal : IPrincipalFacts
        {
            private readonly EmulatedTenant _tenant;
            private readonly HashSet<string> _groups;
            private readonly HashSet<string> _roles;

            public Principal(EmulatedTenant tenant, JsonObject user)
            {
                _tenant = tenant;
                UserId = (string)user["id"]!;
                ExternalUserType = MfaEvaluator.ExternalUserType(new MfaUser(UserId, (string?)user["userPrincipalName"] ?? UserId, null, (string?)user["userType"]));
                _groups = new HashSet<string>(tenant.Snapshot.Groups.Select(g => (string)g["id"]!)
                    .Where(g => tenant.TransitiveMembers(g).Any(m => string.Equals((string?)m["id"], UserId, StringComparison.OrdinalIgnoreCase))), StringComparer.OrdinalIgnoreCase);
                // Conditional access targets only assignments scoped to the whole tenant.
                _roles = new HashSet<string>(tenant.Snapshot.RoleAssignments
                    .Where(a => ((string?)a["directoryScopeId"] ?? "/") == "/")
                    .Where(a => (string?)a["principalId"] is string p && (string.Equals(p, UserId, StringComparison.OrdinalIgnoreCase) || _groups.Contains(p)))
                    .Select(a => (string?)a["roleDefinitionId"]).Where(r => r != null).Select(r => r!), StringComparer.OrdinalIgnoreCase);
            }

            public string UserId { get; }
            public string? ExternalUserType { get; }
            public bool InGroup(string groupId) => _groups.Contains(groupId);
            public bool HoldsTenantWideRole(string roleTemplateId) => _roles.Contains(roleTemplateId);
        }
    }
}
