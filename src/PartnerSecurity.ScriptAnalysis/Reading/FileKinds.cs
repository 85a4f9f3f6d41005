using System;
using System.Runtime.InteropServices;

namespace PartnerSecurity.ScriptAnalysis.Reading
{
    /// <summary>What a path names, as far as the scanner must know before opening it.</summary>
    internal enum FileKind
    {
        /// <summary>The type could not be told (Windows, or the runtime's stat is unavailable): open it, with the read bounded.</summary>
        Unknown,
        Regular,
        Directory,
        /// <summary>A named pipe: opening it for reading waits until a writer comes, for ever if none does.</summary>
        NamedPipe,
        /// <summary>A character device (/dev/zero, a terminal): reading it may never end.</summary>
        CharacterDevice,
        BlockDevice,
        Socket,
        Missing,
    }

    /// <summary>
    /// The type and size of a path, links followed (a link to a script is read; a link to /dev/zero is not). On Unix
    /// this asks the .NET runtime's own native shim (libSystem.Native, present in every .NET Core runtime and every
    /// pwsh), whose FileStatus starts with two ints (flags, mode) and keeps the size at offset 16 on every platform it
    /// supports, with the file-type bits normalised to the POSIX values below. Where that is not available (Windows,
    /// .NET Framework) the answer is Unknown, and the caller relies on its bounded read.
    /// </summary>
    internal static class FileKinds
    {
        private const int TypeMask = 0xF000, Fifo = 0x1000, Char = 0x2000, Dir = 0x4000, Block = 0x6000, Reg = 0x8000, Link = 0xA000, Sock = 0xC000;
        private static bool s_unavailable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat(byte[] utf8Path, [Out] byte[] status);

        /// <summary>The kind of <paramref name="path"/> and, for a regular file, its size in bytes (else -1).</summary>
        public static FileKind Of(string path, out long size)
        {
            size = -1;
            if (s_unavailable) return FileKind.Unknown;
            // Larger than any version's FileStatus, so the runtime never writes past it.
            var status = new byte[512];
            int result;
            try
            {
                // The path as the runtime passes it: UTF-8, NUL-terminated (netstandard2.0 has no UTF-8 string marshalling).
                var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
                System.Text.Encoding.UTF8.GetBytes(path, 0, path.Length, bytes, 0);
                result = Stat(bytes, status);
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException || ex is BadImageFormatException)
            {
                s_unavailable = true;
                return FileKind.Unknown;
            }
            if (result != 0) return Marshal.GetLastWin32Error() == 2 /* ENOENT */ ? FileKind.Missing : FileKind.Unknown;
            int mode = BitConverter.ToInt32(status, 4);
            switch (mode & TypeMask)
            {
                case Reg:
                    size = BitConverter.ToInt64(status, 16);
                    return FileKind.Regular;
                case Dir: return FileKind.Directory;
                case Fifo: return FileKind.NamedPipe;
                case Char: return FileKind.CharacterDevice;
                case Block: return FileKind.BlockDevice;
                case Sock: return FileKind.Socket;
                case Link: return FileKind.Unknown; // stat follows links; a link here means a loop the runtime gave up on
                default: return FileKind.Unknown;
            }
        }
    }
}
