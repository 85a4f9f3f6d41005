using System.Reflection;

namespace PartnerSecurity.Benchmarks;

/// <summary>Where the built artefacts are: real pwsh (the pinned .NET tool), the module, the baseline module.</summary>
internal static class BenchPaths
{
    private static string Metadata(string key) =>
        typeof(BenchPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepoRoot => Metadata("RepoRoot");
    public static string Configuration => Metadata("Configuration");
    /// <summary>pwsh.dll of the PowerShell tool pinned in .config/dotnet-tools.json (`dotnet tool restore` brings it).</summary>
    public static string Pwsh => Path.Combine(Metadata("NuGetPackageRoot"), "powershell", PwshVersion, "tools", "net10.0", "any", OperatingSystem.IsWindows() ? "win" : "unix", "pwsh.dll");
    private static string PwshVersion =>
        (string)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, ".config", "dotnet-tools.json")))!["tools"]!["powershell"]!["version"]!;
    /// <summary>The module of this build's configuration (Directory.Build.props: Release in out/, others in out/&lt;configuration&gt;/).</summary>
    public static string ModuleManifest => Configuration == "Release"
        ? Path.Combine(RepoRoot, "out", "PartnerSecurity", "PartnerSecurity.psd1")
        : Path.Combine(RepoRoot, "out", Configuration, "PartnerSecurity", "PartnerSecurity.psd1");
    public static string SnapshotGenerator => Path.Combine(RepoRoot, "tools", "PartnerSecurity.SnapshotGenerator", "bin", Configuration, "net10.0", "partnersecurity-snapshotgen.dll");
    public static string HelloWorldManifest => Path.Combine(RepoRoot, "benchmarks", "HelloWorldModule", "bin", Configuration, "netstandard2.0", "HelloWorldModule.psd1");
}
