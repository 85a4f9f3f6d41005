using System;
using System.Collections.Concurrent;
using System.IO;
using System.Management.Automation.Runspaces;
using System.Threading;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulation;
using PartnerSecurity.Emulator;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// What the module keeps for one PowerShell session (runspace): its connection and its emulated clouds (one
    /// tenant emulator per snapshot file, so that everything a session does against -Demo or a -Snapshot happens
    /// in one cloud, as it would against Microsoft's). Sessions of one process (ThreadJob, ForEach-Object
    /// -Parallel, a host's runspace pool) do not see each other's. <see cref="Current"/> is read on the pipeline
    /// thread, where the runspace is known, and the session is handed to the command's worker; it is freed when
    /// its runspace closes, or by Remove-Module.
    /// </summary>
    internal sealed class ModuleSession
    {
        private static readonly ConcurrentDictionary<Guid, ModuleSession> s_byRunspace = new ConcurrentDictionary<Guid, ModuleSession>();

        private readonly ConcurrentDictionary<string, TenantEmulator> _clouds = new ConcurrentDictionary<string, TenantEmulator>(StringComparer.Ordinal);
        private PartnerConnection? _connection;

        private ModuleSession(Guid id) => Id = id;

        /// <summary>The runspace's instance id (empty when there is none: a host calling the core directly).</summary>
        public Guid Id { get; }

        /// <summary>The calling pipeline thread's session; the first read registers its clean-up with the runspace.</summary>
        public static ModuleSession Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace == null) return s_byRunspace.GetOrAdd(Guid.Empty, id => new ModuleSession(id));
                if (s_byRunspace.TryGetValue(runspace.InstanceId, out var session)) return session;
                session = s_byRunspace.GetOrAdd(runspace.InstanceId, new ModuleSession(runspace.InstanceId));
                runspace.StateChanged -= OnStateChanged;
                runspace.StateChanged += OnStateChanged;
                return session;
            }
        }

        public PartnerConnection? Connection => Volatile.Read(ref _connection);

        /// <summary>Makes <paramref name="connection"/> the session's and returns the one it replaces.</summary>
        public PartnerConnection? Connect(PartnerConnection connection) => Interlocked.Exchange(ref _connection, connection);

        /// <summary>Takes the session's connection away and returns it.</summary>
        public PartnerConnection? Disconnect() => Interlocked.Exchange(ref _connection, null);

        /// <summary>
        /// The session's emulator for a snapshot file, loading it the first time (see <see cref="SnapshotEmulators.Load"/>);
        /// <paramref name="capturedNow"/> moves the snapshot's dates with the real clock (the demo).
        /// </summary>
        public TenantEmulator Emulator(string snapshotPath, Action<string>? warn, bool capturedNow = false)
        {
            var key = Path.GetFullPath(snapshotPath);
            if (_clouds.TryGetValue(key, out var existing)) return existing;
            return _clouds.GetOrAdd(key, SnapshotEmulators.Load(key, snapshotPath, warn, capturedNow));
        }

        /// <summary>The session's emulator for a snapshot file, when it has loaded one.</summary>
        public TenantEmulator? FindEmulator(string snapshotPath) => _clouds.TryGetValue(Path.GetFullPath(snapshotPath), out var emulator) ? emulator : null;

        /// <summary>
        /// Remove-Module: the calling session's connection is disposed (its tokens discarded) and its emulated clouds
        /// dropped, so importing the module again starts disconnected. Other sessions keep theirs.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static void ForgetCurrent()
        {
            if (s_byRunspace.TryRemove(Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty, out var session)) session.Close();
        }

        private void Close()
        {
            Disconnect()?.Dispose();
            _clouds.Clear();
        }

        private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken) return;
            if (sender is Runspace runspace)
            {
                runspace.StateChanged -= OnStateChanged;
                if (s_byRunspace.TryRemove(runspace.InstanceId, out var session)) session.Close();
            }
        }
    }
}
