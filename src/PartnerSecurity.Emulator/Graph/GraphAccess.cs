using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PartnerSecurity.Emulator.Directory;
using static PartnerSecurity.Emulator.Directory.BuiltInRoles;

namespace PartnerSecurity.Emulator.Graph
{
    /// <summary>What one Graph operation requires (the permissions section of its reference page).</summary>
    public sealed class AccessRule
    {
        public AccessRule(string method, string path, string[] scopes, string[] appRoles, string[]? roles, bool allScopes = false)
        {
            Method = method;
            Path = path;
            Pattern = new Regex("^" + path + "/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
            Scopes = scopes;
            AppRoles = appRoles;
            Roles = roles;
            AllScopes = allScopes;
        }

        public string Method { get; }
        /// <summary>The path pattern after the version, as the endpoints map it.</summary>
        public string Path { get; }
        public Regex Pattern { get; }
        /// <summary>Delegated permissions (scp): any one of them, or every one with <see cref="AllScopes"/>.</summary>
        public string[] Scopes { get; }
        public bool AllScopes { get; }
        /// <summary>Application permissions (roles of an app-only token): any one of them.</summary>
        public string[] AppRoles { get; }
        /// <summary>
        /// Directory roles (template ids) the signed-in user must hold, any one of them (Global Administrator always
        /// qualifies); null when every member user may (the default user permissions), and in a customer tenant any
        /// role the partner holds through GDAP.
        /// </summary>
        public string[]? Roles { get; }
    }

