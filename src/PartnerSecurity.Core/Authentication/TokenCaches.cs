using System.Collections.Generic;
using System.IO;

namespace PartnerSecurity.Authentication
{
    /// <summary>The persisted MSAL caches (-ContextScope CurrentUser), for Disconnect-PartnerSecurity -ClearTokenCache.</summary>
    public static class TokenCaches
    {
        /// <summary>Removes every persisted cache, protected or plaintext; returns the names removed.</summary>
        public static IReadOnlyList<string> Clear(TokenStorageOptions options)
        {
            var removed = new List<string>();
            foreach (var name in UserTokenSource.AllCacheBlobNames)
            {
                var blob = ProtectedBlob.Open(name, options);
                using (blob.Lock())
                {
                    if (blob.Read().Length > 0) removed.Add(name);
                    blob.Clear();
                }
                // A plaintext cache written earlier (with -AllowUnencryptedTokenCache) goes too.
                var plaintext = Path.Combine(options.ResolvedDirectory, name);
                if (File.Exists(plaintext))
                {
                    File.Delete(plaintext);
                    if (!removed.Contains(name)) removed.Add(name);
                }
            }
            return removed;
        }
    }
}
