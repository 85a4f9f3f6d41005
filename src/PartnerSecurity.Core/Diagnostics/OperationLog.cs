using System;
using System.Threading;

namespace PartnerSecurity.Diagnostics
{
    /// <summary>Receives the diagnostic messages of one operation (one cmdlet invocation).</summary>
    public interface IOperationLog
    {
        void Verbose(string message);
        void Debug(string message);
        void Warning(string message);
    }

    /// <summary>
    /// The log of the operation running on this async flow. The HTTP pipeline and the MSAL clients are
    /// shared by every cmdlet of a connection, so they cannot hold a log themselves: the cmdlet sets the
    /// current log for the duration of its work and everything beneath it writes here.
    /// </summary>
    public static class OperationLog
    {
        private static readonly AsyncLocal<IOperationLog?> s_current = new AsyncLocal<IOperationLog?>();

        public static IOperationLog? Current => s_current.Value;

        public static IDisposable Use(IOperationLog log)
        {
            var previous = s_current.Value;
            s_current.Value = log;
            return new Restore(previous);
        }

        public static void Verbose(string message) => s_current.Value?.Verbose(message);
        public static void Debug(string message) => s_current.Value?.Debug(message);
        public static void Warning(string message) => s_current.Value?.Warning(message);

        private sealed class Restore : IDisposable
        {
            private readonly IOperationLog? _previous;
            public Restore(IOperationLog? previous) => _previous = previous;
            public void Dispose() => s_current.Value = _previous;
        }
    }
}