    /// <summary>
    /// Graph's authorization on every endpoint the emulator serves: a token must carry one of the operation's
    /// delegated permissions (scp) or application permissions (roles), and a signed-in user must also hold one of its
    /// directory roles: in the home tenant their active assignments, in a customer tenant the roles of the GDAP
    /// relationships' access assignments (<see cref="GdapAccess"/>). Anything short of that is Graph's 403
    /// Authorization_RequestDenied. The table is docs/emulator.md's "Permissions".
    /// </summary>
    public static class GraphAccess
    {
        private static readonly string[] s_users = { "User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_usersApp = { "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_groups = { "GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_organization = { "User.Read", "Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_organizationApp = { "Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_roleRead = { "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagement.ReadWrite.Directory", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_eligibilityRead = { "RoleEligibilitySchedule.Read.Directory", "RoleEligibilitySchedule.ReadWrite.Directory", "RoleManagement.Read.Directory", "RoleManagement.Read.All", "RoleManagement.ReadWrite.Directory" };
        private static readonly string[] s_policyRead = { "Policy.Read.All", "Policy.ReadWrite.ConditionalAccess", "Policy.ReadWrite.SecurityDefaults" };
        private static readonly string[] s_caRead = { "Policy.Read.All", "Policy.Read.ConditionalAccess", "Policy.ReadWrite.ConditionalAccess" };
        private static readonly string[] s_defaultsWrite = { "Policy.ReadWrite.SecurityDefaults", "Policy.ReadWrite.ConditionalAccess" };
        private static readonly string[] s_requirementsRead = { "Policy.Read.All", "Policy.ReadWrite.AuthenticationMethod" };
        private static readonly string[] s_methodsRead = { "UserAuthenticationMethod.Read.All", "UserAuthenticationMethod.ReadWrite.All" };
        private static readonly string[] s_requirementsWrite = { "Policy.ReadWrite.AuthenticationMethod" };
        private static readonly string[] s_gdap = { "DelegatedAdminRelationship.Read.All", "DelegatedAdminRelationship.ReadWrite.All" };
        private static readonly string[] s_appsRead = { "Application.Read.All", "Application.ReadWrite.All", "Application.ReadWrite.OwnedBy", "Directory.Read.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_appsWrite = { "Application.ReadWrite.All", "Application.ReadWrite.OwnedBy", "Directory.ReadWrite.All" };
        private static readonly string[] s_membersWrite = { "GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All" };
        private static readonly string[] s_auditLog = { "AuditLog.Read.All" };
        private static readonly string[] s_signIns = { "AuditLog.Read.All", "Directory.Read.All" };
        private static readonly string[] s_partnerSecurityRead = { "PartnerSecurity.Read.All", "PartnerSecurity.ReadWrite.All" };
        private static readonly string[] s_partnerSecurityWrite = { "PartnerSecurity.ReadWrite.All" };

        /// <summary>Every operation the emulator serves, with what Microsoft documents it requires.</summary>
        public static IReadOnlyList<AccessRule> Rules { get; } = new[]
        {
            new AccessRule("GET", "/organization(/[^/]+)?", s_organization, s_organizationApp, null),
            new AccessRule("GET", "/me", new[] { "User.Read", "User.ReadBasic.All", "User.Read.All", "Directory.Read.All" }, s_usersApp, null),
            new AccessRule("GET", "/users(/[^/]+)?", s_users, s_usersApp, null),
            new AccessRule("GET", "/groups(/[^/]+(/members|/transitiveMembers)?)?", s_groups, s_groups, null),
            new AccessRule("POST", "/directoryObjects/getByIds", new[] { "Directory.Read.All", "Directory.ReadWrite.All" }, new[] { "Directory.Read.All", "Directory.ReadWrite.All" }, null),
            new AccessRule("GET", "/roleManagement/directory/(roleDefinitions|roleAssignments)(/[^/]+)?", s_roleRead, s_roleRead, null),
            new AccessRule("GET", "/roleManagement/directory/roleEligibilitySchedules", s_eligibilityRead, s_eligibilityRead,
                new[] { GlobalReader, SecurityOperator, SecurityReader, SecurityAdministrator, PrivilegedRoleAdministrator }),
            new AccessRule("GET", "/reports/authenticationMethods/userRegistrationDetails(/[^/]+)?", s_auditLog, s_auditLog,
                new[] { ReportsReader, SecurityReader, SecurityAdministrator, GlobalReader }),
            new AccessRule("GET", "/auditLogs/signIns(/[^/]+)?", s_signIns, s_signIns,
                new[] { GlobalReader, ReportsReader, SecurityAdministrator, SecurityOperator, SecurityReader }, allScopes: true),
            new AccessRule("GET", "/policies/identitySecurityDefaultsEnforcementPolicy", s_policyRead, s_policyRead, null),
            new AccessRule("PATCH", "/policies/identitySecurityDefaultsEnforcementPolicy", s_defaultsWrite, s_defaultsWrite, new[] { SecurityAdministrator }),
            new AccessRule("GET", "/identity/conditionalAccess/(policies|namedLocations)(/[^/]+)?", s_caRead, s_caRead,
                new[] { GlobalSecureAccessAdministrator, SecurityReader, SecurityAdministrator, GlobalReader, ConditionalAccessAdministrator }),
            new AccessRule("GET", "/users/[^/]+/authentication/methods", s_methodsRead, s_methodsRead,
                new[] { GlobalReader, "c4e39bd9-1100-46d3-8c65-fb160da0071f" /* Authentication Administrator */, PrivilegedAuthenticationAdministrator, SecurityReader, SecurityAdministrator }),
            new AccessRule("GET", "/users/[^/]+/authentication/requirements", s_requirementsRead, s_requirementsRead,
                new[] { GlobalReader, AuthenticationPolicyAdministrator }),
            new AccessRule("PATCH", "/users/[^/]+/authentication/requirements", s_requirementsWrite, s_requirementsWrite,
                new[] { AuthenticationPolicyAdministrator }),
            new AccessRule("GET", "/tenantRelationships/delegatedAdminRelationships", s_gdap, s_gdap, null),
            new AccessRule("GET", "/(applications|servicePrincipals)(/[^/]+)?", s_appsRead, s_appsRead, null),
            new AccessRule("POST", "/(applications|servicePrincipals)", s_appsWrite, s_appsWrite, null),
            new AccessRule("PATCH", "/applications/[^/]+", s_appsWrite, s_appsWrite, null),
            new AccessRule("POST", "/applications/[^/]+/addPassword", s_appsWrite, s_appsWrite, null),
            new AccessRule("POST", "/applications/[^/]+/removePassword", s_appsWrite, s_appsWrite, null),
            // The list pages of the score's parts are not documented: taken to be Get's (docs/emulator.md).
            new AccessRule("GET", "/security/partner/securityScore(/(requirements|history|customerInsights)(/[^/]+)?)?", s_partnerSecurityRead, s_partnerSecurityRead, null),
            new AccessRule("GET", "/security/partner/securityAlerts(/[^/]+)?", s_partnerSecurityRead, s_partnerSecurityRead, null),
            new AccessRule("PATCH", "/security/partner/securityAlerts/[^/]+", s_partnerSecurityWrite, s_partnerSecurityWrite, null),
            new AccessRule("POST", "/groups/[^/]+/members/\\$ref", s_membersWrite, s_membersWrite,
                new[] { GroupsAdministrator, UserAdministrator, DirectoryWriters, PrivilegedRoleAdministrator }),
        };

        /// <summary>Throws Graph's 403 unless the call may do what the rule for its method and path requires.</summary>
        public static void Check(GraphCall call, string method, string path)
        {
            var rule = Rules.FirstOrDefault(r => r.Method == method && r.Pattern.IsMatch(path));
            if (rule == null) return;
            if (!Allows(call, rule))
                throw GraphException.Forbidden("Insufficient privileges to complete the operation.");
        }

        public static bool Allows(GraphCall call, AccessRule rule)
        {
            if (call.UserId == null)
                return Strings(call.Claims["roles"]).Any(r => rule.AppRoles.Contains(r, StringComparer.OrdinalIgnoreCase));
            var scopes = ((string?)call.Claims["scp"] ?? string.Empty).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            bool scoped = rule.AllScopes
                ? rule.Scopes.All(s => scopes.Contains(s, StringComparer.OrdinalIgnoreCase))
                : rule.Scopes.Any(s => scopes.Contains(s, StringComparer.OrdinalIgnoreCase));
            return scoped && HoldsRole(call, call.UserId, rule.Roles);
        }

        /// <summary>Whether the signed-in user holds one of the roles (null: may act as a member user of the tenant).</summary>
        private static bool HoldsRole(GraphCall call, string userId, string[]? required)
        {
            var tenant = call.Tenant;
            var member = tenant.FindUser(userId);
            ICollection<string> roles;
            if (member != null)
            {
                if (required == null && !string.Equals((string?)member["userType"], "Guest", StringComparison.OrdinalIgnoreCase)) return true;
                roles = tenant.ActiveRoleTemplateIds(userId).ToList();
            }
            else if (tenant.Partner != null && tenant.Partner.FindUser(userId) != null)
                roles = GdapAccess.Roles(tenant, userId, call.Now);
            else return false;
            // Without a member's default permissions (a guest, a partner user through GDAP), any directory role reads the directory.
            if (required == null) return roles.Count > 0;
            return roles.Contains(GlobalAdministrator, StringComparer.OrdinalIgnoreCase)
                || roles.Any(r => required.Contains(r, StringComparer.OrdinalIgnoreCase));
        }

        private static IEnumerable<string> Strings(JsonNode? node) =>
            (node as JsonArray)?.Select(n => (string?)n).Where(s => s != null).Select(s => s!) ?? Enumerable.Empty<string>();
    }
}
