using System;
using System.Collections.Generic;

namespace PartnerSecurity.Mfa
{
    /// <summary>A user as the evaluator needs it (from GET /users).</summary>
    public sealed class MfaUser
    {
        public MfaUser(string id, string userPrincipalName, string? displayName = null, string? userType = "Member", bool accountEnabled = true)
        {
            Id = id;
            UserPrincipalName = userPrincipalName;
            DisplayName = displayName ?? userPrincipalName;
            UserType = userType;
            AccountEnabled = accountEnabled;
        }

        public string Id { get; }
        public string UserPrincipalName { get; }
        public string DisplayName { get; }
        /// <summary>"Member" or "Guest" as Graph's user.userType writes it (null when absent).</summary>
        public string? UserType { get; }
        public bool AccountEnabled { get; }
    }

    /// <summary>A group named by a policy or holding a role, with the users it contains through nested groups.</summary>
    public sealed class MfaGroup
    {
        public MfaGroup(string id, string? displayName, IEnumerable<string> transitiveUserIds)
        {
            Id = id;
            DisplayName = string.IsNullOrEmpty(displayName) ? id : displayName!;
            TransitiveUserIds = new HashSet<string>(transitiveUserIds, StringComparer.OrdinalIgnoreCase);
        }

        public string Id { get; }
        public string DisplayName { get; }
        public ISet<string> TransitiveUserIds { get; }
    }

    /// <summary>A directory role held by a principal (a user or a role-assignable group): active, or PIM-eligible.</summary>
    public sealed class MfaRoleGrant
    {
        public const string TenantWide = "/";

        public MfaRoleGrant(string principalId, string roleDefinitionId, bool eligible = false, string? directoryScopeId = TenantWide)
        {
            PrincipalId = principalId;
            RoleDefinitionId = roleDefinitionId;
            Eligible = eligible;
            DirectoryScopeId = string.IsNullOrEmpty(directoryScopeId) ? TenantWide : directoryScopeId!;
        }

        public string PrincipalId { get; }
        /// <summary>The built-in role's template id (what CA includeRoles names), or a custom role's id.</summary>
        public string RoleDefinitionId { get; }
        public bool Eligible { get; }
        /// <summary>"/" for the whole tenant, "/administrativeUnits/{id}" or "/{objectId}" otherwise.</summary>
        public string DirectoryScopeId { get; }
        /// <summary>Conditional access targets only tenant-wide assignments (docs/mfa-coverage-rules.md, "Roles").</summary>
        public bool IsTenantWide => DirectoryScopeId == TenantWide;

        /// <summary>"administrative unit {id}" or "object {id}"; null for the whole tenant.</summary>
        public string? ScopeDescription =>
            IsTenantWide ? null
            : DirectoryScopeId.StartsWith("/administrativeUnits/", StringComparison.OrdinalIgnoreCase) ? "administrative unit " + DirectoryScopeId.Substring("/administrativeUnits/".Length)
            : "object " + DirectoryScopeId.TrimStart('/');
    }

    /// <summary>One row of the authentication-methods registration report.</summary>
    public sealed class MfaRegistration
    {
        public MfaRegistration(bool isMfaRegistered, bool isMfaCapable, IReadOnlyList<string> methodsRegistered)
        {
            IsMfaRegistered = isMfaRegistered;
            IsMfaCapable = isMfaCapable;
            MethodsRegistered = methodsRegistered;
        }

        public bool IsMfaRegistered { get; }
        public bool IsMfaCapable { get; }
        public IReadOnlyList<string> MethodsRegistered { get; }
    }

    /// <summary>
    /// Everything one tenant's verdicts are computed from: plain data, read in bulk by
    /// <see cref="MfaPostureReader"/> or built by hand in tests. The evaluator never calls anything.
    /// </summary>
    public sealed class MfaTenantData
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public IReadOnlyList<MfaUser> Users { get; set; } = Array.Empty<MfaUser>();
        /// <summary>Groups by id: those that policies name and those that hold roles, with transitive user members.</summary>
        public IReadOnlyDictionary<string, MfaGroup> Groups { get; set; } = new Dictionary<string, MfaGroup>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<MfaRoleGrant> RoleGrants { get; set; } = Array.Empty<MfaRoleGrant>();
        /// <summary>Role display names by role definition (template) id.</summary>
        public IReadOnlyDictionary<string, string> RoleNames { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public IReadOnlyList<CaPolicy> Policies { get; set; } = Array.Empty<CaPolicy>();
        public bool SecurityDefaultsEnabled { get; set; }
        /// <summary>
        /// Per-user MFA state ("disabled", "enabled", "enforced") by user id, for the users whose state was
        /// read. A user missing here was not read (no verdict depends on it) unless listed in
        /// <see cref="PerUserMfaUnreadable"/>.
        /// </summary>
        public IReadOnlyDictionary<string, string> PerUserMfaStates { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Users whose per-user MFA state was needed but could not be read (throttling past retries, permission).</summary>
        public ISet<string> PerUserMfaUnreadable { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        /// <summary>Registration report rows by user id; null when the report could not be read.</summary>
        public IReadOnlyDictionary<string, MfaRegistration>? Registrations { get; set; }
        /// <summary>Display names by appId of the tenant's service principals that policies name (well-known Microsoft apps need none).</summary>
        public IReadOnlyDictionary<string, string> ServicePrincipalNames { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>A shallow copy: what-if scenarios (<see cref="MfaScenario"/>) change one part and share the rest.</summary>
        public MfaTenantData Copy() => (MfaTenantData)MemberwiseClone();

        /// <summary>The same data with security defaults on or off: what-if questions ("who would lose coverage") ask the evaluator this.</summary>
        public MfaTenantData WithSecurityDefaults(bool enabled)
        {
            var copy = Copy();
            copy.SecurityDefaultsEnabled = enabled;
            return copy;
        }
    }

    /// <summary>Well-known values of the directory and of conditional access.</summary>
    public static class MfaConstants
    {
        /// <summary>The role security defaults exclude by design (the Entra Connect sync account).</summary>
        public const string DirectorySynchronizationAccountsRole = "d29b2b05-8046-44ba-8758-1e26182fcf32";

        public const string SecurityDefaults = "SecurityDefaults";
        public const string PerUserMfa = "PerUserMfa";
        public const string ConditionalAccess = "ConditionalAccess";

        public const string B2bCollaborationGuest = "b2bCollaborationGuest";
        public const string B2bCollaborationMember = "b2bCollaborationMember";
        public const string InternalGuest = "internalGuest";
    }
}
