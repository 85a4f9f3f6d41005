using System.Diagnostics;
using PartnerSecurity.Connections;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.Http;

namespace PartnerSecurity.Benchmarks;

/// <summary>Large tenants from the snapshot generator's scale command, and a connection to them as their admin.</summary>
internal static class ScaleTenants
{
    /// <summary>
    /// The scale tenant for these generator arguments, in the temp folder under <paramref name="fileName"/>. Written
    /// again only when the generator was rebuilt since (same arguments, same bytes), as large logs take a while.
    /// </summary>
    public static string Generate(string fileName, params string[] scaleArguments)
    {
        var path = Path.Combine(Path.GetTempPath(), "partnersecurity-bench", fileName);
        if (File.Exists(path) && File.GetLastWriteTimeUtc(path) > File.GetLastWriteTimeUtc(BenchPaths.SnapshotGenerator)) return path;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { BenchPaths.SnapshotGenerator, "scale" }.Concat(scaleArguments).Concat(new[] { "--out", path }))
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("partnersecurity-snapshotgen failed:\n" + output);
        return path;
    }

    /// <summary>Signs in to the emulated home tenant as its first Global Administrator, through the browser flow.</summary>
    public static Task<PartnerConnection> ConnectAsAdminAsync(TenantEmulator emulator, TenantSnapshot snapshot)
    {
        emulator.Options.BrowserUser = (string)emulator.Cloud.Home.FirstGlobalAdministrator()!["id"]!;
        return PartnerConnection.ConnectAsync(new ConnectionRequest
        {
            Mode = ConnectionMode.Interactive,
            TenantId = snapshot.Tenant.Id,
            Transport = emulator,
            Browser = (uri, ct) => emulator.Browser.OpenAsync(uri, ct),
            Clock = () => emulator.Clock.UtcNow,
            // Throttled requests wait on the emulator's clock, as in -Snapshot: the figures measure the module, not Retry-After.
            RetryPolicy = RetryPolicy.Default.WithClock(new RetryClock(() => emulator.Clock.UtcNow, emulator.ClientWaitAsync)),
            EnvironmentLabel = "Benchmark",
        }, CancellationToken.None);
    }
}
