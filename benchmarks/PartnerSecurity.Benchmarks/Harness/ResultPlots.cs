using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Benchmarks.Harness;

/// <summary>
/// `partnersecurity-bench plot RESULTS.jsonl OUTDIR`: the harness's own SVG plots (no tool needed to draw or view
/// them; the same lines give the same bytes) and the markdown table of medians for docs/benchmarks.md. Runs of the
/// same scenario, size and strategy are summarised by their median.
/// </summary>
internal static class ResultPlots
{
    private static readonly string[] s_colours = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22" };

    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: partnersecurity-bench plot <results.jsonl> <output folder>");
            return Task.FromResult(2);
        }
        var rows = Medians(File.ReadAllLines(args[0]).Where(l => l.TrimStart().StartsWith('{')).Select(l => (JsonObject)JsonNode.Parse(l)!));
        Directory.CreateDirectory(args[1]);
        var single = rows.Where(r => r.Scenario == "mfa-single").ToList();
        Write(args[1], "mfa-single-requests.svg", Chart("mfa-single: HTTP requests by tenant size", "users", "requests", single,
            r => r.Requests, logX: true, floorOf: null));
        Write(args[1], "mfa-single-wall.svg", Chart("mfa-single: wall time by tenant size (40 ms latency)", "users", "wall time, s", single,
            r => r.WallMs / 1000, logX: true, floorOf: r => r.FloorMs / 1000));
        var customers = rows.Where(r => r.Scenario == "mfa-customers")
            .Select(r => r with { Size = int.Parse(r.Strategy.Split(' ').Last(), CultureInfo.InvariantCulture), Strategy = $"{r.Strategy.Split(" -ThrottleLimit")[0]}, {r.Size} tenants" }).ToList();
        Write(args[1], "mfa-customers-throttle.svg", Chart("mfa-customers: wall time by -ThrottleLimit", "-ThrottleLimit", "wall time, s", customers,
            r => r.WallMs / 1000, logX: true, floorOf: r => r.FloorMs / 1000));
        Console.WriteLine(Table(rows));
        return Task.FromResult(0);
    }

    internal sealed record Row(string Scenario, long Size, string Strategy, double? Requests, double? FloorRequests, double? WallMs, double? FloorMs,
        double? PeakWorkingSetMB, double? LiveHeapGrowthMB, double? Retries, int Runs);

    /// <summary>One row per scenario, size and strategy; scenarios in the order they first appear, then by size.</summary>
    internal static List<Row> Medians(IEnumerable<JsonObject> lines)
    {
        var all = lines.ToList();
        var order = all.Select(l => (string)l["scenario"]!).Distinct().ToList();
        return Grouped(all).OrderBy(r => order.IndexOf(r.Scenario)).ThenBy(r => r.Size).ToList();
    }

    private static List<Row> Grouped(IEnumerable<JsonObject> lines) =>
        lines.GroupBy(l => ((string)l["scenario"]!, (long)l["size"]!, (string)l["strategy"]!))
            .Select(g =>
            {
                double? M(string field)
                {
                    var values = g.Select(l => l[field]).Where(v => v != null).Select(v => v!.GetValue<double>()).ToList();
                    return values.Count == 0 ? null : Measurements.Median(values);
                }
                return new Row(g.Key.Item1, g.Key.Item2, g.Key.Item3, M("requests"), M("floorRequests"), M("wallMs"), M("floorMs"),
                    M("peakWorkingSetMB"), M("liveHeapGrowthMB"), M("retries"), g.Count());
            }).ToList();

    internal static string Table(IEnumerable<Row> rows)
    {
        static string F(double? v, string format = "N0") => v == null ? "–" : v.Value.ToString(format, CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine("| scenario | size | strategy | requests | floor requests | wall ms | floor ms | wall / floor | peak WS MB | live heap growth MB | 429s | runs |");
        text.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine($"| {r.Scenario} | {r.Size.ToString("N0", CultureInfo.InvariantCulture)} | {r.Strategy} | {F(r.Requests)} | {F(r.FloorRequests)} | {F(r.WallMs)} | {F(r.FloorMs)} | " +
                $"{(r.WallMs != null && r.FloorMs is > 0 ? F(r.WallMs / r.FloorMs, "0.0") + "x" : "–")} | {F(r.PeakWorkingSetMB)} | {F(r.LiveHeapGrowthMB, "0.0")} | {F(r.Retries)} | {r.Runs} |");
        return text.ToString();
    }

    private static void Write(string folder, string name, string svg) => File.WriteAllText(Path.Combine(folder, name), svg.Replace("\r\n", "\n"));

    /// <summary>A log-log line chart: one series per strategy, dashed the floor where there is one.</summary>
    internal static string Chart(string title, string xLabel, string yLabel, IReadOnlyList<Row> rows, Func<Row, double?> y, bool logX, Func<Row, double?>? floorOf)
    {
        const int W = 780, H = 400, L = 70, R = 290, T = 40, B = 50;
        var series = rows.GroupBy(r => r.Strategy).Select(g => (Name: g.Key, Points: g.Where(r => y(r) is > 0).OrderBy(r => r.Size).Select(r => ((double)r.Size, y(r)!.Value)).ToList())).ToList();
        if (floorOf != null)
        {
            var floors = rows.GroupBy(r => r.Strategy).Select(g => (Name: "floor: " + g.Key, Points: g.Where(r => floorOf(r) is > 0).OrderBy(r => r.Size).Select(r => ((double)r.Size, floorOf(r)!.Value)).ToList())).ToList();
            series.AddRange(floors.Where(f => f.Points.Count > 0));
        }
        var all = series.SelectMany(s => s.Points).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{W}\" height=\"{H}\" fill=\"white\"/>\n<text x=\"{W / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{Escape(title)}</text>\n");
        if (all.Count == 0) return svg.Append("<text x=\"390\" y=\"200\" text-anchor=\"middle\">no data</text>\n</svg>\n").ToString();
        double x0 = Math.Floor(Math.Log10(all.Min(p => p.Item1))), x1 = Math.Ceiling(Math.Log10(all.Max(p => p.Item1)));
        double y0 = Math.Floor(Math.Log10(all.Min(p => p.Item2))), y1 = Math.Ceiling(Math.Log10(all.Max(p => p.Item2)));
        if (x1 <= x0) x1 = x0 + 1;
        if (y1 <= y0) y1 = y0 + 1;
        double X(double v) => L + (Math.Log10(v) - x0) / (x1 - x0) * (W - L - R);
        double Y(double v) => H - B - (Math.Log10(v) - y0) / (y1 - y0) * (H - T - B);
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{L}\" y=\"{T}\" width=\"{W - L - R}\" height=\"{H - T - B}\" fill=\"none\" stroke=\"#888\"/>\n");
        for (double e = x0; e <= x1; e++)
            svg.Append($"<line x1=\"{N(X(Math.Pow(10, e)))}\" y1=\"{T}\" x2=\"{N(X(Math.Pow(10, e)))}\" y2=\"{H - B}\" stroke=\"#ddd\"/><text x=\"{N(X(Math.Pow(10, e)))}\" y=\"{H - B + 16}\" text-anchor=\"middle\">{Label(Math.Pow(10, e))}</text>\n");
        for (double e = y0; e <= y1; e++)
            svg.Append($"<line x1=\"{L}\" y1=\"{N(Y(Math.Pow(10, e)))}\" x2=\"{W - R}\" y2=\"{N(Y(Math.Pow(10, e)))}\" stroke=\"#ddd\"/><text x=\"{L - 6}\" y=\"{N(Y(Math.Pow(10, e)) + 4)}\" text-anchor=\"end\">{Label(Math.Pow(10, e))}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(W - R + L) / 2}\" y=\"{H - 12}\" text-anchor=\"middle\">{Escape(xLabel)} (log)</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"16\" y=\"{(H - B + T) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(H - B + T) / 2})\">{Escape(yLabel)} (log)</text>\n");
        int colour = 0, legend = 0;
        var colourOf = new Dictionary<string, string>();
        foreach (var (name, points) in series)
        {
            bool floor = name.StartsWith("floor: ", StringComparison.Ordinal);
            var key = floor ? name["floor: ".Length..] : name;
            if (!colourOf.TryGetValue(key, out var stroke)) colourOf[key] = stroke = s_colours[colour++ % s_colours.Length];
            var dash = floor ? " stroke-dasharray=\"5,4\"" : string.Empty;
            svg.Append($"<polyline fill=\"none\" stroke=\"{stroke}\" stroke-width=\"2\"{dash} points=\"{string.Join(" ", points.Select(p => N(X(p.Item1)) + "," + N(Y(p.Item2))))}\"/>\n");
            if (!floor)
                foreach (var p in points) svg.Append($"<circle cx=\"{N(X(p.Item1))}\" cy=\"{N(Y(p.Item2))}\" r=\"3\" fill=\"{stroke}\"/>\n");
            int ly = T + 10 + legend++ * 18;
            svg.Append($"<line x1=\"{W - R + 12}\" y1=\"{ly}\" x2=\"{W - R + 36}\" y2=\"{ly}\" stroke=\"{stroke}\" stroke-width=\"2\"{dash}/><text x=\"{W - R + 42}\" y=\"{ly + 4}\">{Escape(name)}</text>\n");
        }
        return svg.Append("</svg>\n").ToString();
    }

    private static string Label(double v) => v >= 1000 ? (v / 1000).ToString("0.##", CultureInfo.InvariantCulture) + "k" : v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
}
