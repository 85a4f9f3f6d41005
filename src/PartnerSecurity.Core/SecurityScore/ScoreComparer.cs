using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Mfa;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.SecurityScore
{
    /// <summary>
    /// Sets Microsoft's MFA figures (the partner's mfaEnforcedForAdmins requirement, each customer's insight, the
    /// count of compliant customers) beside what our verdicts give for the same measures, and names the users that
    /// explain each difference (pure). Microsoft counts usage (who used MFA at sign-in); the verdicts read
    /// configuration (what requires MFA). So a user a policy covers who never registered a method is ours and not
    /// Microsoft's; a registered user no policy requires MFA of may be Microsoft's and not ours; PIM-eligible admins
    /// and directory synchronization accounts may not be admins in Microsoft's count. The candidates listed are the
    /// users of that kind on the side that counts more.
    /// </summary>
    public static class ScoreComparer
    {
        private const string SyncRole = "Directory Synchronization Accounts";
        private const string Eligible = " (eligible)";

        /// <summary>The rows for the partner's own tenant (requirement mfaEnforcedForAdmins).</summary>
        public static IReadOnlyList<SecurityScoreComparison> Partner(SecurityRequirementStatus admins, TenantTarget tenant, MfaTenantResult? ours, string? failure, DateTimeOffset? refreshed)
        {
            var rows = new Rows(SecurityScoreParser.AdminsMfa, tenant, ours, failure, refreshed);
            var adminsOf = rows.Enabled.Where(v => v.IsAdmin).ToList();
            rows.Count("Admins", admins.TotalAdminsCount, adminsOf.Count,
                higher: adminsOf.Where(v => EligibleOnly(v) || SyncAccount(v)).Select(v => rows.User(v, EligibleOnly(v) ? EligibleReason(v) : SyncReason)),
                lower: Enumerable.Empty<ComparisonUser>());
            var required = adminsOf.Where(v => v.Status == MfaStatus.Compliant).ToList();
            rows.Count("Admins required to use MFA", admins.MfaEnabledAdminsCount, required.Count,
                higher: required.Where(EligibleOnly).Select(v => rows.User(v, EligibleReason(v))),
                lower: adminsOf.Where(v => v.Status == MfaStatus.Partial).Select(v => rows.User(v, PartialReason(v))));
            rows.Count("Admins required but not using MFA", admins.AdminsRequiredNotUsingMfaCount, rows.NotRegistered(required),
                higher: required.Where(v => v.IsMfaRegistered != true).Select(v => rows.User(v, NotRegisteredReason(v))),
                lower: Enumerable.Empty<ComparisonUser>());
            rows.Count("Users", admins.TotalUsersCount, rows.Enabled.Count, Enumerable.Empty<ComparisonUser>(), Enumerable.Empty<ComparisonUser>());
            var requiredUsers = rows.Enabled.Where(v => v.Status == MfaStatus.Compliant).ToList();
            rows.Count("Users required to use MFA", admins.MfaEnabledUsersCount, requiredUsers.Count,
                higher: Enumerable.Empty<ComparisonUser>(),
                lower: rows.Enabled.Where(v => v.Status == MfaStatus.Partial).Select(v => rows.User(v, PartialReason(v))));
            rows.Count("Users required but not using MFA", admins.UsersRequiredNotUsingMfaCount, rows.NotRegistered(requiredUsers),
                higher: requiredUsers.Where(v => v.IsMfaRegistered != true).Select(v => rows.User(v, NotRegisteredReason(v))),
                lower: Enumerable.Empty<ComparisonUser>());
            rows.Policies(admins.SecurityDefaultsStatus, admins.MfaConditionalAccessPolicyStatus, admins.LegacyPerUserMfaStatus);
            return rows.List;
        }

        /// <summary>The rows for one customer (its customer insight, requirement mfaEnforcedForAdminsOfCustomers).</summary>
        public static IReadOnlyList<SecurityScoreComparison> Customer(CustomerMfaInsight insight, TenantTarget tenant, MfaTenantResult? ours, string? failure, DateTimeOffset? refreshed)
        {
            var rows = new Rows(SecurityScoreParser.CustomersMfa, tenant, ours, failure, refreshed);
            var admins = rows.Enabled.Where(v => v.IsAdmin).ToList();
            var others = rows.Enabled.Where(v => !v.IsAdmin).ToList();
            rows.Count("Compliant admins", insight.CompliantAdminsCount, admins.Count(v => v.Status == MfaStatus.Compliant),
                higher: admins.Where(v => v.Status == MfaStatus.Compliant && (v.IsMfaRegistered != true || EligibleOnly(v)))
                    .Select(v => rows.User(v, v.IsMfaRegistered != true ? NotRegisteredReason(v) : EligibleReason(v))),
                lower: admins.Where(v => v.Status != MfaStatus.Compliant && !SyncAccount(v) && v.IsMfaRegistered == true).Select(v => rows.User(v, UsageReason(v))));
            rows.Count("Compliant non-admins", insight.CompliantNonAdminsCount, others.Count(v => v.Status == MfaStatus.Compliant),
                higher: others.Where(v => v.Status == MfaStatus.Compliant && v.IsMfaRegistered != true).Select(v => rows.User(v, NotRegisteredReason(v))),
                lower: others.Where(v => v.Status != MfaStatus.Compliant && v.IsMfaRegistered == true).Select(v => rows.User(v, UsageReason(v)))
                    .Concat(admins.Where(v => v.Status == MfaStatus.Compliant && EligibleOnly(v)).Select(v => rows.User(v, EligibleReason(v)))));
            rows.Count("Users", insight.TotalUsersCount, rows.Enabled.Count, Enumerable.Empty<ComparisonUser>(), Enumerable.Empty<ComparisonUser>());
            rows.Policies(insight.SecurityDefaultsStatus, insight.MfaConditionalAccessPolicyStatus, insight.LegacyPerUserMfaStatus);
            return rows.List;
        }

        /// <summary>
        /// Microsoft's count of compliant customer tenants beside ours: a customer is compliant when every enabled admin
        /// (directory synchronization accounts aside) is Compliant. Tenants whose verdicts could not be read are unknown.
        /// </summary>
        public static SecurityScoreComparison CustomerTenants(SecurityRequirementStatus customers, TenantTarget partner, IReadOnlyList<(TenantTarget Tenant, MfaTenantResult? Ours)> tenants)
        {
            var known = tenants.Where(t => t.Ours != null).ToList();
            var notCompliant = known
                .SelectMany(t => t.Ours!.Verdicts.Where(v => v.AccountEnabled && v.IsAdmin && !SyncAccount(v) && v.Status != MfaStatus.Compliant)
                    .Select(v => (t.Tenant, Verdict: v)))
                .ToList();
            int compliant = known.Count(t => !notCompliant.Any(n => n.Tenant == t.Tenant));
            int unknown = tenants.Count - known.Count;
            var row = new SecurityScoreComparison
            {
                Requirement = SecurityScoreParser.CustomersMfa,
                TenantId = partner.Id,
                TenantName = partner.Name ?? partner.Id,
                Measure = "Compliant customer tenants",
                Microsoft = customers.CompliantTenantCount == null ? null : $"{customers.CompliantTenantCount} of {customers.TotalTenantCount}",
                Ours = $"{compliant} of {tenants.Count}",
            };
            if (customers.CompliantTenantCount is long ms)
            {
                row.Agrees = unknown > 0 ? (bool?)null : ms == compliant;
                if (compliant < ms)
                    row.Users = notCompliant.Select(n => new ComparisonUser
                    {
                        UserPrincipalName = n.Verdict.UserPrincipalName,
                        TenantName = n.Tenant.Name ?? n.Tenant.Id,
                        Status = n.Verdict.Status.ToString(),
                        Reason = $"admin of {n.Tenant.Name ?? n.Tenant.Id}, {n.Verdict.Status}: {n.Verdict.Reason}",
                    }).ToArray();
                if (unknown > 0)
                    row.Note = $"{unknown} customer(s) unknown: the verdicts of {string.Join(", ", tenants.Where(t => t.Ours == null).Select(t => t.Tenant.Name ?? t.Tenant.Id))} could not be read.";
            }
            return row;
        }

        private static bool EligibleOnly(MfaVerdict v) => v.IsAdmin && v.AdminRoles.Length > 0 && v.AdminRoles.All(r => r.EndsWith(Eligible, StringComparison.Ordinal));

        private static bool SyncAccount(MfaVerdict v) =>
            v.Status == MfaStatus.Exempt
            || (v.IsAdmin && v.AdminRoles.Where(r => !r.EndsWith(Eligible, StringComparison.Ordinal)).DefaultIfEmpty(string.Empty).All(r => r == SyncRole));

        private static string EligibleReason(MfaVerdict v) =>
            $"admin only through PIM-eligible roles ({string.Join(", ", v.AdminRoles)}): Microsoft counts active role holders";

        private const string SyncReason = "directory synchronization account: not an admin in Microsoft's count";

        /// <summary>Why a covered user may not count as using MFA: not registered, or registration unknown (no report).</summary>
        private static string NotRegisteredReason(MfaVerdict v)
        {
            var covered = $"{v.Status} ({(v.EnforcedBy.Length == 0 ? "covered" : string.Join(", ", v.EnforcedBy))})";
            return v.IsMfaRegistered == false
                ? covered + " but not MFA-registered: Microsoft cannot have seen MFA in their sign-ins"
                : covered + ", registration unknown (the registration report needs Microsoft Entra ID P1 or P2): if not registered, Microsoft cannot have seen MFA in their sign-ins";
        }

        private static string UsageReason(MfaVerdict v) =>
            $"{v.Status}: {v.Reason}; MFA-registered, so Microsoft's sign-in data may show MFA although no policy requires it at every sign-in";

        private static string PartialReason(MfaVerdict v) =>
            $"Partial: {v.Reason}; a policy requires MFA only under conditions, which Microsoft may count as required";

        /// <summary>The rows of one tenant, built measure by measure.</summary>
        private sealed class Rows
        {
            private readonly string _requirement;
            private readonly TenantTarget _tenant;
            private readonly MfaTenantResult? _ours;
            private readonly string? _failure;
            private readonly DateTimeOffset? _refreshed;

            public Rows(string requirement, TenantTarget tenant, MfaTenantResult? ours, string? failure, DateTimeOffset? refreshed)
            {
                _requirement = requirement;
                _tenant = tenant;
                _ours = ours;
                _failure = failure;
                _refreshed = refreshed;
                Enabled = ours?.Verdicts.Where(v => v.AccountEnabled).ToList() ?? new List<MfaVerdict>();
            }

            public List<SecurityScoreComparison> List { get; } = new List<SecurityScoreComparison>();
            public List<MfaVerdict> Enabled { get; }
            private string TenantName => _tenant.Name ?? _tenant.Id;

            public ComparisonUser User(MfaVerdict v, string reason) =>
                new ComparisonUser { UserPrincipalName = v.UserPrincipalName, TenantName = TenantName, Status = v.Status.ToString(), Reason = reason };

            /// <summary>How many of the users have not registered a method; null when the registration report could not be read.</summary>
            public int? NotRegistered(IReadOnlyCollection<MfaVerdict> users) =>
                users.Any(v => v.IsMfaRegistered == null) ? (int?)null : users.Count(v => v.IsMfaRegistered == false);

            private SecurityScoreComparison Row(string measure, string? microsoft) => new SecurityScoreComparison
            {
                Requirement = _requirement,
                TenantId = _tenant.Id,
                TenantName = TenantName,
                Measure = measure,
                Microsoft = microsoft,
                Note = _ours == null ? $"Our verdicts could not be read ({_failure ?? "no reason given"}); the error written for this tenant says what to do." : microsoft == null ? "Microsoft did not send this figure." : null,
            };

            /// <summary>A count; the users listed are those that can make our side count more (or less) than Microsoft's.</summary>
            public void Count(string measure, long? microsoft, int? ours, IEnumerable<ComparisonUser> higher, IEnumerable<ComparisonUser> lower)
            {
                var row = Row(measure, microsoft?.ToString(CultureInfo.InvariantCulture));
                List.Add(row);
                if (_ours == null) return;
                if (ours == null)
                {
                    row.Note = "The registration report could not be read, so who has registered a method is unknown.";
                    return;
                }
                row.Ours = ours.Value.ToString(CultureInfo.InvariantCulture);
                if (microsoft == null) return;
                row.Agrees = microsoft == ours;
                if (row.Agrees == true) return;
                long gap = Math.Abs(ours.Value - microsoft.Value);
                row.Users = (ours > microsoft ? higher : lower).ToArray();
                row.Note = row.Users.Length == 0
                    ? $"No user in our verdicts explains the difference of {gap}; Microsoft's figures were last refreshed {Refreshed}, and changes since then show only in ours."
                    : row.Users.Length == gap ? null
                    : $"{row.Users.Length} user(s) may explain a difference of {gap}; Microsoft counts from sign-ins, which the verdicts do not read.";
            }

            private string Refreshed => _refreshed == null ? "at an unknown time" : _refreshed.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

            /// <summary>Security defaults, conditional access MFA and per-user MFA: enabled or disabled on each side.</summary>
            public void Policies(string? securityDefaults, string? conditionalAccess, string? perUser)
            {
                var data = _ours?.Data;
                Status("Security defaults", securityDefaults, data?.SecurityDefaultsEnabled, null, null);
                var mfaPolicies = data?.Policies.Where(p => p.State == "enabled" && MfaEvaluator.Shape(p).IsSignInMfa).Select(p => p.DisplayName).ToList();
                Status("Conditional access MFA", conditionalAccess, mfaPolicies == null ? (bool?)null : mfaPolicies.Count > 0,
                    mfaPolicies == null || mfaPolicies.Count == 0 ? "No enabled policy requires MFA at sign-in (report-only policies and those for user actions do not)." : "Enabled MFA policies: " + string.Join(", ", mfaPolicies) + ".",
                    null);
                bool? perUserOn = null;
                string? perUserNote = null;
                var perUserUsers = new List<ComparisonUser>();
                if (data != null)
                {
                    var names = data.Users.ToDictionary(u => u.Id, u => u, StringComparer.OrdinalIgnoreCase);
                    foreach (var pair in data.PerUserMfaStates.Where(p => (p.Value == "enabled" || p.Value == "enforced") && names.TryGetValue(p.Key, out var u) && u.AccountEnabled))
                    {
                        var verdict = Enabled.FirstOrDefault(v => string.Equals(v.UserId, pair.Key, StringComparison.OrdinalIgnoreCase));
                        perUserUsers.Add(new ComparisonUser
                        {
                            UserPrincipalName = names[pair.Key].UserPrincipalName,
                            TenantName = TenantName,
                            Status = verdict?.Status.ToString() ?? string.Empty,
                            Reason = "per-user MFA " + pair.Value,
                        });
                    }
                    perUserOn = perUserUsers.Count > 0 ? true : data.PerUserMfaUnreadable.Count > 0 ? (bool?)null : false;
                    if (perUserOn == null) perUserNote = $"The per-user MFA state of {data.PerUserMfaUnreadable.Count} user(s) could not be read.";
                }
                Status("Per-user MFA", perUser, perUserOn, perUserNote, perUserUsers.OrderBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase).ToArray());
            }

            private void Status(string measure, string? microsoft, bool? ours, string? note, ComparisonUser[]? users)
            {
                var row = Row(measure, microsoft);
                List.Add(row);
                if (_ours == null) return;
                row.Ours = ours == null ? null : ours.Value ? "enabled" : "disabled";
                if (ours == null) { row.Note = note; return; }
                if (microsoft == null) return;
                row.Agrees = string.Equals(microsoft, row.Ours, StringComparison.OrdinalIgnoreCase);
                if (row.Agrees == true) return;
                row.Users = users ?? Array.Empty<ComparisonUser>();
                row.Note = note;
            }
        }
    }
}
