using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>Inline SVG charts (no script, no external resource): stacked bars per tenant with a legend, and plain bars.</summary>
    internal static class SvgCharts
    {
        private const int LabelWidth = 190;
        private const int BarWidth = 360;
        private const int Row = 22;

        public sealed class Segment
        {
            public Segment(string name, string color) { Name = name; Color = color; }
            public string Name { get; }
            public string Color { get; }
        }

        private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        /// <summary>One stacked bar per row (label, counts per segment), scaled to the row's total.</summary>
        public static string Stacked(string title, IReadOnlyList<Segment> segments, IReadOnlyList<(string Label, int[] Counts)> rows)
        {
            int height = 30 + rows.Count * Row + 26;
            var svg = new StringBuilder();
            svg.Append($"<figure class=\"chart\"><figcaption>{HtmlText.Escape(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{HtmlText.Escape(title)}\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {height}\" width=\"100%\">");
            int y = 8;
            foreach (var (label, counts) in rows)
            {
                int total = counts.Sum();
                svg.Append($"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{HtmlText.Escape(Cut(label))}</text>");
                double x = LabelWidth;
                for (int i = 0; i < counts.Length; i++)
                {
                    if (counts[i] == 0 || total == 0) continue;
                    double w = BarWidth * counts[i] / (double)total;
                    svg.Append($"<rect x=\"{N(x)}\" y=\"{y}\" width=\"{N(w)}\" height=\"{Row - 6}\" fill=\"{segments[i].Color}\"><title>{HtmlText.Escape(segments[i].Name)}: {counts[i]}</title></rect>");
                    if (w >= 18) svg.Append($"<text x=\"{N(x + w / 2)}\" y=\"{y + 12}\" text-anchor=\"middle\" class=\"in\">{counts[i]}</text>");
                    x += w;
                }
                if (total == 0) svg.Append($"<text x=\"{LabelWidth}\" y=\"{y + 14}\" class=\"muted\">not readable</text>");
                y += Row;
            }
            int lx = 8;
            foreach (var segment in segments)
            {
                svg.Append($"<rect x=\"{lx}\" y=\"{y + 6}\" width=\"10\" height=\"10\" fill=\"{segment.Color}\"/><text x=\"{lx + 14}\" y=\"{y + 15}\">{HtmlText.Escape(segment.Name)}</text>");
                lx += 14 + segment.Name.Length * 7 + 14;
            }
            svg.Append("</svg></figure>");
            return svg.ToString();
        }

        /// <summary>One bar per row against a common maximum (percentages when max is 100), with the value at its end.</summary>
        public static string Bars(string title, IReadOnlyList<(string Label, double? Value, string Color)> rows, double max, string unit)
        {
            int height = 16 + rows.Count * Row;
            var svg = new StringBuilder();
            svg.Append($"<figure class=\"chart\"><figcaption>{HtmlText.Escape(title)}</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{HtmlText.Escape(title)}\" viewBox=\"0 0 {LabelWidth + BarWidth + 60} {height}\" width=\"100%\">");
            int y = 8;
            foreach (var (label, value, color) in rows)
            {
                svg.Append($"<text x=\"{LabelWidth - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{HtmlText.Escape(Cut(label))}</text>");
                if (value is double v)
                {
                    double w = max <= 0 ? 0 : BarWidth * Math.Min(v, max) / max;
                    svg.Append($"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{N(Math.Max(w, 1))}\" height=\"{Row - 6}\" fill=\"{color}\"/>");
                    svg.Append($"<text x=\"{N(LabelWidth + Math.Max(w, 1) + 4)}\" y=\"{y + 14}\">{N(v)}{unit}</text>");
                }
                else svg.Append($"<text x=\"{LabelWidth}\" y=\"{y + 14}\" class=\"muted\">not readable</text>");
                y += Row;
            }
            svg.Append("</svg></figure>");
            return svg.ToString();
        }

        private static string Cut(string label) => label.Length > 28 ? label.Substring(0, 27) + "\u2026" : label;
    }
}
