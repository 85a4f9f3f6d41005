using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>
    /// The worker threads of one <see cref="CredentialUsageScanner.ScanFiles(IReadOnlyList{string}, ScanOptions, int, CancellationToken)"/>
    /// call. Dedicated threads with the stack PowerShell gives its pipeline threads, so a script nested as
    /// deeply as pwsh itself parses is parsed here too (thread-pool threads have far smaller stacks). The consumer
    /// never waits for a worker once it stops: PowerShell's parser cannot be interrupted, so a worker inside a large
    /// file finishes that parse in the background, sees the stop and leaves.
    /// </summary>
    internal sealed class ScanWorkers
    {
        /// <summary>
        /// The 10 MB PowerShell gives its pipeline threads, so the parser's depth guard stops about where pwsh's does, which
        /// matters both ways: with 8 MB, 3,000 nested script blocks that pwsh parses "do not parse"; with 16 MB, the
        /// parser's error recovery on pathological nesting goes far deeper and allocated 610 MB for a 26 KB file (found by
        /// fuzzing; 4 MB at 10 MB).
        /// </summary>
        internal const int StackSize = 10 * 1024 * 1024;

        /// <summary>How many files the workers may finish ahead of the consumer, per worker.</summary>
        private const int WindowPerWorker = 64;

        private readonly IReadOnlyList<string> _paths;
        private readonly ScanOptions _options;
        private readonly int _workers;
        private readonly TaskCompletionSource<ScriptScanResult>[] _slots;
        private readonly SemaphoreSlim _window;
        private int _next = -1;

        public ScanWorkers(IReadOnlyList<string> paths, ScanOptions options, int maxParallelism)
        {
            _paths = paths;
            _options = options;
            _workers = Math.Max(1, Math.Min(maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount, paths.Count));
            _slots = new TaskCompletionSource<ScriptScanResult>[paths.Count];
            for (int i = 0; i < _slots.Length; i++) _slots[i] = new TaskCompletionSource<ScriptScanResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Never disposed: a worker still inside a parse may use it after the consumer has gone (it has no wait handle to free).
            _window = new SemaphoreSlim(_workers * WindowPerWorker);
        }

        public IEnumerable<ScriptScanResult> Results(CancellationToken cancellationToken)
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var stopToken = stop.Token;
            try
            {
                for (int w = 0; w < _workers; w++)
                {
                    var thread = new Thread(() => Work(stopToken), StackSize) { IsBackground = true, Name = "PartnerSecurity script scanner" };
                    thread.Start();
                }
                for (int i = 0; i < _slots.Length; i++)
                {
                    var task = _slots[i].Task;
                    try
                    {
                        task.Wait(cancellationToken);
                    }
                    catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
                    {
                        throw ex.InnerExceptions[0];
                    }
                    _window.Release();
                    yield return task.Result;
                }
            }
            finally
            {
                // Workers hold the token, not the source: a cancelled token stays readable after the source is disposed.
                stop.Cancel();
                stop.Dispose();
            }
        }

        private void Work(CancellationToken stop)
        {
            while (true)
            {
                try
                {
                    _window.Wait(stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                int index = Interlocked.Increment(ref _next);
                if (index >= _slots.Length) return;
                try
                {
                    _slots[index].TrySetResult(CredentialUsageScanner.ScanFile(_paths[index], _options, stop));
                }
                catch (OperationCanceledException)
                {
                    _slots[index].TrySetCanceled();
                    return;
                }
                catch (Exception ex)
                {
                    _slots[index].TrySetException(ex);
                }
            }
        }
    }
}
