using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace PartnerSecurity.Assessment.Report
{
    /// <summary>
    /// The assessment as CSV: one row per user verdict, every tenant (one whose verdicts could not be read gets one row
    /// saying so, never none). Every cell is quoted, and a cell a spreadsheet would read as a formula (it begins with
    /// =, +, -, @, tab or carriage return) is neutralised with a leading apostrophe: tenant text is attacker-controlled.
    /// </summary>
    public static class AssessmentCsv
    {
        private static readonly string[] s_header =
        {
            "TenantId", "TenantName", "IsPartnerTenant", "UserPrincipalName", "DisplayName", "UserType", "AccountEnabled", "IsAdmin",
            "AdminRoles", "Status", "EnforcedBy", "IsMfaRegistered", "Reason", "Remedy",
        };

        public static string Write(AssessmentReport report)
        {
            var text = new StringBuilder();
            Row(text, s_header);
            foreach (var tenant in report.Tenants)
            {
                if (tenant.UsersExposed == null && tenant.Users.Count == 0)
                {
                    var why = tenant.Requirements.FirstOrDefault(r => r.Id == "MfaAllUsers")?.Reason ?? "the verdicts could not be read";
                    Row(text, new[] { tenant.TenantId, tenant.TenantName, Bool(tenant.IsPartnerTenant), "", "", "", "", "", "", "Unknown", "", "", "Verdicts not readable: " + why, "" });
                    continue;
                }
                foreach (var u in tenant.Users)
                    Row(text, new[]
                    {
                        tenant.TenantId, tenant.TenantName, Bool(tenant.IsPartnerTenant), u.UserPrincipalName, u.DisplayName, u.UserType ?? "", Bool(u.AccountEnabled),
                        Bool(u.IsAdmin), u.AdminRoles, u.Status.ToString(), u.EnforcedBy, u.IsMfaRegistered == null ? "" : Bool(u.IsMfaRegistered.Value), u.Reason, u.Remedy ?? "",
                    });
            }
            return text.ToString();
        }

        private static string Bool(bool value) => value ? "True" : "False";

        private static void Row(StringBuilder text, IEnumerable<string> cells)
        {
            text.Append(string.Join(",", cells.Select(Cell)));
            text.Append("\r\n");
        }

        /// <summary>One quoted cell, formula-safe.</summary>
        public static string Cell(string value)
        {
            if (value.Length > 0 && "=+-@\t\r".IndexOf(value[0]) >= 0) value = "'" + value;
            return "\"" + value.Replace("\"", "\"\"") + "\"";
        }
    }
}
