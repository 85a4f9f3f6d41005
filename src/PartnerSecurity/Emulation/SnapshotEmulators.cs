using System;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulation
{
    /// <summary>Loads a snapshot file into a tenant emulator (a session keeps one per file: Runtime.ModuleSession).</summary>
    internal static class SnapshotEmulators
    {
        /// <summary>
        /// The emulator of the snapshot at <paramref name="fullPath"/>; warnings of the load go to <paramref name="warn"/>.
        /// <paramref name="capturedNow"/> moves every date of the snapshot with the real clock (the demo); otherwise the
        /// snapshot keeps the time it was captured.
        /// </summary>
        public static TenantEmulator Load(string fullPath, string givenPath, Action<string>? warn, bool capturedNow)
        {
            TenantSnapshot snapshot;
            try
            {
                snapshot = capturedNow
                    ? SnapshotReader.Read(CapturedNow.Shift(System.IO.File.ReadAllText(fullPath), DateTimeOffset.UtcNow), fullPath)
                    : SnapshotReader.ReadFile(fullPath);
            }
            catch (SnapshotFormatException ex)
            {
                throw new PartnerSecurityException("InvalidSnapshot", ErrorKind.InvalidData, ex.Message,
                    $"Fix the document at {ex.JsonPath} (format: shared tenant snapshot format, version 1) and connect again.", ex, givenPath);
            }
            var emulator = new TenantEmulator(snapshot);
            foreach (var warning in snapshot.Warnings) warn?.Invoke(warning);
            return emulator;
        }
    }
}
