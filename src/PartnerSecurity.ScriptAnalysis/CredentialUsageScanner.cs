using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.ScriptAnalysis.Analysis;
using PartnerSecurity.ScriptAnalysis.Rules;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>
    /// Finds where scripts sign in with, build or hold user credentials, with the PowerShell parser: comments and
    /// strings that merely mention a cmdlet are never findings. Pure: text or files in, finding records out.
    /// </summary>
    public static class CredentialUsageScanner
    {
        /// <summary>
        /// Parse errors that depend on the scanning machine rather than the script: a module named by
        /// <c>using module</c> that is not installed here, a type it would define, a workflow (Windows PowerShell
        /// only) read by PowerShell 7. The scan goes on with the tree the parser built.
        /// </summary>
        private static readonly HashSet<string> s_environmentErrors = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ModuleNotFoundDuringParse", "MultipleModuleEntriesFoundDuringParse", "RequiresModuleInvalid", "TypeNotFound",
            "CustomAttributeTypeNotFound", "WorkflowNotSupportedInPowerShellCore",
        };

        /// <summary>Scans script text; <paramref name="path"/> names it in findings and problems (and decides the .psd1 rules).</summary>
        public static ScriptScanResult ScanText(string text, string path)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (path == null) throw new ArgumentNullException(nameof(path));
            var root = Parser.ParseInput(text, path, out var tokens, out var errors);
            var fatal = FirstSyntaxError(errors);
            if (fatal != null)
            {
                var line = fatal.Extent.StartLineNumber;
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.ParseError,
                    $"Cannot scan '{path}': it does not parse (line {line}: {Describe(fatal)})", line));
            }

            var file = new FileAnalysis(path, text, root, tokens);
            UserCredentialRule.Apply(file);
            PasswordGrantRule.Apply(file);
            PlainTextPasswordRule.Apply(file);
            BasicAuthRemotingRule.Apply(file);
            LegacyModuleRule.Apply(file);
            return new ScriptScanResult(path, file.Findings(), null);
        }

        /// <summary>Reads and scans one file. A file that cannot be read or parsed gives a result with a <see cref="ScanProblem"/>.</summary>
        public static ScriptScanResult ScanFile(string path)
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.NotFound, $"Cannot scan '{path}': the file does not exist."));
            }
            catch (UnauthorizedAccessException)
            {
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.AccessDenied, $"Cannot scan '{path}': access to the file is denied."));
            }
            catch (IOException ex)
            {
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.Unreadable, $"Cannot scan '{path}': {ex.Message}"));
            }
            try
            {
                return ScanText(text, path);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                // One file the analysis cannot handle (nesting deeper than the stack allows, say) must not end the scan
                // of the others. The message names the file and the failure, never its content.
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.Unreadable,
                    $"Cannot scan '{path}': the analysis failed ({ex.GetType().Name})."));
            }
        }

        /// <summary>
        /// Scans files in parallel and yields their results in the order given, each as soon as it and those before it
        /// are done. At most <paramref name="maxParallelism"/> files are parsed at once (the processor count when 0),
        /// and the workers never run more than a bounded window ahead of the consumer.
        /// </summary>
        public static IEnumerable<ScriptScanResult> ScanFiles(IReadOnlyList<string> paths, int maxParallelism = 0, CancellationToken cancellationToken = default)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            if (paths.Count == 0) yield break;
            int workers = Math.Max(1, Math.Min(maxParallelism > 0 ? maxParallelism : Environment.ProcessorCount, paths.Count));
            if (workers == 1)
            {
                foreach (var path in paths)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return ScanFile(path);
                }
                yield break;
            }

            var slots = new TaskCompletionSource<ScriptScanResult>[paths.Count];
            for (int i = 0; i < slots.Length; i++) slots[i] = new TaskCompletionSource<ScriptScanResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var window = new SemaphoreSlim(workers * 64);
            int next = -1;
            var tasks = new Task[workers];
            for (int w = 0; w < workers; w++)
            {
                tasks[w] = Task.Run(() =>
                {
                    while (true)
                    {
                        try
                        {
                            window.Wait(stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                        int index = Interlocked.Increment(ref next);
                        if (index >= slots.Length) return;
                        try
                        {
                            slots[index].TrySetResult(ScanFile(paths[index]));
                        }
                        catch (Exception ex)
                        {
                            slots[index].TrySetException(ex);
                        }
                    }
                });
            }
            try
            {
                for (int i = 0; i < slots.Length; i++)
                {
                    var task = slots[i].Task;
                    try
                    {
                        task.Wait(cancellationToken);
                    }
                    catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
                    {
                        throw ex.InnerExceptions[0];
                    }
                    window.Release();
                    yield return task.Result;
                }
            }
            finally
            {
                stop.Cancel();
                try
                {
                    Task.WaitAll(tasks);
                }
                catch (AggregateException)
                {
                    // A worker was stopped mid-file; its result is not wanted.
                }
            }
        }

        private static ParseError? FirstSyntaxError(ParseError[] errors)
        {
            ParseError? first = null;
            foreach (var error in errors)
            {
                if (s_environmentErrors.Contains(error.ErrorId)) continue;
                if (first == null || error.Extent.StartOffset < first.Extent.StartOffset) first = error;
            }
            return first;
        }

        /// <summary>The parser's message, without the text it quotes from the script (which could be a password).</summary>
        private static string Describe(ParseError error)
        {
            var message = error.Message.Trim();
            var quoted = error.Extent.Text;
            if (!string.IsNullOrEmpty(quoted) && quoted.Length > 1) message = message.Replace("'" + quoted + "'", "'…'");
            return message.EndsWith(".", StringComparison.Ordinal) ? message : message + ".";
        }
    }
}
