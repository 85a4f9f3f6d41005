using System.Collections.Generic;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// Where named Secure Application Model tokens are kept: the local protected store
    /// (<see cref="SecureAppModelTokenStore"/>), or a shared one such as an Azure Key Vault. Only
    /// <see cref="StoredTokenCredentials"/> reads a token into what a sign-in needs; cmdlets pass a store to it.
    /// </summary>
    /// <remarks>
    /// The contract every store keeps:
    /// <list type="bullet">
    /// <item>Names are compared case-insensitively and are valid for <see cref="StoredTokens.ValidateName"/>.</item>
    /// <item><see cref="Find"/> returns null when no token has the name; <see cref="List"/> returns every token,
    /// ordered by name. A store that cannot be read throws a PartnerSecurityException (TokenStoreCorrupt, ...),
    /// never a shorter list.</item>
    /// <item>Every token read carries <see cref="StoredToken.Version"/>, an opaque string that changes on each save.</item>
    /// <item><see cref="Save"/> with no expected version writes unconditionally (a new consent). With one (a rotation),
    /// it writes only if the stored token still has that version, and otherwise returns false and writes nothing:
    /// another process rotated it first, and its refresh token is as good as this one. On success the token's
    /// Version is the new one.</item>
    /// <item><see cref="Remove"/> returns false when no token had the name.</item>
    /// </list>
    /// </remarks>
    public interface IStoredTokenStore
    {
        /// <summary>What Get-SecureAppModelTokenStatus shows as Storage: Encrypted, PlaintextFile, Memory, or e.g. KeyVault.</summary>
        string Storage { get; }

        /// <summary>Said after "No token named 'x' is stored" when the store may be missing tokens others saved (the in-memory fallback); null otherwise.</summary>
        string? MissingHint { get; }

        StoredToken? Find(string name);

        IReadOnlyList<StoredToken> List();

        /// <summary>Writes <paramref name="token"/>; with <paramref name="expectedVersion"/>, only over that version (false: someone saved first).</summary>
        bool Save(StoredToken token, string? expectedVersion = null);

        bool Remove(string name);
    }
}
