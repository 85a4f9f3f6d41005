using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.ScriptAnalysis;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Finds every place in a script estate that signs in with a user credential, builds a password grant, holds a
    /// literal password, uses Basic Exchange remoting or loads a retired module, and says what replaces it. Paths are
    /// gathered while input arrives; the files are scanned in parallel at the end and written in path, line order.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "PartnerCredentialUsage", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CredentialUsageFinding))]
    public sealed class FindPartnerCredentialUsageCommand : PartnerSecurityCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        private readonly List<string> _targets = new List<string>();

        /// <summary>Files or folders; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>Files or folders taken as written (Get-ChildItem output binds here by PSPath or FullName).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = null!;

        /// <summary>Scan the subfolders of folders too.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>File name patterns to scan; *.ps1, *.psm1 and *.psd1 by default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Include { get; set; } = (string[])ScriptFiles.DefaultInclude.Clone();

        /// <summary>Files larger than this (in bytes; 64MB works) are not read, each with an error. 32 MB by default.</summary>
        [Parameter]
        [ValidateRange(1, ScanOptions.MaximumFileSizeLimit)]
        public long MaximumFileSize { get; set; } = ScanOptions.DefaultMaximumFileSize;

        /// <summary>
        /// The encoding of scripts that have no byte order mark and are not valid UTF-8, as a name or code page number
        /// (windows-1250, 932): the system's ANSI code page by default, Windows-1252 where there is none.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AnsiEncodingCompleter))]
        public string AnsiEncoding { get; set; } = null!;

        private ScanOptions _options = null!;

        protected override void BeginProcessing()
        {
            _options = new ScanOptions { MaximumFileSize = MaximumFileSize };
            if (AnsiEncoding != null)
            {
                _options.AnsiEncoding = ScanOptions.FindEncoding(AnsiEncoding);
                if (_options.AnsiEncoding == null)
                    ThrowTerminatingError(ErrorRecords.Create("UnknownAnsiEncoding", ErrorKind.InvalidArgument,
                        $"'{AnsiEncoding}' is not an encoding this system knows.", "Give a code page number or name, such as 1252, windows-1250 or shift_jis.", AnsiEncoding));
            }
        }

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            foreach (var path in literal ? LiteralPath : Path)
            {
                if (literal) AddLiteral(path);
                else AddResolved(path);
            }
        }

        private void AddResolved(string path)
        {
            try
            {
                var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (!IsFileSystem(provider, path)) return;
                if (resolved.Count == 0) NotFound(path);
                _targets.AddRange(resolved);
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                NotFound(path);
            }
        }

        private void AddLiteral(string path)
        {
            string resolved;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _);
                if (!IsFileSystem(provider, path)) return;
            }
            catch (Exception ex) when (ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
            {
                NotFound(path);
                return;
            }
            if (File.Exists(resolved) || Directory.Exists(resolved)) _targets.Add(resolved);
            else NotFound(path);
        }

        private bool IsFileSystem(ProviderInfo provider, string path)
        {
            if (string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase)) return true;
            WriteError(ErrorRecords.Create("NotAFileSystemPath", ErrorKind.InvalidArgument,
                $"Cannot scan '{path}': it is a {provider.Name} path, not a file or folder.", "Give the path of a script file or a folder of scripts.", path));
            return false;
        }

        private void NotFound(string path) =>
            WriteError(ErrorRecords.Create("PathNotFound", ErrorKind.ObjectNotFound, $"Cannot find path '{path}' because it does not exist.",
                "Check the path; give a folder with -Recurse to scan every script under it.", path));

        protected override void EndProcessing()
        {
            var problems = new List<ScanProblem>();
            var files = ScriptFiles.Expand(_targets, Recurse, Include, problems.Add,
                skipped => WriteVerbose($"Skipped '{skipped}': its name does not match -Include ({string.Join(", ", Include)})."));
            foreach (var problem in problems) WriteError(ToErrorRecord(problem));
            if (files.Count == 0)
            {
                if (_targets.Count > 0 && problems.Count == 0)
                    WriteWarning($"No file to scan: nothing given matches {string.Join(", ", Include)}{(Recurse ? string.Empty : " (add -Recurse to scan subfolders)")}.");
                return;
            }
            WriteVerbose($"Scanning {files.Count} file(s).");

            Run((pump, ct) =>
            {
                int done = 0, shownPercent = -1;
                foreach (var result in CredentialUsageScanner.ScanFiles(files, _options, 0, ct))
                {
                    if (result.Encoding.Length > 0 && result.Encoding != "utf-8")
                        pump.Verbose($"Read '{result.Path}' as {result.Encoding} ({result.EncodingReason}).");
                    // A file that does not parse: its error, then the findings from the part the parser read (marked).
                    if (result.Problem != null) pump.WriteError(ToErrorRecord(result.Problem));
                    foreach (var finding in result.Findings) pump.WriteObject(finding);
                    done++;
                    int percent = (int)(done * 100L / files.Count);
                    if (percent != shownPercent)
                    {
                        shownPercent = percent;
                        pump.WriteProgress(new ProgressRecord(1, "Find-PartnerCredentialUsage", $"Scanned {done} of {files.Count} files")
                        {
                            PercentComplete = percent,
                            CurrentOperation = result.Path,
                        });
                    }
                }
                pump.WriteProgress(new ProgressRecord(1, "Find-PartnerCredentialUsage", $"Scanned {done} of {files.Count} files")
                {
                    RecordType = ProgressRecordType.Completed,
                });
                return Task.CompletedTask;
            });
        }

        private static ErrorRecord ToErrorRecord(ScanProblem problem) => problem.Kind switch
        {
            ScanProblemKind.ParseError => ErrorRecords.Create("ScriptParseError", ErrorKind.InvalidData, problem.Message,
                $"Fix the syntax error at line {problem.Line} (the PowerShell parser in VS Code shows it) and scan the file again: what follows the error may hold findings not reported yet.",
                problem.Path),
            ScanProblemKind.NotAFile => ErrorRecords.Create("ScriptNotAFile", ErrorKind.InvalidArgument, problem.Message,
                "Scan regular script files; the other files were scanned.", problem.Path),
            ScanProblemKind.TooComplex => ErrorRecords.Create("ScriptTooComplex", ErrorKind.LimitsExceeded, problem.Message,
                "Generated or obfuscated code nests like this: check what the file is, and review it by hand; the other files were scanned.", problem.Path),
            ScanProblemKind.TooLarge => ErrorRecords.Create("ScriptTooLarge", ErrorKind.LimitsExceeded, problem.Message,
                "If it really is a script, scan it alone with a larger -MaximumFileSize (for example -MaximumFileSize 128MB); the other files were scanned.",
                problem.Path),
            ScanProblemKind.NotFound => ErrorRecords.Create("PathNotFound", ErrorKind.ObjectNotFound, problem.Message,
                "Check the path; the file may have been moved or deleted while the scan ran.", problem.Path),
            ScanProblemKind.AccessDenied => ErrorRecords.Create("ScriptAccessDenied", ErrorKind.PermissionDenied, problem.Message,
                "Scan as an account that can read the file or folder.", problem.Path),
            _ => ErrorRecords.Create("ScriptUnreadable", ErrorKind.ResourceUnavailable, problem.Message,
                "Check that the file is not locked or damaged, and scan it again.", problem.Path),
        };
    }
}
