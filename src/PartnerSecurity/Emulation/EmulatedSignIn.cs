using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulation
{
    /// <summary>
    /// Prepares a connection to the in-process tenant emulator for -Demo and -Snapshot: loads the snapshot,
    /// chooses who signs in, and wires the emulator in as the HTTP transport, its simulated browser in
    /// place of the system browser, and its clock as the connection's "now".
    /// </summary>
    internal static class EmulatedSignIn
    {
        public static (TenantEmulator Emulator, ConnectionRequest Request) Prepare(string snapshotPath, string? userPrincipalName, string environmentLabel)
        {
            TenantSnapshot snapshot;
            try
            {
                snapshot = SnapshotReader.ReadFile(snapshotPath);
            }
            catch (SnapshotFormatException ex)
            {
                throw new PartnerSecurityException("InvalidSnapshot", ErrorKind.InvalidData, ex.Message,
                    $"Fix the document at {ex.JsonPath} (format: shared tenant snapshot format, version 1) and connect again.", ex, snapshotPath);
            }

            var emulator = new TenantEmulator(snapshot);
            JsonObject user;
            if (!string.IsNullOrEmpty(userPrincipalName))
            {
                user = emulator.Cloud.Home.FindUser(userPrincipalName!)
                    ?? throw new PartnerSecurityException("SnapshotUserNotFound", ErrorKind.ObjectNotFound,
                        $"The snapshot '{Path.GetFileName(snapshotPath)}' has no user '{userPrincipalName}' in tenant '{snapshot.Tenant.DisplayName}'.",
                        "Give the userPrincipalName of a user in the snapshot's top-level tenant, or leave -UserPrincipalName out to sign in as its first Global Administrator.", null, userPrincipalName);
            }
            else
            {
                user = emulator.Cloud.Home.FirstGlobalAdministrator()
                    ?? throw new PartnerSecurityException("SnapshotHasNoAdmin", ErrorKind.InvalidData,
                        $"The snapshot '{Path.GetFileName(snapshotPath)}' has no enabled Global Administrator to sign in as.",
                        "Use -UserPrincipalName to choose who signs in.", null, snapshotPath);
            }
            emulator.Options.BrowserUser = (string)user["id"]!;

            var request = new ConnectionRequest
            {
                Mode = ConnectionMode.Interactive,
                TenantId = snapshot.Tenant.Id,
                EnvironmentLabel = environmentLabel,
                Transport = emulator,
                Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
                Clock = () => emulator.Clock.UtcNow,
            };
            return (emulator, request);
        }
    }
}
