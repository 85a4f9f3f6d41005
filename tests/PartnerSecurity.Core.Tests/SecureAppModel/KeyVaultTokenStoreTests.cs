using PartnerSecurity.Connections;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.Tests.Support;

namespace PartnerSecurity.Tests.SecureAppModel;

/// <summary>The Key Vault token store through the real SDK on the emulated vault: the store contract, and two hosts rotating at once.</summary>
public class KeyVaultTokenStoreTests
{
    private const string Vault = "northwind-automation";

    private static KeyVaultTokenStore Store(PartnerConnection connection, string? secretName = null) =>
        KeyVaultTokenStore.Open(Vault, secretName, connection.Environment, connection.Tokens, connection.Pipeline, connection.HomeTenantId);

    private static StoredToken Token(string name, string refreshToken, DateTimeOffset usedOn) => new()
    {
        Name = name, ApplicationId = Guid.NewGuid().ToString(), TenantId = Guid.NewGuid().ToString(), Account = DemoPartner.Ava,
        Environment = "Demo", CertificateThumbprint = new string('A', 40), HasMfaClaim = true, IssuedOn = usedOn, LastUsedOn = usedOn, RefreshToken = refreshToken,
    };

    [Fact]
    public async Task Save_find_list_and_remove_keep_the_store_contract()
    {
        using var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var store = Store(connection);
        var now = emulator.Clock.UtcNow;

        Assert.Null(store.Find("partner"));
        var token = Token("partner", "refresh-one", now);
        Assert.True(store.Save(token));
        Assert.NotNull(token.Version);

        var read = store.Find("PARTNER")!;
        Assert.Equal("partner", read.Name);
        Assert.Equal("refresh-one", read.RefreshToken);
        Assert.Equal(token.ApplicationId, read.ApplicationId);
        Assert.Equal(token.CertificateThumbprint, read.CertificateThumbprint);
        Assert.Equal(now.ToUnixTimeSeconds(), read.LastUsedOn.ToUnixTimeSeconds());
        Assert.Equal((now + TimeSpan.FromDays(90)).ToUnixTimeSeconds(), read.VaultExpiresOn!.Value.ToUnixTimeSeconds());
        Assert.Equal(token.Version, read.Version);
        Assert.Equal("KeyVault", store.Storage);

        Assert.True(store.Save(Token("other", "refresh-two", now)));
        Assert.Equal(new[] { "other", "partner" }, store.List().Select(t => t.Name));
        Assert.True(store.Remove("other"));
        Assert.False(store.Remove("other"));
        var deleted = Assert.Throws<PartnerSecurity.Diagnostics.PartnerSecurityException>(() => store.Find("other"));
        Assert.Equal("KeyVaultSecretDeleted", deleted.ErrorId);
        Assert.Equal(new[] { "partner" }, store.List().Select(t => t.Name));
    }

    [Fact]
    public async Task Two_hosts_rotating_the_same_token_lose_nothing_and_readers_take_the_newest_version()
    {
        using var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var hostA = Store(connection);
        var hostB = Store(connection);
        hostA.Save(Token("partner", "consent", emulator.Clock.UtcNow));

        // Both read the same version; A rotates first; B's conditional save sees A's version and keeps it.
        var readByA = hostA.Find("partner")!;
        var readByB = hostB.Find("partner")!;
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var byA = readByA.Copy();
        byA.RefreshToken = "rotated-by-a";
        byA.LastUsedOn = emulator.Clock.UtcNow;
        Assert.True(hostA.Save(byA, readByA.Version));
        var byB = readByB.Copy();
        byB.RefreshToken = "rotated-by-b";
        Assert.False(hostB.Save(byB, readByB.Version));
        Assert.Equal("rotated-by-a", hostB.Find("partner")!.RefreshToken);

        // Checked at the same instant, both write (Key Vault has no conditional write): both versions land and the newest wins.
        emulator.Clock.Advance(TimeSpan.FromSeconds(5));
        var current = hostA.Find("partner")!;
        var first = current.Copy();
        first.RefreshToken = "first";
        var second = current.Copy();
        second.RefreshToken = "second";
        Assert.True(hostA.Save(first));
        emulator.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(hostB.Save(second));
        Assert.Equal("second", hostA.Find("partner")!.RefreshToken);
        Assert.Equal(4, emulator.KeyVault.Find(Vault)!.Secrets.Find("partner")!.Versions.Count);

        // A disabled newest version is passed over for the newest enabled one.
        emulator.KeyVault.Find(Vault)!.Secrets.Find("partner")!.Latest.Enabled = false;
        Assert.Equal("first", hostB.Find("partner")!.RefreshToken);
    }

    [Fact]
    public async Task A_connection_writes_its_own_rotations_at_most_once_an_hour()
    {
        using var emulator = DemoPartner.Emulator();
        using var connection = await DemoPartner.SignInAsync(emulator);
        var store = Store(connection);
        store.Save(Token("partner", "consent", emulator.Clock.UtcNow));
        var versions = emulator.KeyVault.Find(Vault)!.Secrets.Find("partner")!.Versions;

        StoredToken Rotated(StoredToken from, string refreshToken)
        {
            var next = from.Copy();
            next.RefreshToken = refreshToken;
            next.LastUsedOn = emulator.Clock.UtcNow;
            Assert.True(store.Save(next, from.Version));
            return next;
        }

        // Each tenant a connection reaches rotates the token: the first rotation is written, the next within the hour are not.
        var current = store.Find("partner")!;
        current = Rotated(current, "tenant-1");
        Assert.Equal(2, versions.Count);
        emulator.Clock.Advance(TimeSpan.FromMinutes(10));
        current = Rotated(current, "tenant-2");
        current = Rotated(current, "tenant-3");
        Assert.Equal(2, versions.Count);
        Assert.Equal("tenant-1", store.Find("partner")!.RefreshToken);
        emulator.Clock.Advance(TimeSpan.FromMinutes(55));
        Rotated(current, "tenant-4");
        Assert.Equal(3, versions.Count);
        Assert.Equal("tenant-4", store.Find("partner")!.RefreshToken);
    }
}
