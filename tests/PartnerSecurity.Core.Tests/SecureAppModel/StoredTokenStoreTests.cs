using System.Security;
using PartnerSecurity.Authentication;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Tests.SecureAppModel;

/// <summary>The token-store contract (versions and concurrent rotation) and the one resolution of a stored token.</summary>
public class StoredTokenStoreTests
{
    private static SecureAppModelTokenStore NewStore() =>
        SecureAppModelTokenStore.Open(new TokenStorageOptions { Directory = Path.Combine(Path.GetTempPath(), "ps-store-" + Guid.NewGuid().ToString("N")), AllowUnencrypted = true });

    private static StoredToken Token(string name, string? thumbprint = null) => new()
    {
        Name = name, ApplicationId = "11111111-1111-1111-1111-111111111111", TenantId = "t", Account = "a@example.com",
        CertificateThumbprint = thumbprint, HasMfaClaim = true, IssuedOn = DateTimeOffset.UtcNow, LastUsedOn = DateTimeOffset.UtcNow,
    };

    private static SecureString Secret() => SecureStrings.Protect("app-secret");

    [Fact]
    public void Every_save_gives_a_new_version_and_a_save_over_a_stale_version_writes_nothing()
    {
        IStoredTokenStore store = NewStore();
        var token = Token("p");
        Assert.True(store.Save(token));
        var read = store.Get("p");
        Assert.Equal(token.Version, read.Version);

        var other = store.Get("p");
        other.LastUsedOn = DateTimeOffset.UtcNow.AddDays(1);
        Assert.True(store.Save(other, read.Version));
        Assert.NotEqual(read.Version, other.Version);

        var stale = read.Copy();
        stale.Account = "stale@example.com";
        Assert.False(store.Save(stale, read.Version));
        Assert.Equal("a@example.com", store.Get("p").Account);
        Assert.False(store.Save(Token("gone"), "any"));
        Assert.Null(store.Find("gone"));
    }

    [Fact]
    public void A_rotation_that_lost_the_race_keeps_the_other_processes_token_and_the_next_rotation_succeeds()
    {
        var store = NewStore();
        store.Save(Token("p"));
        var mine = StoredTokenCredentials.Resolve(store, "p", clientSecret: Secret());
        var theirs = StoredTokenCredentials.Resolve(store, "p", clientSecret: Secret());

        Assert.True(theirs.Rotate("rt-theirs", DateTimeOffset.UtcNow));
        Assert.False(mine.Rotate("rt-mine", DateTimeOffset.UtcNow));
        Assert.Equal("rt-theirs", SecureStrings.Reveal(store.Get("p").ProtectedRefreshToken()));
        Assert.Equal("rt-theirs", SecureStrings.Reveal(mine.RefreshToken()));

        Assert.True(mine.Rotate("rt-mine-2", DateTimeOffset.UtcNow));
        Assert.Equal("rt-mine-2", SecureStrings.Reveal(store.Get("p").ProtectedRefreshToken()));
    }

    [Fact]
    public void Resolving_a_stored_token_says_what_is_missing_with_one_id_each()
    {
        var store = NewStore();
        store.Save(Token("secret-consent"));
        store.Save(Token("certificate-consent", thumbprint: new string('A', 40)));

        Assert.Equal("TokenNotFound", Assert.Throws<PartnerSecurityException>(() => StoredTokenCredentials.Resolve(store, "nothing")).ErrorId);
        var secret = Assert.Throws<PartnerSecurityException>(() => StoredTokenCredentials.Resolve(store, "secret-consent"));
        Assert.Equal("CredentialRequired", secret.ErrorId);
        Assert.Equal("secret-consent", secret.Target);
        Assert.Contains("-ClientSecret", secret.RecommendedAction);
        var certificate = Assert.Throws<PartnerSecurityException>(() => StoredTokenCredentials.Resolve(store, "certificate-consent"));
        Assert.Equal("CertificateNotFound", certificate.ErrorId);
        Assert.Contains(new string('A', 40), certificate.Message);
        var mismatch = Assert.Throws<PartnerSecurityException>(() => StoredTokenCredentials.Resolve(store, "secret-consent", "22222222-2222-2222-2222-222222222222", Secret()));
        Assert.Equal("TokenApplicationMismatch", mismatch.ErrorId);

        var resolved = StoredTokenCredentials.Resolve(store, "SECRET-CONSENT", "11111111-1111-1111-1111-111111111111", Secret());
        Assert.Equal("secret-consent", resolved.Name);
        Assert.Equal("t", resolved.TenantId);
        Assert.NotNull(resolved.ClientSecret);
        Assert.Null(resolved.Certificate);
    }
}
