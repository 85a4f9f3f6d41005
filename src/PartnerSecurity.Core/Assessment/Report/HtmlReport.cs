using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using PartnerSecurity.Mfa;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>
    /// The assessment as one self-contained HTML page (no external script, font, style or image: partners open it offline
    /// and mail it): the summary first (per tenant: requirements passed, users exposed, the three most urgent fixes),
    /// inline SVG charts, then each tenant's requirements (gaps first, with evidence, Microsoft's figure beside ours and
    /// the remedy) and a sortable, filterable table of its users. Every value from a tenant goes through
    /// <see cref="HtmlText"/>; a Content-Security-Policy lets only the page's own script (by its hash) run, so even a
    /// missed escape could not run a tenant's script. Prints to PDF with every detail open.
    /// </summary>
    public static class HtmlReport
    {
        private const string Script =
            "document.querySelectorAll('table.sortable th').forEach(function(th){th.tabIndex=0;th.addEventListener('click',function(){" +
            "var t=th.closest('table'),b=t.tBodies[0],i=Array.prototype.indexOf.call(th.parentNode.children,th),d=th.getAttribute('aria-sort')==='ascending'?-1:1;" +
            "t.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort');});th.setAttribute('aria-sort',d===1?'ascending':'descending');" +
            "Array.prototype.slice.call(b.rows).sort(function(x,y){var p=x.cells[i].getAttribute('data-v')||x.cells[i].textContent,q=y.cells[i].getAttribute('data-v')||y.cells[i].textContent," +
            "n=Number(p),m=Number(q);return d*((p!==''&&q!==''&&!isNaN(n)&&!isNaN(m))?n-m:p.localeCompare(q));}).forEach(function(r){b.appendChild(r);});});});" +
            "document.querySelectorAll('input.filter').forEach(function(f){f.addEventListener('input',function(){var q=f.value.toLowerCase(),t=document.getElementById(f.getAttribute('data-table'));" +
            "Array.prototype.slice.call(t.tBodies[0].rows).forEach(function(r){r.hidden=q!==''&&r.textContent.toLowerCase().indexOf(q)<0;});});});" +
            "window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});";

        private const string Style = @"
:root{--ok:#1a7f37;--bad:#c62828;--unk:#b26a00;--na:#6e7781;--line:#d0d7de;--bg:#f6f8fa}
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2328;margin:0 auto;max-width:1180px;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
.meta,.muted{color:#59636e}table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}th{background:var(--bg);font-weight:600}
table.sortable th{cursor:pointer}table.sortable th[aria-sort=ascending]::after{content:' \25B2'}table.sortable th[aria-sort=descending]::after{content:' \25BC'}
.badge{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600;white-space:nowrap}
.st-Passed,.st-Compliant{background:var(--ok)}.st-Failed,.st-NotCompliant{background:var(--bad)}.st-Unknown,.st-Partial{background:var(--unk)}.st-NotApplicable,.st-Exempt{background:var(--na)}
.score{font-size:22px;font-weight:700}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(460px,1fr));gap:12px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px}figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#1f2328}svg text.in{fill:#fff;font-weight:600}svg text.muted{fill:#59636e}
ol.fixes{margin:0;padding-left:18px}input.filter{padding:4px 8px;width:320px;max-width:100%;border:1px solid var(--line);border-radius:4px}
details summary{cursor:pointer;color:#0969da}code{font-size:12px}.warn{color:var(--unk)}
@media print{body{max-width:none;padding:0}input.filter{display:none}h2{break-after:avoid}tr,figure{break-inside:avoid}.badge{border:1px solid #000;color:#000;background:none!important}}
";

        public static string Write(AssessmentReport report)
        {
            var html = new StringBuilder();
            var hash = Convert.ToBase64String(SHA256.Create().ComputeHash(Encoding.UTF8.GetBytes(Script)));
            var partner = report.Partner;
            html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
            html.Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{hash}'\">");
            html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            html.Append($"<title>Partner security assessment{(partner == null ? string.Empty : " \u2013 " + HtmlText.Escape(partner.TenantName))}</title><style>{Style}</style></head><body>\n");
            html.Append("<header><h1>Partner security assessment</h1>");
            html.Append($"<p class=\"meta\">{(partner == null ? "Partner tenant not assessed" : HtmlText.Escape(partner.TenantName))} \u00b7 {report.Tenants.Count} tenant{(report.Tenants.Count == 1 ? "" : "s")} \u00b7 data read {Time(report.GeneratedAt)} \u00b7 PartnerSecurity {HtmlText.Escape(report.ModuleVersion)}</p></header>\n");
            Summary(html, report);
            Charts(html, report);
            int index = 0;
            foreach (var tenant in report.Tenants) Tenant(html, tenant, index++);
            html.Append("<footer class=\"meta\"><p>Statuses, weights and the score are described in docs/assessment.md of the PartnerSecurity module. Microsoft's figures come from its partner security score, which counts sign-ins; ours read the configuration that requires MFA.</p></footer>\n");
            html.Append($"<script>{Script}</script></body></html>\n");
            return html.ToString();
        }

        private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        private static string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        private static string Badge(string status) => $"<span class=\"badge st-{status}\">{status}</span>";

        private static void Summary(StringBuilder html, AssessmentReport report)
        {
            html.Append("<section id=\"summary\"><h2>Summary</h2><table class=\"sortable\" id=\"summary-table\"><thead><tr><th>Tenant</th><th>Score</th><th>Requirements passed</th><th>Users exposed</th><th>Most urgent fixes</th></tr></thead><tbody>\n");
            int index = 0;
            foreach (var t in report.Tenants)
            {
                html.Append($"<tr><td><a href=\"#tenant-{index++}\">{HtmlText.Escape(t.TenantName)}</a>{(t.IsPartnerTenant ? " <span class=\"muted\">(partner)</span>" : "")}</td>");
                html.Append($"<td data-v=\"{N(t.Score)}\"><span class=\"score\">{N(t.Score)}%</span></td>");
                html.Append($"<td data-v=\"{t.Passed}\">{t.Passed} of {t.Passed + t.Failed + t.Unknown}{(t.Unknown > 0 ? $", {t.Unknown} unknown" : "")}</td>");
                html.Append($"<td data-v=\"{(t.UsersExposed?.ToString(CultureInfo.InvariantCulture) ?? "")}\">{(t.UsersExposed == null ? "<span class=\"muted\">unknown</span>" : t.UsersExposed.Value.ToString(CultureInfo.InvariantCulture))}</td><td>");
                if (t.TopFixes.Count == 0) html.Append("<span class=\"muted\">nothing to fix</span>");
                else
                {
                    html.Append("<ol class=\"fixes\">");
                    foreach (var fix in t.TopFixes) html.Append($"<li>{HtmlText.Escape(fix)}</li>");
                    html.Append("</ol>");
                }
                html.Append("</td></tr>\n");
            }
            html.Append("</tbody></table></section>\n");
        }

        private static void Charts(StringBuilder html, AssessmentReport report)
        {
            html.Append("<section id=\"charts\"><h2>At a glance</h2><div class=\"charts\">");
            var verdicts = new[] { MfaStatus.Compliant, MfaStatus.Partial, MfaStatus.NotCompliant, MfaStatus.Exempt };
            html.Append(SvgCharts.Stacked("MFA verdicts of enabled users",
                new[] { new SvgCharts.Segment("Compliant", "#1a7f37"), new SvgCharts.Segment("Partial", "#b26a00"), new SvgCharts.Segment("Not compliant", "#c62828"), new SvgCharts.Segment("Exempt", "#6e7781") },
                report.Tenants.Select(t => (t.TenantName, verdicts.Select(s => t.Users.Count(u => u.AccountEnabled && u.Status == s)).ToArray())).ToList()));
            var mechanisms = new[] { "ConditionalAccess", "SecurityDefaults", "PerUserMfa" };
            html.Append(SvgCharts.Stacked("What enforces MFA (enabled users; the first mechanism)",
                new[] { new SvgCharts.Segment("Conditional access", "#0969da"), new SvgCharts.Segment("Security defaults", "#8250df"), new SvgCharts.Segment("Per-user MFA", "#bf8700"), new SvgCharts.Segment("Nothing", "#c62828") },
                report.Tenants.Select(t =>
                {
                    var enabled = t.Users.Where(u => u.AccountEnabled && u.Status != MfaStatus.Exempt).ToList();
                    var counts = mechanisms.Select(m => enabled.Count(u => First(u.EnforcedBy) == m)).ToList();
                    counts.Add(enabled.Count(u => First(u.EnforcedBy) == null));
                    return (t.TenantName, counts.ToArray());
                }).ToList()));
            html.Append(SvgCharts.Bars("Admins not covered at every sign-in",
                report.Tenants.Select(t => (t.TenantName, t.UsersExposed == null ? (double?)null : t.Users.Count(u => u.AccountEnabled && u.IsAdmin && (u.Status == MfaStatus.NotCompliant || u.Status == MfaStatus.Partial)), "#c62828")).ToList(),
                Math.Max(1, report.Tenants.Select(t => t.Users.Count(u => u.AccountEnabled && u.IsAdmin)).DefaultIfEmpty(1).Max()), ""));
            var partner = report.Partner;
            var scores = new List<(string, double?, string)>();
            if (partner != null)
            {
                scores.Add(("Microsoft's score", partner.MicrosoftScore == null || partner.MicrosoftMaxScore is null or <= 0 ? null : 100 * partner.MicrosoftScore / partner.MicrosoftMaxScore, "#6e7781"));
                scores.Add(("Ours (partner tenant)", partner.Score, "#0969da"));
            }
            foreach (var t in report.Tenants.Where(t => !t.IsPartnerTenant)) scores.Add(("Ours: " + t.TenantName, t.Score, "#54aeff"));
            html.Append(SvgCharts.Bars("Microsoft's partner security score beside ours (%)", scores, 100, "%"));
            html.Append("</div></section>\n");
        }

        private static string? First(string enforcedBy) => enforcedBy.Length == 0 ? null : enforcedBy.Split(';')[0].Trim();

        private static void Tenant(StringBuilder html, TenantAssessment t, int index)
        {
            html.Append($"<section class=\"tenant\" id=\"tenant-{index}\"><h2>{HtmlText.Escape(t.TenantName)}{(t.IsPartnerTenant ? " <span class=\"muted\">(partner tenant)</span>" : "")}</h2>");
            html.Append($"<p><span class=\"score\">{N(t.Score)}%</span> \u00b7 {t.Passed} of {t.Passed + t.Failed + t.Unknown} requirements passed");
            if (t.Unknown > 0) html.Append($", {t.Unknown} unknown");
            if (t.MicrosoftScore != null) html.Append($" \u00b7 Microsoft's score {N(t.MicrosoftScore.Value)} of {N(t.MicrosoftMaxScore ?? 0)}");
            html.Append($" \u00b7 <span class=\"muted\">tenant {HtmlText.Escape(t.TenantId)}, read {Time(t.AssessedAt)}</span></p>\n");
            html.Append("<table class=\"requirements\"><thead><tr><th>Status</th><th>Requirement</th><th>Evidence</th><th>Microsoft</th><th>Ours</th><th>Remedy</th></tr></thead><tbody>\n");
            foreach (var r in t.Requirements)
            {
                html.Append($"<tr class=\"req-{r.Status}\"><td>{Badge(r.Status.ToString())}</td><td>{HtmlText.Escape(r.Requirement)}</td><td>{HtmlText.Escape(r.Evidence)}");
                if (r.Items.Count > 0)
                {
                    html.Append($"<details><summary>{r.Items.Count} item{(r.Items.Count == 1 ? "" : "s")}</summary><ul>");
                    foreach (var item in r.Items) html.Append($"<li>{HtmlText.Escape(item)}</li>");
                    html.Append("</ul></details>");
                }
                html.Append($"</td><td>{HtmlText.Escape(r.Microsoft)}</td><td>{HtmlText.Escape(r.Ours)}</td><td>{HtmlText.Escape(r.Remedy)}</td></tr>\n");
            }
            html.Append("</tbody></table>\n");
            if (t.Warnings.Count > 0)
            {
                html.Append("<ul class=\"warn\">");
                foreach (var w in t.Warnings) html.Append($"<li>{HtmlText.Escape(w)}</li>");
                html.Append("</ul>\n");
            }
            if (t.Users.Count > 0)
            {
                var id = $"users-{index}";
                html.Append($"<h3>Users ({t.Users.Count})</h3><p><input class=\"filter\" type=\"search\" placeholder=\"Filter users\" aria-label=\"Filter users of {HtmlText.Escape(t.TenantName)}\" data-table=\"{id}\"></p>");
                html.Append($"<table class=\"sortable users\" id=\"{id}\"><thead><tr><th>User</th><th>Display name</th><th>Type</th><th>Admin</th><th>Status</th><th>Enforced by</th><th>Registered</th><th>Reason and remedy</th></tr></thead><tbody>\n");
                foreach (var u in t.Users.OrderBy(u => Rank(u.Status)).ThenBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase))
                {
                    html.Append($"<tr><td>{HtmlText.Escape(u.UserPrincipalName)}</td><td>{HtmlText.Escape(u.DisplayName)}</td><td>{HtmlText.Escape(u.UserType)}</td>");
                    html.Append($"<td>{(u.IsAdmin ? "<span title=\"" + HtmlText.Escape(u.AdminRoles) + "\">yes</span>" : "")}</td>");
                    html.Append($"<td data-v=\"{Rank(u.Status)}\">{Badge(u.Status.ToString())}</td><td>{HtmlText.Escape(u.EnforcedBy)}</td>");
                    html.Append($"<td>{(u.IsMfaRegistered == null ? "<span class=\"muted\">unknown</span>" : u.IsMfaRegistered.Value ? "yes" : "no")}</td>");
                    html.Append($"<td>{HtmlText.Escape(u.Reason)}{(u.Remedy == null ? "" : "<br><b>Fix:</b> " + HtmlText.Escape(u.Remedy))}</td></tr>\n");
                }
                html.Append("</tbody></table>\n");
            }
            html.Append("</section>\n");
        }

        private static int Rank(MfaStatus s) => s switch
        {
            MfaStatus.NotCompliant => 0,
            MfaStatus.Partial => 1,
            MfaStatus.Compliant => 2,
            MfaStatus.Exempt => 3,
            _ => 4,
        };
    }
}
