namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// The harness's command line: --quick, --scenario NAME, --repeat N, --latency MS, --jitter MS, --seed K, and
/// --users N (mfa-single on one tenant of N users instead of the sizes: for the harness's own test), --customers N
/// (mfa-customers and assessment on N tenants; mfa-customers at every throttle limit), --throttle-limit T (mfa-customers at T only).
/// </summary>
internal sealed record HarnessOptions
{
    public bool Quick { get; init; }
    public string? Scenario { get; init; }
    public int Repeat { get; init; } = 1;
    public double LatencyMs { get; init; } = 40;
    public double JitterMs { get; init; } = 10;
    public int Seed { get; init; } = 1;
    public int? Users { get; init; }
    public int? Customers { get; init; }
    public int? ThrottleLimit { get; init; }

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--scenario" => options with { Scenario = Value() },
                "--repeat" => options with { Repeat = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--latency" => options with { LatencyMs = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--jitter" => options with { JitterMs = double.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--customers" => options with { Customers = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--throttle-limit" => options with { ThrottleLimit = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--users" => options with { Users = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return options;
    }
}
