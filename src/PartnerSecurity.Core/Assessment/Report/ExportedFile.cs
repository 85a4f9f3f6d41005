namespace PartnerSecurity.Assessment.Report
{
    /// <summary>A file an export wrote (-PassThru): where, in what format, how large, of how many tenants.</summary>
    public sealed class ExportedFile
    {
        public string Path { get; set; } = string.Empty;
        /// <summary>Html, Json, Csv or Snapshot.</summary>
        public string Format { get; set; } = string.Empty;
        public long Length { get; set; }
        public int Tenants { get; set; }

        public override string ToString() => Path;
    }
}
