using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Formatting;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// The bridge between async work on a worker thread and the cmdlet's pipeline thread: the worker posts
    /// writes (objects, errors, progress, messages) and questions (ShouldProcess), the pipeline thread runs
    /// them in order. The queue is bounded so a fast producer waits for a slow pipeline instead of
    /// buffering a whole tenant's sign-ins in memory.
    /// </summary>
    internal sealed class CmdletPump : IOperationLog, IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>(boundedCapacity: 256);
        private readonly CancellationToken _stopping;

        internal CmdletPump(PSCmdlet cmdlet, CancellationToken stopping)
        {
            _cmdlet = cmdlet;
            _stopping = stopping;
        }

        /// <summary>Runs posted actions on the calling (pipeline) thread until the work completes and the queue drains.</summary>
        internal void RunUntil(Task work)
        {
            work.ContinueWith(_ => _queue.CompleteAdding(), TaskScheduler.Default);
            foreach (var action in _queue.GetConsumingEnumerable()) action();
        }

        private void Post(Action action)
        {
            try
            {
                _queue.Add(action, _stopping);
            }
            catch (InvalidOperationException)
            {
                // The pipeline has finished (Ctrl+C or an error on the pipeline thread); drop late writes.
            }
        }

        public void WriteObject(object? value) => Post(() => _cmdlet.WriteObject(value));
        public void WriteError(ErrorRecord record) => Post(() => _cmdlet.WriteError(record));
        public void WriteError(Exception exception, object? target = null) => WriteError(ErrorRecords.From(exception, target));
        public void WriteProgress(ProgressRecord record)
        {
            // Tenant names reach the terminal in progress text: escaped (TerminalText).
            record.Activity = TerminalText.EscapeMessage(record.Activity);
            record.StatusDescription = TerminalText.EscapeMessage(record.StatusDescription);
            if (record.CurrentOperation != null) record.CurrentOperation = TerminalText.EscapeMessage(record.CurrentOperation);
            Post(() => _cmdlet.WriteProgress(record));
        }

        public void Warning(string message) => Post(() => _cmdlet.WriteWarning(TerminalText.EscapeMessage(message)));
        public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(TerminalText.EscapeMessage(message)));
        public void Debug(string message) => Post(() => _cmdlet.WriteDebug(TerminalText.EscapeMessage(message)));

        /// <summary>Asks ShouldProcess on the pipeline thread and waits for the answer.</summary>
        public Task<bool> ShouldProcessAsync(string target, string action) =>
            Ask(() => _cmdlet.ShouldProcess(TerminalText.EscapeMessage(target), TerminalText.EscapeMessage(action)));

        /// <summary>ShouldProcess with the full description shown by -WhatIf and the text of the confirmation prompt.</summary>
        public Task<bool> ShouldProcessAsync(string whatIfDescription, string confirmQuestion, string caption) =>
            Ask(() => _cmdlet.ShouldProcess(TerminalText.EscapeMessage(whatIfDescription), TerminalText.EscapeMessage(confirmQuestion), TerminalText.EscapeMessage(caption)));

        public Task<bool> ShouldContinueAsync(string query, string caption) =>
            Ask(() => _cmdlet.ShouldContinue(TerminalText.EscapeMessage(query), TerminalText.EscapeMessage(caption)));

        private Task<bool> Ask(Func<bool> question)
        {
            var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try { answer.SetResult(question()); }
                catch (Exception ex) { answer.SetException(ex); }
            });
            return answer.Task;
        }

        public void Dispose() => _queue.Dispose();
    }
}
