using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace PartnerSecurity.ScriptAnalysis.Reading
{
    /// <summary>
    /// Reads one script file for the scanner: only regular files (a named pipe would block the read for ever, a device
    /// such as /dev/zero would never end), never more than the size limit (checked before reading and again while
    /// reading, since a file can grow or lie about its size), in chunks that stop at once when the scan is cancelled.
    /// </summary>
    internal static class ScriptFileReader
    {
        private const int ChunkSize = 1 << 16;

        /// <summary>The file's text, or the problem that prevents reading it.</summary>
        public static DecodedScript? Read(string path, ScanOptions options, CancellationToken cancellationToken, out ScanProblem? problem)
        {
            problem = null;
            var kind = FileKinds.Of(path, out var size);
            switch (kind)
            {
                case FileKind.Missing:
                    problem = NotFound(path);
                    return null;
                case FileKind.Directory:
                    problem = Folder(path);
                    return null;
                case FileKind.NamedPipe:
                    problem = NotAFile(path, "a named pipe (FIFO)", "reading it would wait for a writer");
                    return null;
                case FileKind.CharacterDevice:
                case FileKind.BlockDevice:
                    problem = NotAFile(path, "a device", "it has no end to read to");
                    return null;
                case FileKind.Socket:
                    problem = NotAFile(path, "a socket", "it has no content to read");
                    return null;
            }
            if (size > options.MaximumFileSize)
            {
                problem = TooLarge(path, size, options.MaximumFileSize);
                return null;
            }

            byte[] buffer;
            int length = 0;
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                long known = size >= 0 ? size : SafeLength(stream);
                // One byte more than the size known, to see the end at once; a chunk when the size is not known.
                buffer = new byte[(int)Math.Min(known > 0 ? known + 1 : ChunkSize, options.MaximumFileSize + 1)];
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (length == buffer.Length)
                    {
                        if (length > options.MaximumFileSize)
                        {
                            problem = TooLarge(path, -1, options.MaximumFileSize);
                            return null;
                        }
                        Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, options.MaximumFileSize + 1));
                    }
                    int read = stream.Read(buffer, length, Math.Min(ChunkSize, buffer.Length - length));
                    if (read == 0) break;
                    length += read;
                }
                if (length > options.MaximumFileSize)
                {
                    problem = TooLarge(path, -1, options.MaximumFileSize);
                    return null;
                }
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException)
            {
                problem = NotFound(path);
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                // .NET reports opening a folder as "access denied": a file replaced by a folder says so instead.
                problem = Directory.Exists(path) ? Folder(path)
                    : new ScanProblem(path, ScanProblemKind.AccessDenied, $"Cannot scan '{path}': access to the file is denied.");
                return null;
            }
            catch (IOException ex)
            {
                problem = Directory.Exists(path) ? Folder(path) : new ScanProblem(path, ScanProblemKind.Unreadable, $"Cannot scan '{path}': {ex.Message}");
                return null;
            }
            return ScriptEncodings.Decode(buffer, length, options.AnsiEncoding);
        }

        private static long SafeLength(FileStream stream)
        {
            try
            {
                return stream.CanSeek ? stream.Length : 0;
            }
            catch (IOException)
            {
                return 0;
            }
        }

        private static ScanProblem NotFound(string path) =>
            new ScanProblem(path, ScanProblemKind.NotFound, $"Cannot scan '{path}': the file does not exist.");

        private static ScanProblem Folder(string path) =>
            new ScanProblem(path, ScanProblemKind.NotAFile, $"Cannot scan '{path}': it is a folder, not a file (it may have been replaced while the scan ran).");

        private static ScanProblem NotAFile(string path, string what, string why) =>
            new ScanProblem(path, ScanProblemKind.NotAFile, $"Cannot scan '{path}': it is {what}, not a regular file, and {why}.");

        private static ScanProblem TooLarge(string path, long size, long limit)
        {
            var actual = size >= 0 ? $"it is {Megabytes(size)}, larger than" : "it is larger than";
            return new ScanProblem(path, ScanProblemKind.TooLarge, $"Cannot scan '{path}': {actual} the {Megabytes(limit)} limit for one script.");
        }

        internal static string Megabytes(long bytes) =>
            (bytes / 1048576.0).ToString(bytes % 1048576 == 0 ? "0" : "0.0", CultureInfo.InvariantCulture) + " MB";
    }
}
