using System.Text.RegularExpressions;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>What every token store shares: the names it accepts and the error for a name it does not hold.</summary>
    public static class StoredTokens
    {
        private static readonly Regex s_name = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

        public static void ValidateName(string name)
        {
            if (!s_name.IsMatch(name ?? string.Empty))
                throw new PartnerSecurityException(ErrorIds.InvalidTokenName, ErrorKind.InvalidArgument,
                    $"'{name}' is not a valid token name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.", "Choose a name such as 'partner' or 'contoso-sam'.", null, name);
        }

        /// <summary>The token of this name, or a TokenNotFound error saying how to make or find one.</summary>
        public static StoredToken Get(this IStoredTokenStore store, string name) => store.Find(name) ?? throw NotFound(store, name);

        public static PartnerSecurityException NotFound(IStoredTokenStore store, string name) =>
            new PartnerSecurityException(ErrorIds.TokenNotFound, ErrorKind.ObjectNotFound,
                $"No Secure Application Model token named '{name}' is stored{(store.MissingHint == null ? string.Empty : " (" + store.MissingHint + ")")}.",
                "Run New-SecureAppModelToken -SaveAs <name> once, or Get-SecureAppModelTokenStatus to see the stored names.", null, name);
    }
}
