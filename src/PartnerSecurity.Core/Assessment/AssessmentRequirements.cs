using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecurityScore;

namespace PartnerSecurity.Assessment
{
    /// <summary>The requirements of docs/assessment.md, one method each (pure), in the order of the docs.</summary>
    internal static class AssessmentRequirements
    {
        private const string SyncRole = "Directory Synchronization Accounts";

        /// <summary>Enabled users that MFA does not cover at every sign-in (directory synchronization accounts are Exempt by design).</summary>
        public static List<MfaVerdict> Exposed(MfaTenantResult mfa) =>
            mfa.Verdicts.Where(v => v.AccountEnabled && (v.Status == MfaStatus.NotCompliant || v.Status == MfaStatus.Partial)).ToList();

        private static RequirementResult New(string id, string title, int weight) => new RequirementResult { Id = id, Requirement = title, Weight = weight };

        private static RequirementResult Unknown(RequirementResult r, string reason, string? remedy = null)
        {
            r.Status = AssessmentStatus.Unknown;
            r.Reason = reason;
            r.Evidence = "Not readable: " + reason;
            r.Remedy = remedy;
            return r;
        }

        private static RequirementResult NotApplicable(RequirementResult r, string reason)
        {
            r.Status = AssessmentStatus.NotApplicable;
            r.Reason = reason;
            r.Evidence = reason;
            return r;
        }

        private static string Item(MfaVerdict v) => $"{v.UserPrincipalName} ({v.Status}{(v.IsAdmin ? ", admin" : string.Empty)}): {v.Remedy ?? v.Reason}";

