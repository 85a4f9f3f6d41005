using System;
using System.Collections.Generic;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>Why a file could not be scanned.</summary>
    public enum ScanProblemKind
    {
        /// <summary>The file is not valid PowerShell. It was still scanned as far as the parser could read it.</summary>
        ParseError,
        /// <summary>The path does not exist (or vanished while the scan ran).</summary>
        NotFound,
        /// <summary>The file or folder may not be read by this account.</summary>
        AccessDenied,
        /// <summary>Any other read failure (locked file, I/O error), or an analysis that failed.</summary>
        Unreadable,
        /// <summary>The path is not a regular file: a folder (a file replaced by one while the scan ran), a named pipe, a device, a socket.</summary>
        NotAFile,
        /// <summary>The file is larger than the scan's size limit (<see cref="ScanOptions.MaximumFileSize"/>).</summary>
        TooLarge,
        /// <summary>The script nests deeper than the scanner parses (PowerShell's parser refuses it, or its cost explodes).</summary>
        TooComplex,
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

    /// <summary>
    /// The outcome of scanning one file: its findings in line order, the problem that stopped or limited the scan of
    /// it, or both (a file that does not parse is scanned as far as the parser read it: its findings come with the
    /// parse error).
    /// </summary>
    public sealed class ScriptScanResult
    {
        internal ScriptScanResult(string path, IReadOnlyList<CredentialUsageFinding> findings, ScanProblem? problem, string encoding = "", string encodingReason = "")
        {
            Path = path;
            Findings = findings;
            Problem = problem;
            Encoding = encoding;
            EncodingReason = encodingReason;
        }

        public string Path { get; }
        public IReadOnlyList<CredentialUsageFinding> Findings { get; }
        public ScanProblem? Problem { get; }

        /// <summary>The encoding the file was read in (utf-8, utf-16LE, windows-1252...); empty for text not read from a file or a file not read.</summary>
        public string Encoding { get; }

        /// <summary>Why that encoding: a byte order mark, valid UTF-8, the ANSI fallback...</summary>
        public string EncodingReason { get; }

        internal static ScriptScanResult Failed(ScanProblem problem) =>
            new ScriptScanResult(problem.Path, Array.Empty<CredentialUsageFinding>(), problem);
    }
}
