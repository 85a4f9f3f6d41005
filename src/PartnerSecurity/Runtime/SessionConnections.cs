using System;
using System.Collections.Concurrent;
using System.Management.Automation.Runspaces;
using PartnerSecurity.Connections;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// The connection of each PowerShell session (runspace). Call it on the pipeline thread: the runspace
    /// is thread-bound and unknown on a worker. Sessions in one process (ThreadJob,
    /// ForEach-Object -Parallel, a host's runspace pool) do not see or replace each other's connection.
    /// </summary>
    internal static class SessionConnections
    {
        private static readonly ConcurrentDictionary<Guid, PartnerConnection> s_byRunspace = new ConcurrentDictionary<Guid, PartnerConnection>();

        private static Guid Key => Runspace.DefaultRunspace?.InstanceId ?? Guid.Empty;

        public static PartnerConnection? Current => s_byRunspace.TryGetValue(Key, out var connection) ? connection : null;

        /// <summary>Makes <paramref name="connection"/> the session's and returns the one it replaces.</summary>
        public static PartnerConnection? Set(PartnerConnection connection)
        {
            var runspace = Runspace.DefaultRunspace;
            PartnerConnection? previous = null;
            s_byRunspace.AddOrUpdate(Key, connection, (_, old) => { previous = old; return connection; });
            if (runspace != null && previous == null) runspace.StateChanged += OnStateChanged;
            return previous;
        }

        public static PartnerConnection? Remove() => s_byRunspace.TryRemove(Key, out var connection) ? connection : null;

        /// <summary>
        /// Remove-Module: the calling session's connection is disposed (its tokens discarded) and its emulated clouds
        /// dropped, so importing the module again starts disconnected. Other sessions keep theirs.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        public static void ForgetSession()
        {
            Remove()?.Dispose();
            Emulation.SessionClouds.Forget(Key);
        }

        private static void OnStateChanged(object? sender, RunspaceStateEventArgs e)
        {
            if (e.RunspaceStateInfo.State != RunspaceState.Closed && e.RunspaceStateInfo.State != RunspaceState.Broken) return;
            if (sender is Runspace runspace)
            {
                runspace.StateChanged -= OnStateChanged;
                if (s_byRunspace.TryRemove(runspace.InstanceId, out var connection)) connection.Dispose();
            }
        }
    }
}
