using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation.Runspaces;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulation
{
    /// <summary>
    /// The emulated clouds of each PowerShell session: one tenant emulator per snapshot file, kept for the
    /// session's life, so that everything a session does against -Demo or a -Snapshot (connections, the Secure
    /// Application Model consent and its stored tokens, writes) happens in one cloud, as it would against
    /// Microsoft's. Sessions do not share clouds.
    /// </summary>
    internal static class SessionClouds
    {
        private static readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, TenantEmulator>> s_bySession =
            new ConcurrentDictionary<Guid, ConcurrentDictionary<string, TenantEmulator>>();

        /// <summary>The calling pipeline thread's session.</summary>
        public static Guid CurrentSession => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        /// <summary>
        /// The session's emulator for a snapshot file, loading it the first time; warnings of the load go to
        /// <paramref name="warn"/>. <paramref name="capturedNow"/> moves every date of the snapshot with the real clock
        /// (the demo); otherwise the snapshot keeps the time it was captured.
        /// </summary>
        public static TenantEmulator GetOrCreate(Guid session, string snapshotPath, Action<string>? warn, bool capturedNow = false)
        {
            var clouds = s_bySession.GetOrAdd(session, id =>
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace != null && runspace.InstanceId == id) runspace.StateChanged += OnStateChanged;
                return new ConcurrentDictionary<string, TenantEmulator>(StringComparer.Ordinal);
            });
            var key = Path.GetFullPath(snapshotPath);
            if (clouds.TryGetValue(key, out var existing)) return existing;
            TenantSnapshot snapshot;
            try
            {
                snapshot = capturedNow
                    ? SnapshotReader.Read(CapturedNow.Shift(File.ReadAllText(key), DateTimeOffset.UtcNow), key)
                    : SnapshotReader.ReadFile(key);
            }
            catch (SnapshotFormatException ex)
            {
                throw new PartnerSecurityException("InvalidSnapshot", ErrorKind.InvalidData, ex.Message,
                    $"Fix the document at {ex.JsonPath} (format: shared tenant snapshot format, version 1) and connect again.", ex, snapshotPath);
            }
            var emulator = new TenantEmulator(snapshot);
            foreach (var warning in snapshot.Warnings) warn?.Invoke(warning);
            return clouds.GetOrAdd(key, emulator);
        }

        /// <summary>The session's emulator for a snapshot, when it has loaded one.</summary>
        public static TenantEmulator? Find(Guid session, string snapshotPath) =>
            s_bySession.TryGetValue(session, out var clouds) && clouds.TryGetValue(Path.GetFullPath(snapshotPath), out var emulator) ? emulator : null;

        /// <summary>Drops a session's emulated clouds (Remove-Module).</summary>
        public static void Forget(Guid session) => s_bySession.TryRemove(session, out _);

        private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken) return;
            if (sender is Runspace runspace)
            {
                runspace.StateChanged -= OnStateChanged;
                s_bySession.TryRemove(runspace.InstanceId, out _);
            }
        }
    }
}
