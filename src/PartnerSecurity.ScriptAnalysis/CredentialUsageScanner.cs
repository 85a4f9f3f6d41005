using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation.Language;
using System.Threading;
using PartnerSecurity.ScriptAnalysis.Analysis;
using PartnerSecurity.ScriptAnalysis.Reading;
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
        /// only) read by PowerShell 7. The scan goes on with the tree the parser built, and the file is not marked.
        /// </summary>
        private static readonly HashSet<string> s_environmentErrors = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ModuleNotFoundDuringParse", "MultipleModuleEntriesFoundDuringParse", "RequiresModuleInvalid", "TypeNotFound",
            "CustomAttributeTypeNotFound", "WorkflowNotSupportedInPowerShellCore",
        };

        /// <summary>Scans script text; <paramref name="path"/> names it in findings and problems (and decides the .psd1 rules).</summary>
        public static ScriptScanResult ScanText(string text, string path) => ScanText(text, path, null, null, CancellationToken.None);

        /// <summary>
        /// Scans script text. A text that does not parse is scanned as far as the parser's partial tree goes: the result
        /// has the parse error as its problem and findings marked <see cref="CredentialUsageFinding.FileHasParseErrors"/>.
        /// </summary>
        internal static ScriptScanResult ScanText(string text, string path, ScanOptions? options, DecodedScript? decoded, CancellationToken cancellationToken)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (path == null) throw new ArgumentNullException(nameof(path));
            int depth = Nesting.MaxDepth(text);
            if (depth > Nesting.Limit)
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.TooComplex,
                    $"Cannot scan '{path}': it nests brackets and blocks more than {Nesting.Limit.ToString("N0", CultureInfo.InvariantCulture)} levels deep, " +
                    "which PowerShell's parser refuses as too complex or parses at a cost in memory that grows with the square of the depth."));
            options?.BeforeParse?.Invoke(path);
            // The parser cannot be interrupted: cancellation is honoured before and after it.
            cancellationToken.ThrowIfCancellationRequested();
            var root = Parser.ParseInput(text, path, out var tokens, out var errors);
            cancellationToken.ThrowIfCancellationRequested();
            if (root == null)
            {
                // Seen with nesting at the very edge of the parser's stack guard: no tree at all to scan.
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.TooComplex,
                    $"Cannot scan '{path}': the PowerShell parser gave up on it (nested too deeply) and returned nothing to scan."));
            }

            var fatal = FirstSyntaxError(errors);
            ScanProblem? problem = null;
            if (fatal != null)
            {
                var line = fatal.Extent.StartLineNumber;
                problem = new ScanProblem(path, ScanProblemKind.ParseError,
                    $"'{path}' does not parse (line {line}: {Describe(fatal)}); it was scanned as far as the parser could read it: findings from it are marked FileHasParseErrors, and others may be missing.",
                    line);
            }

            var file = new FileAnalysis(path, text, root, tokens, cancellationToken)
            {
                Encoding = decoded?.Encoding ?? string.Empty,
                HasParseErrors = problem != null,
            };
            UserCredentialRule.Apply(file);
            CredentialObjectRule.Apply(file);
            PasswordGrantRule.Apply(file);
            PlainTextPasswordRule.Apply(file);
            BasicAuthRemotingRule.Apply(file);
            LegacyModuleRule.Apply(file);
            return new ScriptScanResult(path, file.Findings(), problem, decoded?.Encoding ?? string.Empty, decoded?.How ?? string.Empty);
        }

        /// <summary>Reads and scans one file. A file that cannot be read or parsed gives a result with a <see cref="ScanProblem"/>.</summary>
        public static ScriptScanResult ScanFile(string path) => ScanFile(path, null, CancellationToken.None);

        /// <summary>
        /// Reads and scans one file: only a regular file, no larger than the options' limit, decoded as PowerShell
        /// would (see <see cref="ScriptEncodings"/>). Cancellation stops the read at once and the analysis soon after the
        /// parse (which cannot be interrupted).
        /// </summary>
        public static ScriptScanResult ScanFile(string path, ScanOptions? options, CancellationToken cancellationToken = default)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            options ??= ScanOptions.Default;
            var decoded = ScriptFileReader.Read(path, options, cancellationToken, out var problem);
            if (decoded == null) return ScriptScanResult.Failed(problem!);
            try
            {
                return ScanText(decoded.Text, path, options, decoded, cancellationToken);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException))
            {
                // One file the analysis cannot handle must not end the scan of the others. The message names the file
                // and the failure, never its content.
                return ScriptScanResult.Failed(new ScanProblem(path, ScanProblemKind.Unreadable,
                    $"Cannot scan '{path}': the analysis failed ({ex.GetType().Name})."));
            }
        }

        /// <summary>
        /// Scans files in parallel and yields their results in the order given, each as soon as it and those before it
        /// are done. At most <paramref name="maxParallelism"/> files are parsed at once (the processor count when 0),
        /// and the workers never run more than a bounded window ahead of the consumer.
        /// </summary>
        public static IEnumerable<ScriptScanResult> ScanFiles(IReadOnlyList<string> paths, int maxParallelism = 0, CancellationToken cancellationToken = default) =>
            ScanFiles(paths, null, maxParallelism, cancellationToken);

        /// <summary>
        /// As <see cref="ScanFiles(IReadOnlyList{string}, int, CancellationToken)"/>, with read options. Cancellation
        /// ends the enumeration at once (an <see cref="OperationCanceledException"/>), even while a large file is being
        /// parsed: the worker finishes that parse in the background and drops its result.
        /// </summary>
        public static IEnumerable<ScriptScanResult> ScanFiles(IReadOnlyList<string> paths, ScanOptions? options, int maxParallelism = 0, CancellationToken cancellationToken = default)
        {
            if (paths == null) throw new ArgumentNullException(nameof(paths));
            return paths.Count == 0 ? Array.Empty<ScriptScanResult>() : new ScanWorkers(paths, options ?? ScanOptions.Default, maxParallelism).Results(cancellationToken);
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
            return message.TrimEnd('.');
        }
    }
}
