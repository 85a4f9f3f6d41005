using System.Collections.Generic;

namespace PartnerSecurity.Authentication
{
    /// <summary>An API the module calls, and the delegated permissions it asks for there.</summary>
    public sealed class ApiResource
    {
        private ApiResource(string name, System.Func<CloudEnvironment, string> endpoint, IReadOnlyList<string> delegatedPermissions)
        {
            Name = name;
            _endpoint = endpoint;
            DelegatedPermissions = delegatedPermissions;
        }

        private readonly System.Func<CloudEnvironment, string> _endpoint;

        public string Name { get; }
        /// <summary>True for resources whose tokens are for Microsoft Graph.</summary>
        public bool IsGraph => Name.StartsWith("Microsoft Graph", System.StringComparison.Ordinal);
        public IReadOnlyList<string> DelegatedPermissions { get; }

        public string Endpoint(CloudEnvironment environment) => _endpoint(environment);

        /// <summary>Explicit delegated scopes (dynamic consent; MSAL's cache matches them exactly).</summary>
        public string[] DelegatedScopes(CloudEnvironment environment)
        {
            var scopes = new string[DelegatedPermissions.Count];
            for (int i = 0; i < scopes.Length; i++) scopes[i] = Endpoint(environment) + "/" + DelegatedPermissions[i];
            return scopes;
        }

        /// <summary>The app-only scope: what the application has been granted.</summary>
        public string[] DefaultScope(CloudEnvironment environment) => new[] { Endpoint(environment) + "/.default" };

        /// <summary>Microsoft Graph, with the read permissions the assessment needs and the writes enforcement needs.</summary>
        public static readonly ApiResource Graph = new ApiResource("Microsoft Graph", e => e.GraphEndpoint, new[]
        {
            "User.Read.All", "Directory.Read.All", "Policy.Read.All", "AuditLog.Read.All", "RoleManagement.Read.Directory",
            "UserAuthenticationMethod.Read.All", "DelegatedAdminRelationship.Read.All", "Policy.ReadWrite.SecurityDefaults",
            "Policy.ReadWrite.AuthenticationMethod",
        });

        /// <summary>
        /// Microsoft Graph with the writes New-SecureAppModelApplication needs: app registrations, service
        /// principals and group membership (AdminAgents). Asked for only when that cmdlet runs.
        /// </summary>
        public static readonly ApiResource GraphApplicationAdmin = new ApiResource("Microsoft Graph (app registrations)", e => e.GraphEndpoint, new[]
        {
            "Application.ReadWrite.All", "GroupMember.ReadWrite.All",
        });

        /// <summary>
        /// Microsoft Graph's partner security score and alerts (beta /security/partner), read. Asked for only when those
        /// cmdlets run; a user consents with Connect-PartnerSecurity -Scopes PartnerSecurity.Read.All.
        /// </summary>
        public static readonly ApiResource GraphPartnerSecurity = new ApiResource("Microsoft Graph (partner security)", e => e.GraphEndpoint, new[]
        {
            "PartnerSecurity.Read.All",
        });

        /// <summary>Microsoft Graph's partner security alerts, updated (Update-PartnerSecurityAlert).</summary>
        public static readonly ApiResource GraphPartnerSecurityWrite = new ApiResource("Microsoft Graph (partner security updates)", e => e.GraphEndpoint, new[]
        {
            "PartnerSecurity.ReadWrite.All",
        });

        public static readonly ApiResource PartnerCenter = new ApiResource("Partner Center", e => e.PartnerCenterEndpoint, new[] { "user_impersonation" });

        /// <summary>Azure Key Vault's data plane, for the Secure Application Model token kept in a vault (SecureAppModel/KeyVaultTokenStore).</summary>
        public static readonly ApiResource KeyVault = new ApiResource("Azure Key Vault", SecureAppModel.KeyVaultEndpoints.Resource, new[] { "user_impersonation" });
    }
}
