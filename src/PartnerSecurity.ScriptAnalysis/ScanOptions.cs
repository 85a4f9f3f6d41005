using System;
using System.Text;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>How files are read for a scan.</summary>
    public sealed class ScanOptions
    {
        /// <summary>32 MB: far above any hand-written script, and the PowerShell parser needs about 90 bytes of memory per byte of dense code.</summary>
        public const long DefaultMaximumFileSize = 32L * 1024 * 1024;

        /// <summary>The largest limit that can be set: a string of the file's text must fit in memory twice over.</summary>
        public const long MaximumFileSizeLimit = 512L * 1024 * 1024;

        private long _maximumFileSize = DefaultMaximumFileSize;

        /// <summary>Files larger than this are not read; each gives a <see cref="ScanProblemKind.TooLarge"/> problem.</summary>
        public long MaximumFileSize
        {
            get => _maximumFileSize;
            set
            {
                if (value < 1 || value > MaximumFileSizeLimit)
                    throw new ArgumentOutOfRangeException(nameof(value), value, $"The limit must be between 1 byte and {MaximumFileSizeLimit / 1048576} MB.");
                _maximumFileSize = value;
            }
        }

        /// <summary>
        /// The encoding of files that have no byte order mark and are not valid UTF-8 (Windows PowerShell 5.1 reads
        /// them in the system's ANSI code page). Null: the system's ANSI code page, or Windows-1252 where there is none.
        /// </summary>
        public Encoding? AnsiEncoding { get; set; }

        /// <summary>An encoding by name or code page number (windows-1250, 1250, shift_jis); null when this system has none such.</summary>
        public static Encoding? FindEncoding(string nameOrCodePage) => Reading.ScriptEncodings.Find(nameOrCodePage);

        /// <summary>Test seam: called on the worker just before a file's text is parsed.</summary>
        internal Action<string>? BeforeParse { get; set; }

        internal static ScanOptions Default { get; } = new ScanOptions();
    }
}
