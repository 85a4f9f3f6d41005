using System;
using System.Collections.Generic;
using System.Globalization;

namespace PartnerSecurity.SnapshotGenerator
{
    /// <summary>The generator's arguments: a command, then --name value pairs.</summary>
    internal sealed class CommandLine
    {
        private readonly Dictionary<string, string> _options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public CommandLine(IReadOnlyList<string> args)
        {
            if (args.Count == 0) throw new UsageException("No command given.");
            Command = args[0];
            for (int i = 1; i < args.Count; i++)
            {
                var name = args[i];
                if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3) throw new UsageException($"Unexpected argument '{name}'.");
                if (i + 1 >= args.Count) throw new UsageException($"{name} needs a value.");
                if (!_options.TryAdd(name.Substring(2), args[++i])) throw new UsageException($"{name} is given twice.");
            }
        }

        public string Command { get; }

        public string? String(string name)
        {
            _used.Add(name);
            return _options.TryGetValue(name, out var value) ? value : null;
        }

        public string RequiredString(string name) => String(name) ?? throw new UsageException($"--{name} is required.");

        public long? Number(string name)
        {
            var text = String(name);
            if (text == null) return null;
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
                throw new UsageException($"--{name} must be a whole number, not '{text}'.");
            return value;
        }

        /// <summary>Fails on options the command did not ask for (typos should not be ignored).</summary>
        public void RejectUnknown()
        {
            foreach (var name in _options.Keys)
            {
                if (!_used.Contains(name)) throw new UsageException($"Unknown option --{name} for '{Command}'.");
            }
        }
    }

    internal sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }
}
