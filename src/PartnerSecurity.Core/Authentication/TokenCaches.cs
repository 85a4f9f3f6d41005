using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// The persisted MSAL caches (-ContextScope CurrentUser), for Disconnect-PartnerSecurity -ClearTokenCache. The caches
    /// of emulated clouds (one per snapshot file) are named after their cloud, so their names are recorded in an index
    /// beside them (names only, nothing secret): protected storage such as a keyring cannot be listed.
    /// </summary>
    public static class TokenCaches
    {
        private const string IndexName = "msal-emulated.index";

        /// <summary>Opens a cache blob, noting an emulated cloud's in the index so that Clear finds it.</summary>
        internal static ProtectedBlob Open(string name, TokenStorageOptions options)
        {
            if (name.StartsWith(UserTokenSource.EmulatedCachePrefix, StringComparison.Ordinal)) Remember(name, options);
            return ProtectedBlob.Open(name, options);
        }

        /// <summary>Removes every persisted cache, protected or plaintext; returns the names removed.</summary>
        public static IReadOnlyList<string> Clear(TokenStorageOptions options)
        {
            var removed = new List<string>();
            foreach (var name in UserTokenSource.AllCacheBlobNames.Concat(EmulatedNames(options)).Distinct(StringComparer.Ordinal))
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
            var index = Path.Combine(options.ResolvedDirectory, IndexName);
            if (File.Exists(index)) File.Delete(index);
            return removed;
        }

        private static IEnumerable<string> EmulatedNames(TokenStorageOptions options)
        {
            var directory = options.ResolvedDirectory;
            var index = Path.Combine(directory, IndexName);
            var listed = File.Exists(index) ? File.ReadAllLines(index).Where(IsEmulatedName) : Enumerable.Empty<string>();
            var files = Directory.Exists(directory)
                ? Directory.EnumerateFiles(directory, UserTokenSource.EmulatedCachePrefix + "*.cache").Select(f => Path.GetFileName(f)!)
                : Enumerable.Empty<string>();
            return listed.Concat(files).ToList();
        }

        private static void Remember(string name, TokenStorageOptions options)
        {
            try
            {
                Directory.CreateDirectory(options.ResolvedDirectory);
                var index = Path.Combine(options.ResolvedDirectory, IndexName);
                if (File.Exists(index) && File.ReadAllLines(index).Contains(name, StringComparer.Ordinal)) return;
                File.AppendAllLines(index, new[] { name });
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                Diagnostics.OperationLog.Verbose($"The token cache index could not be written ({ex.Message}); -ClearTokenCache may miss the cache {name}.");
            }
        }

        private static bool IsEmulatedName(string line) =>
            line.StartsWith(UserTokenSource.EmulatedCachePrefix, StringComparison.Ordinal) && line.EndsWith(".cache", StringComparison.Ordinal)
            && line.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;
    }
}
