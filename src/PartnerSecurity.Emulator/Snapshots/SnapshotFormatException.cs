using System;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>A snapshot that cannot be loaded: names the source and the JSON path at fault.</summary>
    public sealed class SnapshotFormatException : Exception
    {
        public SnapshotFormatException(string source, string jsonPath, string problem, Exception? inner = null)
            : base($"Snapshot '{source}' is not valid at {jsonPath}: {problem}", inner)
        {
            SourceName = source;
            JsonPath = jsonPath;
            Problem = problem;
        }

        /// <summary>The file (or name) the snapshot came from.</summary>
        public string SourceName { get; }
        public string JsonPath { get; }
        public string Problem { get; }
    }
}
