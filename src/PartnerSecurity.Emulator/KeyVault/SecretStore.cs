using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.KeyVault
{
    /// <summary>One version of a secret: its value, content type, attributes and tags, as set.</summary>
    public sealed class SecretVersion
    {
        public string Version { get; set; } = string.Empty;
        public string Value { get; set; } = string.Empty;
        public string? ContentType { get; set; }
        public bool Enabled { get; set; } = true;
        public long? NotBefore { get; set; }
        public long? Expires { get; set; }
        public long Created { get; set; }
        public long Updated { get; set; }
        public JsonObject? Tags { get; set; }
    }

    /// <summary>A secret: its versions in the order they were set, and whether it is soft-deleted.</summary>
    public sealed class StoredSecret
    {
        public string Name { get; set; } = string.Empty;
        public List<SecretVersion> Versions { get; } = new List<SecretVersion>();
        /// <summary>Set when the secret is deleted but recoverable (soft-delete): only recover or purge is allowed.</summary>
        public long? DeletedDate { get; set; }
        public long? ScheduledPurgeDate { get; set; }
        public SecretVersion Latest => Versions[Versions.Count - 1];
    }

    /// <summary>The secrets of one vault. Names compare case-insensitively, as Key Vault's do.</summary>
    public sealed class SecretStore
    {
        private readonly Dictionary<string, StoredSecret> _secrets = new Dictionary<string, StoredSecret>(StringComparer.OrdinalIgnoreCase);

        public object Sync { get; } = new object();

        public StoredSecret? Find(string name) => _secrets.TryGetValue(name, out var s) ? s : null;

        public StoredSecret GetOrAdd(string name)
        {
            if (!_secrets.TryGetValue(name, out var secret)) _secrets[name] = secret = new StoredSecret { Name = name };
            return secret;
        }

        public bool Purge(string name) => _secrets.Remove(name);

        public IEnumerable<StoredSecret> All => _secrets.Values.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }
}
