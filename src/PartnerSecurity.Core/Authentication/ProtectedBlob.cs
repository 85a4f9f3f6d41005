using System;
using System.Collections.Concurrent;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Authentication
{
    /// <summary>Where a session keeps its sign-in: in the process only, or for the user across sessions.</summary>
    public enum ContextScope
    {
        Process,
        CurrentUser,
    }

    /// <summary>How the token cache and the token store may be kept at rest.</summary>
    public sealed class TokenStorageOptions
    {
        /// <summary>Plaintext on disk (file mode 0600) when no protected storage is available; never otherwise.</summary>
        public bool AllowUnencrypted { get; set; }

        /// <summary>The folder holding the cache and store files; defaults to LocalApplicationData/PartnerSecurity.</summary>
        public string? Directory { get; set; }

        public string ResolvedDirectory => Directory ?? DefaultDirectory;

        public static string DefaultDirectory
        {
            get
            {
                var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
                if (string.IsNullOrEmpty(root)) root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
                return Path.Combine(root, "PartnerSecurity");
            }
        }
    }

    /// <summary>How a blob is protected at rest.</summary>
    public enum Protection
    {
        /// <summary>DPAPI (Windows), the Keychain (macOS) or the Secret Service keyring (Linux).</summary>
        Encrypted,
        /// <summary>A file readable only by its owner; chosen only with -AllowUnencryptedTokenCache.</summary>
        PlaintextFile,
        /// <summary>Nothing at rest: this process only.</summary>
        Memory,
    }

    /// <summary>
    /// One named secret blob in the user's protected storage, through Microsoft.Identity.Client.Extensions.Msal:
    /// DPAPI on Windows, the Keychain on macOS, the Secret Service keyring (libsecret) on Linux. When that is
    /// not available it falls back to memory with a warning, or, only when allowed, to a plaintext file with
    /// mode 0600. Used for MSAL's token cache and for the Secure Application Model token store.
    /// </summary>
    internal sealed class ProtectedBlob
    {
        private static readonly ConcurrentDictionary<string, byte[]> s_memory = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<string, bool> s_warned = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        private readonly Storage? _storage;
        private readonly string _memoryKey;

        private ProtectedBlob(string name, StorageCreationProperties? properties, Storage? storage, Protection protection)
        {
            Name = name;
            Properties = properties;
            _storage = storage;
            Protection = protection;
            _memoryKey = name;
        }

        public string Name { get; }
        public Protection Protection { get; }
        public StorageCreationProperties? Properties { get; }
        public string? FilePath => Properties?.CacheFilePath;

        /// <summary>Opens the blob <paramref name="name"/> (a file name such as "sam-tokens.bin"), choosing its protection.</summary>
        public static ProtectedBlob Open(string name, TokenStorageOptions options)
        {
            var directory = options.ResolvedDirectory;
            Exception? failure;
            try
            {
                System.IO.Directory.CreateDirectory(directory);
                var properties = Protected(name, directory);
                var storage = Storage.Create(properties);
                storage.VerifyPersistence();
                return new ProtectedBlob(name, properties, storage, Protection.Encrypted);
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                failure = ex;
            }
            if (options.AllowUnencrypted)
            {
                var properties = new StorageCreationPropertiesBuilder(name, directory).WithUnprotectedFile().Build();
                PrepareOwnerOnlyFile(properties.CacheFilePath);
                if (s_warned.TryAdd("file:" + directory, true))
                    OperationLog.Warning($"Protected storage is not available ({Reason(failure)}): token caches are kept unencrypted in {directory}, in files readable only by you, because -AllowUnencryptedTokenCache was given.");
                return new ProtectedBlob(name, properties, Storage.Create(properties), Protection.PlaintextFile);
            }
            // Once per process, whatever the blob: a runbook that opens the store on every command, and
            // Disconnect-PartnerSecurity -ClearTokenCache opening every cache, warn once.
            if (s_warned.TryAdd("memory", true))
                OperationLog.Warning($"Protected storage is not available ({Reason(failure)}): tokens are kept in memory for this PowerShell process only. "
                    + "On Linux install and unlock a Secret Service keyring (gnome-keyring), or add -AllowUnencryptedTokenCache to keep them in a file readable only by you.");
            return new ProtectedBlob(name, null, null, Protection.Memory);
        }

        /// <summary>The platform's protected storage properties for a blob.</summary>
        internal static StorageCreationProperties Protected(string name, string directory) =>
            new StorageCreationPropertiesBuilder(name, directory)
                .WithLinuxKeyring("com.partnersecurity.tokens", MsalCacheHelper.LinuxKeyRingDefaultCollection, "PartnerSecurity: " + name,
                    new System.Collections.Generic.KeyValuePair<string, string>("application", "PartnerSecurity"),
                    new System.Collections.Generic.KeyValuePair<string, string>("blob", name))
                .WithMacKeyChain("PartnerSecurity", name)
                .Build();

        private static string Reason(Exception? ex)
        {
            if (ex == null) return "unknown reason";
            var message = ex.Message.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries);
            return ex.GetType().Name + (message.Length > 0 ? ": " + message[0] : string.Empty);
        }

        public byte[] Read()
        {
            if (_storage == null) return s_memory.TryGetValue(_memoryKey, out var bytes) ? bytes : Array.Empty<byte>();
            return _storage.ReadData() ?? Array.Empty<byte>();
        }

        public void Write(byte[] data)
        {
            if (_storage == null)
            {
                s_memory[_memoryKey] = data;
                return;
            }
            if (Protection == Protection.PlaintextFile && FilePath != null) PrepareOwnerOnlyFile(FilePath);
            _storage.WriteData(data);
            if (Protection == Protection.PlaintextFile && FilePath != null) RestrictToOwner(FilePath);
        }

        public void Clear()
        {
            if (_storage == null)
            {
                s_memory.TryRemove(_memoryKey, out _);
                return;
            }
            _storage.Clear(ignoreExceptions: true);
        }

        /// <summary>A lock across processes for read-modify-write (a lock file beside the blob).</summary>
        public IDisposable Lock()
        {
            // In memory, the lock is this process's: sessions of one process (ThreadJob, runspace pools) rotate the same tokens.
            if (Properties == null) return new MemoryLock();
            return new CrossPlatLock(Properties.CacheFilePath + ".lockfile", 100, 300);
        }

        private sealed class MemoryLock : IDisposable
        {
            private static readonly object s_gate = new object();

            public MemoryLock() => System.Threading.Monitor.Enter(s_gate);

            public void Dispose() => System.Threading.Monitor.Exit(s_gate);
        }

        /// <summary>Creates the file empty with mode 0600 so no plaintext is ever readable by others.</summary>
        internal static void PrepareOwnerOnlyFile(string path)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path)) using (File.Create(path)) { }
            RestrictToOwner(path);
        }

        internal static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || !File.Exists(path)) return;
            if (chmod(path, Convert.ToUInt32("600", 8)) != 0)
                throw new PartnerSecurityException("TokenCacheUnprotected", ErrorKind.PermissionDenied,
                    $"Could not restrict '{path}' to its owner (chmod failed with errno {Marshal.GetLastWin32Error()}).", "Remove the file and use protected storage, or fix the folder's permissions.");
        }

        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi)]
        private static extern int chmod(string path, uint mode);
    }
}
