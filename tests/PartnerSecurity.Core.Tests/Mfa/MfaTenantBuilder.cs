using PartnerSecurity.Mfa;

namespace PartnerSecurity.Tests.Mfa;

/// <summary>Plain evaluator input built in code: each test states the directory and policies it needs.</summary>
public sealed class MfaTenantBuilder
{
    public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    public const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    public const string DirectorySync = MfaConstants.DirectorySynchronizationAccountsRole;

    private readonly List<MfaUser> _users = new();
    private readonly Dictionary<string, MfaGroup> _groups = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MfaRoleGrant> _roles = new();
    private readonly List<CaPolicy> _policies = new();
    private readonly Dictionary<string, string> _perUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unreadable = new(StringComparer.OrdinalIgnoreCase);
    private Dictionary<string, MfaRegistration>? _registrations = new(StringComparer.OrdinalIgnoreCase);
    private bool _securityDefaults;

    public static string Id(string alias) => alias;

    public MfaTenantBuilder User(string alias, string userType = "Member", bool enabled = true, bool registered = true, string? upn = null)
    {
        _users.Add(new MfaUser(alias, upn ?? alias + "@contoso.com", alias, userType, enabled));
        _registrations?.Add(alias, new MfaRegistration(registered, registered, registered ? new[] { "microsoftAuthenticatorPush" } : Array.Empty<string>()));
        return this;
    }

    public MfaTenantBuilder Guest(string alias, string userType = "Guest", bool external = true) =>
        User(alias, userType, upn: external ? alias + "_fabrikam.com#EXT#@contoso.onmicrosoft.com" : alias + "@contoso.com");

    public MfaTenantBuilder Group(string id, string name, params string[] transitiveUserIds)
    {
        _groups[id] = new MfaGroup(id, name, transitiveUserIds);
        return this;
    }

    public MfaTenantBuilder Role(string principalId, string roleId, bool eligible = false, string scope = "/")
    {
        _roles.Add(new MfaRoleGrant(principalId, roleId, eligible, scope));
        return this;
    }

    public MfaTenantBuilder Policy(CaPolicy policy)
    {
        _policies.Add(policy);
        return this;
    }

    public MfaTenantBuilder SecurityDefaults(bool enabled = true)
    {
        _securityDefaults = enabled;
        return this;
    }

    public MfaTenantBuilder PerUser(string alias, string state)
    {
        _perUser[alias] = state;
        return this;
    }

    public MfaTenantBuilder PerUserUnreadable(string alias)
    {
        _unreadable.Add(alias);
        return this;
    }

    public MfaTenantBuilder WithoutRegistrationReport()
    {
        _registrations = null;
        return this;
    }

    public MfaTenantData Build() => new()
    {
        TenantId = "tenant-1",
        TenantName = "Contoso",
        Users = _users,
        Groups = _groups,
        RoleGrants = _roles,
        RoleNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [GlobalAdministrator] = "Global Administrator",
            [SecurityAdministrator] = "Security Administrator",
            [DirectorySync] = "Directory Synchronization Accounts",
        },
        Policies = _policies,
        SecurityDefaultsEnabled = _securityDefaults,
        PerUserMfaStates = _perUser,
        PerUserMfaUnreadable = _unreadable,
        Registrations = _registrations,
    };

    public MfaVerdict Verdict(string alias) => MfaEvaluator.Evaluate(Build()).Single(v => v.UserId == alias);

    /// <summary>An authentication strength with its allowed combinations ("password,sms", "fido2").</summary>
    public static CaAuthenticationStrength Strength(string name, params string[] combinations) =>
        new("strength-" + name, name, combinations, null);

    /// <summary>A policy that requires MFA for every sign-in of everyone; tests change one thing.</summary>
    public static CaPolicy RequireMfa(string name = "Require MFA", Action<CaPolicy>? change = null)
    {
        var policy = new CaPolicy
        {
            Id = "ca-" + name,
            DisplayName = name,
            State = "enabled",
            IncludeUsers = new[] { "All" },
            IncludeApplications = new[] { "All" },
            ClientAppTypes = new[] { "all" },
            GrantOperator = "OR",
            BuiltInControls = new[] { "mfa" },
        };
        change?.Invoke(policy);
        return policy;
    }
}