        /// <summary>The remedy most users share, and how many others there are.</summary>
        private static string CommonRemedy(IReadOnlyCollection<MfaVerdict> users, string fallback)
        {
            var top = users.Where(v => v.Remedy != null).GroupBy(v => v.Remedy!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
            if (top == null) return fallback;
            return top.Count() == users.Count ? top.Key : $"{top.Key} ({top.Count()} of the {users.Count} users; each user's remedy is in the list)";
        }

        public static RequirementResult MfaAllUsers(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var r = New("MfaAllUsers", "MFA for every user", 3);
            if (!inputs.Tenant.IsHome && inputs.Insight?.Value is CustomerMfaInsight insight)
                r.Microsoft = $"{insight.CompliantAdminsCount + insight.CompliantNonAdminsCount} of {insight.TotalUsersCount} users compliant";
            else if (inputs.Tenant.IsHome && microsoft?.MfaEnabledUsersCount != null)
                r.Microsoft = $"{microsoft.MfaEnabledUsersCount} of {microsoft.TotalUsersCount} users required to use MFA";
            var mfa = inputs.Mfa.Value;
            if (mfa == null) return Unknown(r, inputs.Mfa.Failure!, "Make the tenant readable (the error written for it says how), then assess again.");
            var enabled = mfa.Verdicts.Where(v => v.AccountEnabled).ToList();
            var exposed = Exposed(mfa);
            int compliant = enabled.Count(v => v.Status == MfaStatus.Compliant);
            int inScope = enabled.Count(v => v.Status != MfaStatus.Exempt);
            int guests = enabled.Count(v => string.Equals(v.UserType, "Guest", StringComparison.OrdinalIgnoreCase));
            r.Ours = $"{compliant} of {inScope} users covered at every sign-in";
            string Counted(MfaStatus s) => $"{s} {enabled.Count(v => v.Status == s)}";
            r.Evidence = $"{compliant} of {inScope} enabled users ({guests} guest{(guests == 1 ? string.Empty : "s")}) are challenged for MFA at every sign-in: "
                + string.Join(", ", new[] { MfaStatus.Compliant, MfaStatus.Partial, MfaStatus.NotCompliant, MfaStatus.Exempt }.Select(Counted))
                + $"; {mfa.Verdicts.Count - enabled.Count} disabled account(s) out of scope.";
            if (exposed.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = exposed.Select(Item).ToArray();
            r.Remedy = CommonRemedy(exposed, "Require MFA of the users listed (a conditional access policy for all users, or security defaults).");
            return r;
        }

        public static RequirementResult MfaAdmins(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var partner = inputs.Tenant.IsHome;
            var r = New("MfaAdmins", "MFA for admins, always", 3);
            if (partner && microsoft != null) r.Microsoft = microsoft.Figure;
            else if (!partner && inputs.Insight?.Value is CustomerMfaInsight insight) r.Microsoft = $"{insight.CompliantAdminsCount} compliant admins";
            var mfa = inputs.Mfa.Value;
            if (mfa == null) return Unknown(r, inputs.Mfa.Failure!, "Make the tenant readable (the error written for it says how), then assess again.");
            var admins = mfa.Verdicts.Where(v => v.AccountEnabled && v.IsAdmin && v.Status != MfaStatus.Exempt
                && !v.AdminRoles.All(role => role == SyncRole)).ToList();
            var exposed = admins.Where(v => v.Status != MfaStatus.Compliant).ToList();
            r.Ours = $"{admins.Count - exposed.Count} of {admins.Count} admins covered at every sign-in";
            r.Evidence = $"{admins.Count - exposed.Count} of {admins.Count} enabled admins (active or PIM-eligible roles) are challenged for MFA at every sign-in"
                + (exposed.Count == 0 ? "." : $"; {exposed.Count} are not: {string.Join(", ", exposed.Select(v => v.UserPrincipalName))}.");
            if (partner && microsoft?.AdminsRequiredNotUsingMfaCount != null)
                r.Evidence += $" Microsoft counts from sign-ins: {microsoft.Figure}.";
            if (exposed.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = exposed.Select(Item).ToArray();
            r.Remedy = CommonRemedy(exposed, "Require MFA of every admin at every sign-in (a conditional access policy for directory roles, or security defaults).");
            return r;
        }

        public static RequirementResult MfaMechanism(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var r = New("MfaMechanism", "One MFA mechanism", 2);
            if (inputs.Tenant.IsHome && microsoft?.SecurityDefaultsStatus != null)
                r.Microsoft = $"security defaults {microsoft.SecurityDefaultsStatus}, conditional access MFA {microsoft.MfaConditionalAccessPolicyStatus ?? "not sent"}";
            else if (!inputs.Tenant.IsHome && inputs.Insight?.Value is CustomerMfaInsight insight)
                r.Microsoft = $"security defaults {insight.SecurityDefaultsStatus}, conditional access MFA {insight.MfaConditionalAccessPolicyStatus}";
            var data = inputs.Mfa.Value?.Data;
            if (data == null) return Unknown(r, inputs.Mfa.Failure!, "Make the tenant readable (the error written for it says how), then assess again.");
            var policies = data.Policies.Where(p => p.IsEnabled && MfaEvaluator.Shape(p).IsSignInMfa).Select(p => p.DisplayName).ToList();
            r.Ours = $"security defaults {(data.SecurityDefaultsEnabled ? "enabled" : "disabled")}, conditional access MFA {(policies.Count > 0 ? "enabled" : "disabled")}";
            if (data.SecurityDefaultsEnabled && policies.Count > 0)
            {
                r.Status = AssessmentStatus.Failed;
                r.Evidence = $"Security defaults are enabled and {policies.Count} enabled conditional access polic{(policies.Count == 1 ? "y requires" : "ies require")} MFA: the two exclude each other, so one of them is not doing what its owner believes.";
                r.Items = policies.ToArray();
                r.Remedy = "Choose one: keep the conditional access policies and disable security defaults (Disable-PartnerSecurityDefaults shows who would lose coverage), or remove the policies.";
            }
            else if (data.SecurityDefaultsEnabled)
            {
                r.Status = AssessmentStatus.Passed;
                r.Evidence = "Security defaults are enabled and no conditional access policy requires MFA.";
            }
            else if (policies.Count > 0)
            {
                r.Status = AssessmentStatus.Passed;
                r.Evidence = $"{policies.Count} enabled conditional access polic{(policies.Count == 1 ? "y requires" : "ies require")} MFA; security defaults are disabled.";
                r.Items = policies.ToArray();
            }
            else
            {
                r.Status = AssessmentStatus.Failed;
                r.Evidence = "Neither security defaults nor an enabled conditional access policy requires MFA (per-user MFA and report-only policies are not a mechanism Microsoft counts).";
                r.Remedy = "Enable security defaults (Enable-PartnerSecurityDefaults), or with Entra ID P1 a conditional access policy requiring MFA for all users.";
            }
            return r;
        }

        public static RequirementResult Alerts(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var r = New("AlertResponse", "Alerts answered in 24 h", 1);
            if (inputs.Tenant.IsHome && microsoft != null) r.Microsoft = microsoft.Figure;
            if (inputs.Alerts == null) return NotApplicable(r, "Alerts were not read for this tenant.");
            if (!inputs.Alerts.Succeeded)
                return Unknown(r, inputs.Alerts.Failure!, "Grant the connected account PartnerSecurity.Read.All (README, \"Permissions\"), then assess again.");
            var alerts = inputs.Alerts.Value!;
            if (alerts.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                r.Evidence = inputs.Tenant.IsHome ? "Microsoft lists no security alert for the partner's customers." : "Microsoft lists no security alert for this customer.";
                return r;
            }
            var answered = alerts.Where(a => a.ResponseHours != null).ToList();
            var late = alerts.Where(a => a.ResponseHours is double h ? h > AssessmentBuilder.AlertResponseHours : (inputs.Now - a.DetectedDateTime).TotalHours > AssessmentBuilder.AlertResponseHours).ToList();
            var open = alerts.Where(a => !string.Equals(a.Status, "Resolved", StringComparison.OrdinalIgnoreCase)).ToList();
            double? average = answered.Count == 0 ? (double?)null : Math.Round(answered.Average(a => a.ResponseHours!.Value), 1);
            r.Ours = average == null ? "no alert answered" : string.Format(CultureInfo.InvariantCulture, "Average response {0:0.#} h", average);
            r.Evidence = $"{alerts.Count} alert(s): {answered.Count} answered{(average == null ? string.Empty : string.Format(CultureInfo.InvariantCulture, " (on average after {0:0.#} h)", average))}, {open.Count} not resolved, {late.Count} answered late or not at all after 24 hours.";
            if (late.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = late.Select(a => $"{a.Severity} {a.Status}: {a.DisplayName}" + (inputs.Tenant.IsHome && a.CustomerName.Length > 0 ? $" ({a.CustomerName})" : string.Empty)
                + (a.ResponseHours is double h ? string.Format(CultureInfo.InvariantCulture, ", answered after {0:0.#} h", h) : ", not answered")).ToArray();
            r.Remedy = "Answer every alert within 24 hours: Get-PartnerSecurityAlert -Status Active, investigate, then Update-PartnerSecurityAlert.";
            return r;
        }

        public static RequirementResult SecurityContact(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var r = New("SecurityContact", "Security contact", 1);
            if (!inputs.Tenant.IsHome) return NotApplicable(r, "The security contact is the partner's (Partner Center account settings).");
            if (inputs.Score == null) return NotApplicable(r, "Microsoft's score was not read.");
            if (!inputs.Score.Succeeded) return Unknown(r, inputs.Score.Failure!, "Grant the connected account PartnerSecurity.Read.All, then assess again.");
            if (microsoft == null) return Unknown(r, "Microsoft's score has no securityContactProvided requirement.");
            r.Microsoft = microsoft.Figure;
            r.Evidence = $"Microsoft's score reports the security contact as {microsoft.Figure.ToLowerInvariant()} (Partner Center offers no API to read the contact itself).";
            switch (microsoft.Status)
            {
                case RequirementCompliance.Compliant:
                    r.Status = AssessmentStatus.Passed;
                    break;
                case RequirementCompliance.NotCompliant:
                    r.Status = AssessmentStatus.Failed;
                    r.Remedy = "A global admin sets it in Partner Center: Account settings, Legal info, Security contact (https://aka.ms/partner-center-security-contact).";
                    break;
                default:
                    return Unknown(r, $"Microsoft sent the status '{microsoft.ComplianceStatus}', which this module does not know.");
            }
            return r;
        }

        public static RequirementResult SpendingBudget(AssessmentInputs inputs, SecurityRequirementStatus? microsoft)
        {
            var r = New("SpendingBudget", inputs.Tenant.IsHome ? "Customer spending budgets" : "Spending budget", 1);
            if (inputs.Tenant.IsHome)
            {
                if (inputs.Score == null) return NotApplicable(r, "Microsoft's score was not read.");
                if (!inputs.Score.Succeeded) return Unknown(r, inputs.Score.Failure!, "Grant the connected account PartnerSecurity.Read.All, then assess again.");
                if (microsoft == null) return Unknown(r, "Microsoft's score has no spendingBudgetSetForCustomerAzureSubscriptions requirement.");
                r.Microsoft = microsoft.Figure;
                r.Evidence = $"Microsoft's score: {microsoft.Figure}. Each customer's own budget is in its assessment.";
                if (microsoft.Status == RequirementCompliance.Unknown) return Unknown(r, $"Microsoft sent the status '{microsoft.ComplianceStatus}', which this module does not know.");
                r.Status = microsoft.Status == RequirementCompliance.Compliant ? AssessmentStatus.Passed : AssessmentStatus.Failed;
                if (r.Status == AssessmentStatus.Failed) r.Remedy = "Set a budget for each customer listed as failing this requirement (Set-PartnerCustomerSpendingBudget).";
                return r;
            }
            if (inputs.Budget == null) return NotApplicable(r, "The spending budget was not read for this tenant.");
            if (!inputs.Budget.Succeeded) return Unknown(r, inputs.Budget.Failure!, "Check that the customer is the partner's in Partner Center, then assess again.");
            if (inputs.Budget.Value is decimal amount)
            {
                r.Status = AssessmentStatus.Passed;
                r.Ours = amount.ToString("0.##", CultureInfo.InvariantCulture);
                r.Evidence = $"Partner Center holds a spending budget of {r.Ours} for the customer's Azure consumption.";
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Ours = "none";
            r.Evidence = "Partner Center holds no spending budget for this customer's Azure consumption.";
            r.Remedy = $"Set-PartnerCustomerSpendingBudget -CustomerTenantId {inputs.Tenant.Id} -Amount <monthly amount>.";
            return r;
        }

        public static RequirementResult AppUserMfa(AssessmentInputs inputs)
        {
            var r = New("AppUserMfa", "App+User calls with MFA", 2);
            if (!inputs.Tenant.IsHome) return NotApplicable(r, "Partner Center's MFA adoption concerns the partner's calls.");
            if (inputs.Adoption == null) return NotApplicable(r, "Partner Center's MFA adoption was not read.");
            if (!inputs.Adoption.Succeeded)
                return Unknown(r, inputs.Adoption.Failure!, "Connect as a partner user (App+User) to read Partner Center's MFA adoption, then assess again.");
            var apps = inputs.Adoption.Value!;
            var without = apps.Where(a => !a.AllCallsWithMfa).ToList();
            r.Ours = $"{without.Count} of {apps.Count} integrations calling without MFA";
            r.Evidence = apps.Count == 0 ? "Partner Center recorded no App+User call in the period." : $"{apps.Count - without.Count} of {apps.Count} integrations made every App+User call with MFA.";
            if (without.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = without.Select(a => $"{a.DisplayName}: {a.NonMfaRequests} of {a.TotalRequests} calls without MFA"
                + (a.LastDateWithoutMfa is DateTime d ? $", last {d:yyyy-MM-dd}" : string.Empty)).ToArray();
            r.Remedy = without.Select(a => a.Recommendation).FirstOrDefault(x => x != null)
                ?? "Move each integration listed to the Secure Application Model (New-SecureAppModelToken), whose consent carries MFA.";
            return r;
        }

        public static RequirementResult SamToken(AssessmentInputs inputs)
        {
            var r = New("SamToken", "SAM tokens healthy", 1);
            if (!inputs.Tenant.IsHome) return NotApplicable(r, "Tokens are the partner's.");
            if (inputs.Tokens == null) return NotApplicable(r, "The token store was not read.");
            if (!inputs.Tokens.Succeeded) return Unknown(r, inputs.Tokens.Failure!, "Run Get-SecureAppModelTokenStatus to see why the store cannot be read.");
            var tokens = inputs.Tokens.Value!.Where(t => string.Equals(t.TenantId, inputs.Tenant.Id, StringComparison.OrdinalIgnoreCase)).ToList();
            if (tokens.Count == 0) return NotApplicable(r, "No Secure Application Model token for this tenant is stored on this machine.");
            var unhealthy = tokens.Where(t => t.Warning != null).ToList();
            r.Ours = "days left: " + string.Join(", ", tokens.Select(t => $"{t.Name} {Math.Max(t.DaysLeft, 0)}"));
            r.Evidence = $"{tokens.Count - unhealthy.Count} of {tokens.Count} stored token(s) healthy (at least {SecureAppModel.SecureAppModelTokenStatus.WarningDays} days left before 90 days without use, consent with MFA).";
            if (unhealthy.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = unhealthy.Select(t => $"{t.Name}: {t.Warning}").ToArray();
            r.Remedy = unhealthy[0].Warning;
            return r;
        }

        public static RequirementResult ConnectedAccount(AssessmentInputs inputs)
        {
            var r = New("ConnectedAccountMfa", "MFA claim of the connection", 1);
            if (!inputs.Tenant.IsHome) return NotApplicable(r, "The connected account signs in to the partner tenant.");
            if (inputs.ConnectedToken == null) return NotApplicable(r, "The connection's token was not read.");
            if (!inputs.ConnectedToken.Succeeded) return Unknown(r, inputs.ConnectedToken.Failure!, "Connect again (Connect-PartnerSecurity), then assess again.");
            var test = inputs.ConnectedToken.Value!;
            r.Ours = test.AuthenticationMethods.Count == 0 ? "amr: none" : "amr: " + test.AuthenticationMethods;
            r.Evidence = $"{test.Account}: {test.Detail}";
            if (test.Passed)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            if (test.AuthenticationMethods.Count == 0 && test.Detail.StartsWith("This is an app-only token", StringComparison.Ordinal))
                return NotApplicable(r, "Connected with an application (app-only): Microsoft's test concerns user sign-ins.");
            r.Status = AssessmentStatus.Failed;
            r.Remedy = test.Detail;
            return r;
        }

        public static RequirementResult LegacyAuth(AssessmentInputs inputs)
        {
            var r = New("LegacyAuthentication", "No legacy authentication", 2);
            if (inputs.LegacyAuth == null) return NotApplicable(r, "Sign-in logs were not read: add -IncludeSignIns.");
            if (!inputs.LegacyAuth.Succeeded) return Unknown(r, inputs.LegacyAuth.Failure!, "Sign-in logs need Microsoft Entra ID P1 or P2 and AuditLog.Read.All.");
            var rows = inputs.LegacyAuth.Value!;
            var succeeded = rows.Where(u => u.SuccessCount > 0).ToList();
            int days = (int)Math.Round(inputs.LegacyAuthWindow.TotalDays);
            r.Ours = $"{succeeded.Select(u => u.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count()} user(s) signed in with legacy clients";
            r.Evidence = $"In the last {days} days: {rows.Sum(u => u.SignInCount)} legacy-authentication sign-in(s) by {rows.Select(u => u.UserPrincipalName).Distinct(StringComparer.OrdinalIgnoreCase).Count()} user(s), {rows.Sum(u => u.SuccessCount)} succeeded.";
            if (succeeded.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = succeeded.Select(u => $"{u.UserPrincipalName} via {u.ClientAppUsed}: {u.SuccessCount} successful, last {u.LastSeen.UtcDateTime:yyyy-MM-dd}").ToArray();
            r.Remedy = "Move the clients listed to modern authentication, then block legacy authentication with a conditional access policy (security defaults block it too).";
            return r;
        }

        public static RequirementResult SingleFactor(AssessmentInputs inputs)
        {
            var r = New("SingleFactorSignIns", "No single-factor sign-ins", 2);
            if (inputs.SingleFactor == null) return NotApplicable(r, "Sign-in logs were not read: add -IncludeSignIns.");
            if (!inputs.SingleFactor.Succeeded) return Unknown(r, inputs.SingleFactor.Failure!, "Sign-in logs need Microsoft Entra ID P1 or P2 and AuditLog.Read.All.");
            var signIns = inputs.SingleFactor.Value!;
            var byUser = signIns.GroupBy(s => s.UserPrincipalName, StringComparer.OrdinalIgnoreCase).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ToList();
            int days = (int)Math.Round(inputs.SingleFactorWindow.TotalDays);
            r.Ours = $"{signIns.Count} single-factor sign-in(s) by {byUser.Count} user(s)";
            r.Evidence = $"In the last {days} days: {signIns.Count} successful interactive sign-in(s) with a single factor, by {byUser.Count} user(s).";
            if (signIns.Count == 0)
            {
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = byUser.Select(g => $"{g.Key}: {g.Count()} sign-in(s), last {g.Max(s => s.CreatedDateTime).UtcDateTime:yyyy-MM-dd}").ToArray();
            r.Remedy = "Cover the users listed at every sign-in (see their MFA verdicts); Get-PartnerUserSignActivity -SingleFactorOnly shows each sign-in.";
            return r;
        }

        public static RequirementResult Scripts(AssessmentInputs inputs)
        {
            var r = New("CredentialAutomation", "No credential scripts", 2);
            if (!inputs.Tenant.IsHome) return NotApplicable(r, "Scripts are scanned for the partner tenant.");
            if (inputs.Scripts == null) return NotApplicable(r, "No scripts were scanned: add -ScriptPath.");
            if (!inputs.Scripts.Succeeded) return Unknown(r, inputs.Scripts.Failure!, "Fix what the scanner's errors name, then assess again.");
            var findings = inputs.Scripts.Value!.Findings;
            var problems = inputs.Scripts.Value!.Problems;
            int files = findings.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count();
            r.Ours = $"{findings.Count} finding(s) in {files} script(s)";
            r.Evidence = (findings.Count == 0 ? "The scanner found no credential-based sign-in in the scripts given." : $"The scanner found {findings.Count} credential-based sign-in(s) or credential(s) in {files} script(s).")
                + (problems.Count == 0 ? string.Empty : $" {problems.Count} file(s) could not be scanned whole.");
            var notScanned = problems.Select(p => "Not scanned whole: " + p);
            if (findings.Count == 0)
            {
                if (problems.Count > 0)
                {
                    Unknown(r, $"{problems.Count} file(s) could not be scanned whole: {string.Join("; ", problems)}", "Fix what the scanner's errors name, then assess again.");
                    r.Items = problems.ToArray();
                    return r;
                }
                r.Status = AssessmentStatus.Passed;
                return r;
            }
            r.Status = AssessmentStatus.Failed;
            r.Items = findings.Select(f => $"{f.Path}:{f.Line} {f.Severity} {f.Kind}: {f.Recommendation}").Concat(notScanned).ToArray();
            r.Remedy = "Replace each finding as its recommendation says (docs/migrating-to-sam.md); Find-PartnerCredentialUsage lists them with snippets.";
            return r;
        }
    }
}
