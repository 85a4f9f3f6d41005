using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The Secure Application Model token in Azure Key Vault, against the demo's emulated vaults through the real Azure
/// SDK: save, status from the vault's expiry, rotation as new versions, connect as the signed-in admin and as the
/// managed identity, no access, a missing secret, a soft-deleted one; and the token canary over all of it.
/// </summary>
public class KeyVaultTokenStoreTests
{
    private const string Vault = "northwind-automation";

    [Fact]
    public void Save_status_rotate_and_connect_through_the_vault_as_the_admin_and_the_managed_identity_with_no_secret_elsewhere()
    {
        using var s = new SecureAppModelTests.Scenario();
        s.Single("Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        var app = s.Single($"$app = New-SecureAppModelApplication -DisplayName 'Vault SAM {s.Name}'; $app");
        s.Thumbprints.Add((string)app.Properties["CertificateThumbprint"].Value);
        var emulator = EmulatorAccess.OfConnection(s.Session);

        // Save: one version, expiring 90 days after the consent; nothing in the local store.
        var saved = s.Single($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs {s.Name} -VaultName {Vault}");
        Assert.Equal(s.Name, saved.Properties["Name"].Value);
        var versions = emulator.VaultSecretVersions(Vault, s.Name);
        var first = Assert.Single(versions);
        Assert.True(first.Enabled);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(first.Expires!.Value) - DateTimeOffset.UtcNow, TimeSpan.FromDays(89.9), TimeSpan.FromDays(90.1));
        Assert.DoesNotContain(s.Step("Get-SecureAppModelTokenStatus").Output, o => (string)o.Properties["Name"].Value == s.Name);

        // Status: the days left come from the vault's expiry.
        var status = s.Single($"Get-SecureAppModelTokenStatus -Name {s.Name} -VaultName {Vault}");
        Assert.Equal("KeyVault", status.Properties["Storage"].Value);
        Assert.InRange((int)status.Properties["DaysLeft"].Value, 89, 90);

        // 45 days on, a rotation writes a new version whose expiry starts again.
        emulator.Advance(TimeSpan.FromDays(45));
        Assert.InRange((int)s.Single($"Get-SecureAppModelTokenStatus -Name {s.Name} -VaultName {Vault}").Properties["DaysLeft"].Value, 44, 45);
        var rotated = s.Single($"Update-SecureAppModelToken -Name {s.Name} -VaultName {Vault}");
        Assert.InRange((int)rotated.Properties["DaysLeft"].Value, 89, 90);
        Assert.Equal(2, emulator.VaultSecretVersions(Vault, s.Name).Count);

        // Connect as the signed-in admin's identity, then, with no connection, as the managed identity.
        var connected = s.Single($"Connect-PartnerSecurity -Demo -RefreshTokenName {s.Name} -VaultName {Vault}");
        Assert.Equal("SecureAppModel", connected.Properties["AuthMode"].Value);
        Assert.True(emulator.VaultSecretVersions(Vault, s.Name).Count > 2, "the connection's redemption was written back as new versions");
        s.Step("Disconnect-PartnerSecurity");
        var unattended = s.Single($"Connect-PartnerSecurity -Demo -RefreshTokenName {s.Name} -VaultName {Vault}");
        Assert.Equal("SecureAppModel", unattended.Properties["AuthMode"].Value);
        Assert.Contains(s.Step("Get-PartnerMfaStatus -CustomerTenantId (Get-PartnerCustomer -Name 'Fabrikam*').TenantId").Output, o => o != null);

        // The canary: every token the emulated cloud issued (the vault's secret values among them) appears nowhere.
        var canary = new TokenCanary();
        foreach (var result in s.Results) canary.Add(result, "step");
        canary.Add("screen", s.Session.Screen).AddFiles(TokenCanary.StorageDirectory());
        canary.AssertNone(emulator.IssuedSecrets);
    }

    [Fact]
    public void No_access_a_missing_secret_and_a_soft_deleted_one_each_say_what_to_do()
    {
        using var s = new SecureAppModelTests.Scenario();
        s.Single("Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        var app = s.Single($"$app = New-SecureAppModelApplication -DisplayName 'Vault SAM {s.Name}'; $app");
        s.Thumbprints.Add((string)app.Properties["CertificateThumbprint"].Value);
        var emulator = EmulatorAccess.OfConnection(s.Session);
        var consent = $"New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs {s.Name}";

        // The locked vault (access policies, none for the admin): one message naming the vault and the permissions.
        var denied = s.Fails($"{consent} -VaultName northwind-locked", "KeyVaultAccessDenied");
        Assert.Contains("'northwind-locked'", denied.Exception.Message);
        Assert.Contains("ava.thompson@northwindcloud.com", denied.Exception.Message);
        Assert.Contains("Get, Set and List", denied.ErrorDetails.RecommendedAction);
        Assert.Empty(emulator.VaultSecretVersions("northwind-locked", s.Name));
        var listDenied = s.Fails("Get-SecureAppModelTokenStatus -VaultName northwind-locked", "KeyVaultAccessDenied");
        Assert.Contains("access policy", listDenied.ErrorDetails.RecommendedAction);

        // A missing secret: the vault named, and how to make the token.
        var missing = s.Fails($"Connect-PartnerSecurity -Demo -RefreshTokenName {s.Name} -VaultName {Vault}", "TokenNotFound");
        Assert.Contains(Vault, missing.Exception.Message);

        // A soft-deleted secret: recover or purge, both on read and on write (Key Vault's 409).
        s.Single($"{consent} -VaultName {Vault}");
        emulator.DeleteVaultSecret(Vault, s.Name);
        var deleted = s.Fails($"Connect-PartnerSecurity -Demo -RefreshTokenName {s.Name} -VaultName {Vault}", "KeyVaultSecretDeleted");
        Assert.Contains("recover", deleted.ErrorDetails.RecommendedAction);
        var blocked = s.Fails($"{consent} -VaultName {Vault}", "KeyVaultSecretDeleted");
        Assert.Contains("purge", blocked.ErrorDetails.RecommendedAction);

        // Parameters that do not go together are refused before any request.
        s.Fails($"Get-SecureAppModelTokenStatus -SecretName x", "SecretNameNeedsVault");
        s.Fails($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -VaultName {Vault}", "VaultNeedsTokenName");
        s.Fails($"{consent}.x -VaultName {Vault}", "InvalidSecretName");
    }
}
