using System;
using System.IO;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>Files of the repository the tests run from (found by walking up to PartnerSecurity.psd1).</summary>
    internal static class RepositoryFiles
    {
        private static readonly Lazy<string> s_root = new Lazy<string>(() =>
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PartnerSecurity.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("The repository root (with PartnerSecurity.psd1) was not found above " + AppContext.BaseDirectory);
        });

        public static string Root => s_root.Value;

        public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

        public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
    }
}
