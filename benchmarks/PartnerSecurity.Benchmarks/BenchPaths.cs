using System.Reflection;

namespace PartnerSecurity.Benchmarks;

/// <summary>Where the built artefacts are: the runner, the module, the baseline module.</summary>
internal static class BenchPaths
{
    private static string Metadata(string key) =>
        typeof(BenchPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot => Metadata("RepoRoot");
    public static string Configuration => Metadata("Configuration");
    public static string Runner => Path.Combine(RepoRoot, "src", "PartnerSecurity.Runner", "bin", Configuration, "net10.0", "partnersecurity-runner.dll");
    public static string ModuleManifest => Path.Combine(RepoRoot, "out", "PartnerSecurity", "PartnerSecurity.psd1");
    public static string SnapshotGenerator => Path.Combine(RepoRoot, "tools", "PartnerSecurity.SnapshotGenerator", "bin", Configuration, "net10.0", "partnersecurity-snapshotgen.dll");
    public static string HelloWorldManifest => Path.Combine(RepoRoot, "benchmarks", "HelloWorldModule", "bin", Configuration, "netstandard2.0", "HelloWorldModule.psd1");
}
