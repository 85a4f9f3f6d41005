using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// A CSP partner for the Secure Application Model and sign-in tests: an MFA-registered admin agent in
/// AdminAgents, an admin without MFA, a managed identity, a runbook app with a secret and a certificate, and
/// three customers (two with active GDAP, Adatum Legal with an expired one).
/// </summary>
public static class SamSnapshot
{
    public const string TenantId = "4b0c9a1e-2d3f-4e5a-8b6c-7d8e9f0a1b2c";
    public const string Domain = "northwindcloud.onmicrosoft.com";
    public const string Agent = "agent@northwindcloud.onmicrosoft.com";
    public const string NoMfaAdmin = "nomfa@northwindcloud.onmicrosoft.com";
    public const string RunbookAppId = "0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f";
    public const string RunbookSecret = "Runbook~Secret~7f3a9c1e5b2d4a6c8e0f";
    public const string ManagedIdentityAppId = "5a1e6c3f-8d0b-4b6e-9a51-0c3d2e1f4a5b";
    public const string FabrikamId = "6f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
    public const string TailspinId = "7a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d";
    public const string AdatumId = "8b3c4d5e-6f7a-4b9c-8d1e-2f3a4b5c6d7e";

    public static string Id(string name) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(name))).ToString();

    private static JsonObject User(string alias, string domain, bool mfa = true) => new()
    {
        ["id"] = Id(domain + "/" + alias),
        ["userPrincipalName"] = alias + "@" + domain,
        ["displayName"] = alias,
        ["accountEnabled"] = true,
        ["userType"] = "Member",
    };

    private static JsonObject Registration(string alias, string domain, bool mfa) => new()
    {
        ["id"] = Id(domain + "/" + alias),
        ["userPrincipalName"] = alias + "@" + domain,
        ["isMfaRegistered"] = mfa,
        ["isMfaCapable"] = mfa,
    };

    private static JsonObject GlobalAdmin(string alias, string domain) => new()
    {
        ["id"] = Id("ra/" + domain + "/" + alias),
        ["principalId"] = Id(domain + "/" + alias),
        ["roleDefinitionId"] = "62e90394-69f5-4237-9190-012177145e10",
        ["directoryScopeId"] = "/",
    };

    /// <summary>A customer with one MFA-registered Global Administrator and a GDAP relationship (Global Reader) in <paramref name="status"/>.</summary>
    public static JsonObject Customer(string id, string name, string domain, string status) => new()
    {
        ["customer"] = new JsonObject
        {
            ["id"] = id,
            ["companyProfile"] = new JsonObject { ["tenantId"] = id, ["domain"] = domain, ["companyName"] = name },
            ["relationshipToPartner"] = "reseller",
        },
        ["gdapRelationships"] = new JsonArray(new JsonObject
        {
            ["id"] = Id("gdap/" + id),
            ["displayName"] = "GDAP " + name,
            ["status"] = status,
            ["endDateTime"] = status == "active" ? "2027-11-20T09:00:00Z" : "2026-10-01T00:00:00Z",
            ["customer"] = new JsonObject { ["tenantId"] = id, ["displayName"] = name },
            ["accessDetails"] = new JsonObject { ["unifiedRoles"] = new JsonArray(new JsonObject { ["roleDefinitionId"] = "f2ef992c-3afb-46b9-b7cf-a126ee74c451" }) }, // Global Reader
        }),
        ["snapshot"] = new JsonObject
        {
            ["capturedDateTime"] = "2026-11-20T09:00:00Z",
            ["tenant"] = new JsonObject { ["id"] = id, ["displayName"] = name, ["defaultDomain"] = domain },
            ["users"] = new JsonArray(User("owner", domain)),
            ["roleAssignments"] = new JsonArray(GlobalAdmin("owner", domain)),
            ["userRegistrationDetails"] = new JsonArray(Registration("owner", domain, true)),
        },
    };

    public static JsonObject Document(X509Certificate2? runbookCertificate = null) => new()
    {
        ["format"] = "partnersecurity-snapshot/1",
        ["capturedDateTime"] = "2026-11-20T09:00:00Z",
        ["tenant"] = new JsonObject { ["id"] = TenantId, ["displayName"] = "Northwind Cloud Partners", ["defaultDomain"] = Domain },
        ["users"] = new JsonArray(User("agent", Domain), User("nomfa", Domain), User("reader", Domain)),
        ["roleAssignments"] = new JsonArray(GlobalAdmin("agent", Domain), GlobalAdmin("nomfa", Domain)),
        ["userRegistrationDetails"] = new JsonArray(Registration("agent", Domain, true), Registration("nomfa", Domain, false), Registration("reader", Domain, false)),
        ["groups"] = new JsonArray(new JsonObject
        {
            ["id"] = Id("group/AdminAgents"),
            ["displayName"] = "AdminAgents",
            ["securityEnabled"] = true,
            ["mailEnabled"] = false,
            ["members"] = new JsonArray(Id(Domain + "/agent")),
        }),
        ["applications"] = new JsonArray(new JsonObject
        {
            ["id"] = Id("app/runbook"),
            ["appId"] = RunbookAppId,
            ["displayName"] = "Northwind runbook",
            ["passwordCredentials"] = new JsonArray(new JsonObject { ["keyId"] = Id("secret"), ["secretText"] = RunbookSecret, ["endDateTime"] = "2028-01-01T00:00:00Z" }),
            ["keyCredentials"] = runbookCertificate == null ? new JsonArray() : new JsonArray(new JsonObject
            {
                ["keyId"] = Id("key"),
                ["type"] = "AsymmetricX509Cert",
                ["usage"] = "Verify",
                ["key"] = Convert.ToBase64String(runbookCertificate.Export(X509ContentType.Cert)),
                ["endDateTime"] = "2028-01-01T00:00:00Z",
            }),
        }),
        // What an admin consented to the automation identities: the application permissions their tokens carry.
        ["servicePrincipals"] = new JsonArray(
            new JsonObject
            {
                ["id"] = Id("sp/automation"),
                ["appId"] = ManagedIdentityAppId,
                ["displayName"] = "northwind-automation",
                ["servicePrincipalType"] = "ManagedIdentity",
                ["appRoleAssignments"] = AppRoles(Id("sp/automation"), "Organization.Read.All", "Policy.Read.All"),
            },
            new JsonObject
            {
                ["id"] = Id("sp/runbook"),
                ["appId"] = RunbookAppId,
                ["displayName"] = "Northwind runbook",
                ["servicePrincipalType"] = "Application",
                ["appRoleAssignments"] = AppRoles(Id("sp/runbook"), "Organization.Read.All", "Policy.Read.All"),
            }),
        ["securityDefaults"] = new JsonObject { ["isEnabled"] = false },
        ["customers"] = new JsonArray(
            Customer(FabrikamId, "Fabrikam Dental", "fabrikamdental.onmicrosoft.com", "active"),
            Customer(TailspinId, "Tailspin Logistics", "tailspinlogistics.onmicrosoft.com", "active"),
            Customer(AdatumId, "Adatum Legal", "adatumlegal.onmicrosoft.com", "expired")),
    };

    /// <summary>Microsoft Graph application permissions granted to a service principal, as Graph lists its appRoleAssignments.</summary>
    private static JsonArray AppRoles(string principalId, params string[] permissions) => new(permissions.Select(p => (JsonNode)new JsonObject
    {
        ["id"] = Id("ara/" + principalId + "/" + p),
        ["appRoleId"] = GraphAppRoleIds[p],
        ["principalId"] = principalId,
        ["principalType"] = "ServicePrincipal",
        ["resourceDisplayName"] = "Microsoft Graph",
    }).ToArray());

    /// <summary>Microsoft Graph's application permission ids (permissions reference).</summary>
    private static readonly Dictionary<string, string> GraphAppRoleIds = new()
    {
        ["Organization.Read.All"] = "498476ce-e0fe-48b0-b801-37ba7e2685c6",
        ["Policy.Read.All"] = "246dd0d5-5bd0-4def-940b-0421030a5b68",
    };

    public static X509Certificate2 Certificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-30), now.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }
}
