using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Authentication;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Runtime
{
    /// <summary>The stored token names for completion: kept apart from the public completer so that its signature names no core type.</summary>
    internal static class StoredTokenNames
    {
        public static IReadOnlyList<(string Name, string Description)> List(bool allowUnencrypted)
        {
            try
            {
                return SecureAppModelTokenStore.Open(new TokenStorageOptions { AllowUnencrypted = allowUnencrypted }).List()
                    .Select(t => (t.Name, $"{t.Account} ({t.Environment}), application {t.ApplicationId}")).ToList();
            }
            catch (Diagnostics.PartnerSecurityException)
            {
                // Completion offers nothing from an unreadable store; the command itself says why.
                return new List<(string, string)>();
            }
        }
    }
}
