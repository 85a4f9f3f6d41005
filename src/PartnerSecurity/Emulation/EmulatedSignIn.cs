using System.IO;
using System.Text.Json.Nodes;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;

namespace PartnerSecurity.Emulation
{
    /// <summary>
    /// Chooses who the simulated person is in an emulated cloud: the user who completes browser sign-ins and
    /// enters device codes. By default the snapshot's first enabled Global Administrator.
    /// </summary>
    internal static class EmulatedSignIn
    {
        public static void ChooseUser(TenantEmulator emulator, string? userPrincipalName, string snapshotPath, bool required)
        {
            JsonObject? user;
            if (!string.IsNullOrEmpty(userPrincipalName))
            {
                user = emulator.Cloud.Home.FindUser(userPrincipalName!)
                    ?? throw new PartnerSecurityException("SnapshotUserNotFound", ErrorKind.ObjectNotFound,
                        $"The snapshot '{Path.GetFileName(snapshotPath)}' has no user '{userPrincipalName}' in tenant '{emulator.Snapshot.Tenant.DisplayName}'.",
                        "Give the userPrincipalName of a user in the snapshot's top-level tenant, or leave -UserPrincipalName out to sign in as its first Global Administrator.", null, userPrincipalName);
            }
            else
            {
                user = emulator.Cloud.Home.FirstGlobalAdministrator();
                if (user == null && required)
                    throw new PartnerSecurityException("SnapshotHasNoAdmin", ErrorKind.InvalidData,
                        $"The snapshot '{Path.GetFileName(snapshotPath)}' has no enabled Global Administrator to sign in as.",
                        "Use -UserPrincipalName to choose who signs in.", null, snapshotPath);
            }
            emulator.Options.BrowserUser = (string?)user?["id"];
        }
    }
}
