using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Mfa;

namespace PartnerSecurity.Assessment
{
    /// <summary>What changed between two assessments, for one requirement, user or tenant.</summary>
    /// <remarks>Based on long so that ConvertTo-Json writes the name (docs/design.md, "Output objects").</remarks>
    public enum AssessmentChangeKind : long
    {
        /// <summary>Now passed (or a user now covered at every sign-in).</summary>
        Fixed,
        /// <summary>Was passed (or covered), is no longer.</summary>
        Regressed,
        /// <summary>Another change of status (to or from Unknown or NotApplicable).</summary>
        Changed,
        /// <summary>A tenant or user only in the later assessment.</summary>
        Added,
        /// <summary>A tenant or user only in the earlier assessment.</summary>
        Removed,
    }

    /// <summary>One difference between an earlier and a later assessment.</summary>
    public sealed class AssessmentChange
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public AssessmentChangeKind Change { get; set; }
        /// <summary>The requirement's title; "User" for a user's MFA verdict, "Tenant" for a tenant added or removed.</summary>
        public string Requirement { get; set; } = string.Empty;
        /// <summary>The requirement's id (MfaAllUsers...), or the user principal name for a user.</summary>
        public string Subject { get; set; } = string.Empty;
        public string? Before { get; set; }
        public string? After { get; set; }
        /// <summary>The later evidence (or the user's reason).</summary>
        public string Detail { get; set; } = string.Empty;

        public override string ToString() => $"{TenantName} {Requirement} {Subject}: {Before ?? "-"} -> {After ?? "-"}";
    }

    /// <summary>
    /// Compares two assessments tenant by tenant (by id), requirement by requirement (by id) and user by user (by user
    /// principal name): regressions first, then fixes, then the rest (pure).
    /// </summary>
    public static class AssessmentComparer
    {
        public static IReadOnlyList<AssessmentChange> Compare(IEnumerable<TenantAssessment> earlier, IEnumerable<TenantAssessment> later)
        {
            var before = earlier.GroupBy(t => t.TenantId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
            var after = later.GroupBy(t => t.TenantId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
            var changes = new List<AssessmentChange>();
            foreach (var id in before.Keys.Union(after.Keys, StringComparer.OrdinalIgnoreCase))
            {
                before.TryGetValue(id, out var b);
                after.TryGetValue(id, out var a);
                var tenant = a ?? b!;
                if (b == null || a == null)
                {
                    changes.Add(new AssessmentChange
                    {
                        TenantId = tenant.TenantId, TenantName = tenant.TenantName, Requirement = "Tenant", Subject = tenant.TenantId,
                        Change = b == null ? AssessmentChangeKind.Added : AssessmentChangeKind.Removed,
                        Before = b == null ? null : $"{b.Score:0.#}%", After = a == null ? null : $"{a.Score:0.#}%",
                        Detail = b == null ? "Assessed only in the later run." : "Assessed only in the earlier run.",
                    });
                    continue;
                }
                var oldRequirements = b.Requirements.ToDictionary(r => r.Id, StringComparer.Ordinal);
                foreach (var r in a.Requirements)
                {
                    oldRequirements.TryGetValue(r.Id, out var old);
                    if (old != null && old.Status == r.Status) continue;
                    changes.Add(new AssessmentChange
                    {
                        TenantId = a.TenantId, TenantName = a.TenantName, Requirement = r.Requirement, Subject = r.Id,
                        Change = old == null ? AssessmentChangeKind.Added : Kind(old.Status == AssessmentStatus.Passed, r.Status == AssessmentStatus.Passed),
                        Before = old?.Status.ToString(), After = r.Status.ToString(), Detail = r.Evidence,
                    });
                }
                var oldUsers = b.Users.GroupBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
                var newUsers = a.Users.GroupBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
                // Users are compared only when both runs could read them: an unreadable run is not every user removed.
                if (b.UsersExposed == null || a.UsersExposed == null) continue;
                foreach (var upn in oldUsers.Keys.Union(newUsers.Keys, StringComparer.OrdinalIgnoreCase).OrderBy(u => u, StringComparer.OrdinalIgnoreCase))
                {
                    oldUsers.TryGetValue(upn, out var ou);
                    newUsers.TryGetValue(upn, out var nu);
                    if (ou != null && nu != null && ou.Status == nu.Status) continue;
                    var user = nu ?? ou!;
                    changes.Add(new AssessmentChange
                    {
                        TenantId = a.TenantId, TenantName = a.TenantName, Requirement = "User", Subject = user.UserPrincipalName,
                        Change = ou == null ? AssessmentChangeKind.Added : nu == null ? AssessmentChangeKind.Removed : Kind(Covered(ou.Status), Covered(nu.Status)),
                        Before = ou?.Status.ToString(), After = nu?.Status.ToString(), Detail = user.Reason,
                    });
                }
            }
            return changes
                .OrderBy(c => c.Change == AssessmentChangeKind.Regressed ? 0 : c.Change == AssessmentChangeKind.Fixed ? 1 : 2)
                .ThenBy(c => c.TenantName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => c.Requirement == "User" ? 1 : 0)
                .ThenBy(c => c.Subject, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        private static bool Covered(MfaStatus status) => status == MfaStatus.Compliant || status == MfaStatus.Exempt || status == MfaStatus.NotApplicable;

        private static AssessmentChangeKind Kind(bool wasGood, bool isGood) =>
            wasGood == isGood ? AssessmentChangeKind.Changed : isGood ? AssessmentChangeKind.Fixed : AssessmentChangeKind.Regressed;
    }
}
