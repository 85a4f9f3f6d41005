using System;
using System.Collections.Generic;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>Why a file could not be scanned.</summary>
    public enum ScanProblemKind
    {
        /// <summary>The file is not valid PowerShell.</summary>
        ParseError,
        /// <summary>The path does not exist (or vanished while the scan ran).</summary>
        NotFound,
        /// <summary>The file or folder may not be read by this account.</summary>
        AccessDenied,
        /// <summary>Any other read failure (locked file, I/O error).</summary>
        Unreadable,
    }

    /// <summary>A file or folder that could not be scanned, and why. Messages name the path; they never quote file content.</summary>
    public sealed class ScanProblem
    {
        public ScanProblem(string path, ScanProblemKind kind, string message, int? line = null)
        {
            Path = path;
            Kind = kind;
            Message = message;
            Line = line;
        }

        public string Path { get; }
        public ScanProblemKind Kind { get; }
        public string Message { get; }

        /// <summary>For a parse error: the line of the first error.</summary>
        public int? Line { get; }

        public override string ToString() => Message;
    }

    /// <summary>The outcome of scanning one file: its findings in line order, or the problem that stopped the scan of it.</summary>
    public sealed class ScriptScanResult
    {
        internal ScriptScanResult(string path, IReadOnlyList<CredentialUsageFinding> findings, ScanProblem? problem)
        {
            Path = path;
            Findings = findings;
            Problem = problem;
        }

        public string Path { get; }
        public IReadOnlyList<CredentialUsageFinding> Findings { get; }
        public ScanProblem? Problem { get; }

        internal static ScriptScanResult Failed(ScanProblem problem) =>
            new ScriptScanResult(problem.Path, Array.Empty<CredentialUsageFinding>(), problem);
    }
}
