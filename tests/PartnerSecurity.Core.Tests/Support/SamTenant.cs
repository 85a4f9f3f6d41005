using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Tests.Support;

/// <summary>A CSP partner for the Secure Application Model tests: admins, AdminAgents, a managed identity, customers.</summary>
public static class SamTenant
{
    public const string ManagedIdentityAppId = "5a1e6c3f-8d0b-4b6e-9a51-0c3d2e1f4a5b";

    public static SnapshotBuilder Fabrikam() => new SnapshotBuilder("Fabrikam Dental", "fabrikamdental.onmicrosoft.com").User("owner", globalAdmin: true);
    public static SnapshotBuilder Adatum() => new SnapshotBuilder("Adatum Legal", "adatumlegal.onmicrosoft.com").User("owner", globalAdmin: true);

    public static SnapshotBuilder Partner(bool securityDefaults = false, SnapshotBuilder? activeCustomer = null, SnapshotBuilder? endedCustomer = null)
    {
        var builder = new SnapshotBuilder("Northwind Cloud Partners", "northwindcloud.onmicrosoft.com")
            .User("agent", globalAdmin: true)
            .User("nomfa", globalAdmin: true, mfaRegistered: false)
            .User("reader", mfaRegistered: false)
            .SecurityDefaults(securityDefaults);
        builder.Set("groups", new JsonArray(new JsonObject
        {
            ["id"] = SnapshotBuilder.Id("group/AdminAgents"),
            ["displayName"] = "AdminAgents",
            ["securityEnabled"] = true,
            ["mailEnabled"] = false,
            ["groupTypes"] = new JsonArray(),
            ["members"] = new JsonArray(builder.UserId("agent")),
        }));
        builder.Set("servicePrincipals", new JsonArray(new JsonObject
        {
            ["id"] = SnapshotBuilder.Id("sp/automation"),
            ["appId"] = ManagedIdentityAppId,
            ["displayName"] = "northwind-automation",
            ["servicePrincipalType"] = "ManagedIdentity",
        }));
        builder.Customer(activeCustomer ?? Fabrikam());
        builder.Customer(endedCustomer ?? Adatum(), gdapStatus: "terminated");
        return builder;
    }

    /// <summary>Signs the agent in and provisions the SAM app with a certificate given (kept in memory, not in a store).</summary>
    public static async Task<(PartnerConnection Admin, SecureAppModelApplication App, X509Certificate2 Certificate)> ProvisionAsync(TenantEmulator emulator, string admin = "agent@northwindcloud.onmicrosoft.com")
    {
        var request = TestConnections.Request(emulator, admin);
        request.ExtraScopes = new[] { "Application.ReadWrite.All", "GroupMember.ReadWrite.All" };
        var connection = await PartnerConnection.ConnectAsync(request, CancellationToken.None);
        var certificate = Certificate("Northwind SAM");
        var app = await SecureAppModelApplicationProvisioner.ProvisionAsync(connection, new SecureAppModelApplicationRequest { DisplayName = "Northwind SAM", Certificate = certificate }, CancellationToken.None);
        return (connection, app!, certificate);
    }

    public static X509Certificate2 Certificate(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        using var cert = request.CreateSelfSigned(now.AddDays(-30), now.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    public static ConsentRequest Consent(TenantEmulator emulator, SecureAppModelApplication app, X509Certificate2 certificate, string? user = null)
    {
        if (user != null) emulator.Options.BrowserUser = user;
        return new ConsentRequest
        {
            ApplicationId = app.ApplicationId,
            Certificate = certificate,
            TenantId = emulator.Snapshot.Tenant.Id,
            Transport = emulator,
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            RetryPolicy = TestConnections.VirtualRetries(emulator),
        };
    }
}
