using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>Which files a scan covers: files given, and the files of folders given (their subfolders with recursion).</summary>
    public static class ScriptFiles
    {
        /// <summary>The file types scanned when -Include is not given.</summary>
        public static readonly string[] DefaultInclude = { "*.ps1", "*.psm1", "*.psd1" };

        /// <summary>How paths compare on this system: case-insensitively on Windows.</summary>
        public static StringComparer PathComparer { get; } =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

        /// <summary>
        /// The files to scan, distinct and sorted by path. Files and folders are full file-system paths; a file counts
        /// when its name matches one of <paramref name="include"/> (wildcards, case-insensitive), whether given itself
        /// or found in a folder. Folders that cannot be listed are reported to <paramref name="problem"/> and skipped;
        /// folder links are not followed (a link loop would never end).
        /// </summary>
        public static List<string> Expand(IEnumerable<string> targets, bool recurse, IEnumerable<string>? include, Action<ScanProblem> problem, Action<string>? skipped = null)
        {
            var patterns = new List<WildcardPattern>();
            foreach (var pattern in include ?? DefaultInclude)
                if (!string.IsNullOrWhiteSpace(pattern)) patterns.Add(new WildcardPattern(pattern.Trim(), WildcardOptions.IgnoreCase));
            if (patterns.Count == 0)
                foreach (var pattern in DefaultInclude) patterns.Add(new WildcardPattern(pattern, WildcardOptions.IgnoreCase));

            var files = new HashSet<string>(PathComparer);
            foreach (var target in targets)
            {
                if (Directory.Exists(target)) AddFolder(target, recurse, patterns, files, problem);
                else if (File.Exists(target))
                {
                    if (Matches(Path.GetFileName(target), patterns)) files.Add(target);
                    else skipped?.Invoke(target);
                }
                else problem(new ScanProblem(target, ScanProblemKind.NotFound, $"Cannot find path '{target}' because it does not exist."));
            }
            var sorted = new List<string>(files);
            sorted.Sort(CompareForOutput);
            return sorted;
        }

        /// <summary>The output order: by path, case-insensitively first so Windows and Linux agree, then exactly.</summary>
        public static int CompareForOutput(string a, string b)
        {
            int c = StringComparer.OrdinalIgnoreCase.Compare(a, b);
            return c != 0 ? c : StringComparer.Ordinal.Compare(a, b);
        }

        private static bool Matches(string name, List<WildcardPattern> patterns)
        {
            foreach (var pattern in patterns)
                if (pattern.IsMatch(name)) return true;
            return false;
        }

        private static void AddFolder(string folder, bool recurse, List<WildcardPattern> patterns, HashSet<string> files, Action<ScanProblem> problem)
        {
            var pending = new Stack<string>();
            pending.Push(folder);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                try
                {
                    foreach (var file in Directory.EnumerateFiles(current))
                        if (Matches(Path.GetFileName(file), patterns)) files.Add(file);
                    if (!recurse) continue;
                    foreach (var child in Directory.EnumerateDirectories(current))
                    {
                        if ((File.GetAttributes(child) & FileAttributes.ReparsePoint) != 0) continue;
                        pending.Push(child);
                    }
                }
                catch (UnauthorizedAccessException)
                {
                    problem(new ScanProblem(current, ScanProblemKind.AccessDenied, $"Cannot scan folder '{current}': access is denied."));
                }
                catch (Exception ex) when (ex is IOException)
                {
                    problem(new ScanProblem(current, ex is DirectoryNotFoundException ? ScanProblemKind.NotFound : ScanProblemKind.Unreadable,
                        $"Cannot scan folder '{current}': {ex.Message}"));
                }
            }
        }
    }
}
