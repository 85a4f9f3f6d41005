using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Tools.Tests.Benchmarks;

/// <summary>
/// The benchmark harness (benchmarks/PartnerSecurity.Benchmarks, docs/benchmarks.md): its JSON lines keep the
/// contract of issue 17, the per-user reference strategy costs what it should next to the module, and the latency
/// model is deterministic for a seed. Counts only: no timed assertion.
/// </summary>
public class BenchmarkHarnessTests
{
    private static readonly string[] s_fields =
        { "scenario", "size", "strategy", "requests", "floorRequests", "wallMs", "floorMs", "peakWorkingSetMB", "liveHeapGrowthMB", "retries" };

    [Fact]
    public void MfaSingleLinesHaveTheContractFieldsAndPerUserCostsMoreRequests()
    {
        var lines = RunHarness("--scenario", "mfa-single", "--users", "120", "--latency", "0", "--jitter", "0");
        Assert.Equal(new[] { "module", "per-user", "cipp-like" }, lines.Select(l => (string)l["strategy"]!).ToArray());
        foreach (var line in lines)
        {
            Assert.Equal(s_fields, line.Select(p => p.Key).ToArray());
            Assert.Equal("mfa-single", (string)line["scenario"]!);
            Assert.Equal(120, (long)line["size"]!);
            Assert.True((long)line["requests"]! > 0);
            Assert.True((long)line["floorRequests"]! > 0);
            Assert.NotNull(line["wallMs"]);
        }
        long module = (long)lines[0]["requests"]!, perUser = (long)lines[1]["requests"]!;
        Assert.True(module <= (long)lines[0]["floorRequests"]! * 11 / 10, $"the module made {module} requests, floor {lines[0]["floorRequests"]}");
        // The per-user strategy reads two things per user after the user list: at least 240 requests on 120 users.
        Assert.True(perUser >= 2 * 120, $"per-user made {perUser} requests");
        Assert.True(perUser > 5 * module, $"per-user {perUser}, module {module}");
    }

    [Fact]
    public void AssessmentLineHasTheContractFieldsAndCountsTheRequests()
    {
        // Three generated customers without latency: the harness itself fails unless all three and the partner come back.
        var line = Assert.Single(RunHarness("--scenario", "assessment", "--customers", "3", "--latency", "0", "--jitter", "0"));
        Assert.Equal(s_fields, line.Select(p => p.Key).ToArray());
        Assert.Equal("assessment", (string)line["scenario"]!);
        Assert.Equal(3, (long)line["size"]!);
        Assert.Equal("module -ThrottleLimit 16", (string)line["strategy"]!);
        // At least a token and a user list for each of the four tenants.
        Assert.True((long)line["requests"]! >= 8, $"the assessment made {line["requests"]} requests");
        Assert.Null(line["floorRequests"]);
        Assert.NotNull(line["wallMs"]);
        Assert.NotNull(line["floorMs"]);
        Assert.NotNull(line["peakWorkingSetMB"]);
        Assert.NotNull(line["liveHeapGrowthMB"]);
        Assert.Equal(0, (long)line["retries"]!);
    }

    [Fact]
    public void LatencyModelIsDeterministicForASeed()
    {
        static double[] Draw(int seed) { var m = new LatencyModel(40, 10, seed); return Enumerable.Range(0, 200).Select(_ => m.Next().TotalMilliseconds).ToArray(); }
        var first = Draw(7);
        Assert.Equal(first, Draw(7));
        Assert.NotEqual(first, Draw(8));
        Assert.All(first, d => Assert.InRange(d, 30, 50));
    }

    [Fact]
    public async Task VirtualLatencyMovesTheClockByTheDrawnDelaysAndCountsRequestsInFlight()
    {
        var emulator = TenantEmulator.FromFile(DemoSnapshot);
        emulator.Clock.Stop();
        var model = new LatencyModel(40, 10, seed: 3, virtualTime: true);
        emulator.Options.Latency = model;
        var before = emulator.Clock.UtcNow;
        using var http = new HttpClient(emulator, disposeHandler: false);
        for (int i = 0; i < 5; i++)
            (await http.GetAsync("https://graph.microsoft.com/v1.0/organization")).Dispose();
        Assert.Equal(5, model.Requests);
        Assert.Equal(1, model.MaxInFlight);
        Assert.Equal(model.TotalMilliseconds, (emulator.Clock.UtcNow - before).TotalMilliseconds, 3);
    }

    private static string DemoSnapshot => Path.Combine(RepoRoot, "src", "PartnerSecurity.Emulator", "Demo", "demo-tenant.json");

    private static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "PartnerSecurity.sln")) && !Directory.Exists(Path.Combine(dir.FullName, ".git"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("No repository root above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The harness of this build's configuration in a process of its own (it hosts PowerShell and the module).</summary>
    private static List<JsonObject> RunHarness(params string[] args)
    {
        var configuration = typeof(BenchmarkHarnessTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var harness = Path.Combine(RepoRoot, "benchmarks", "PartnerSecurity.Benchmarks", "bin", configuration, "net10.0", "partnersecurity-bench.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(harness);
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the harness failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (JsonObject)JsonNode.Parse(l)!).ToList();
    }
}
