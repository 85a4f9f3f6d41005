using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// Evaluates a tenant as it is and as a <see cref="MfaScenario"/> would leave it: one verdict per user describing the
    /// state after, carrying <see cref="MfaVerdict.Before"/> and <see cref="MfaVerdict.After"/>. The same machinery
    /// answers Get-PartnerMfaStatus -WhatIfPolicy, "who loses coverage without security defaults" and "who loses coverage
    /// without per-user MFA".
    /// </summary>
    public static class MfaWhatIf
    {
        public static IReadOnlyList<MfaVerdict> Compare(MfaTenantData before, MfaScenario scenario, string tenantLabel, ICollection<string> warnings,
            Func<MfaUser, bool>? scope = null)
        {
            var after = scenario.Apply(before, tenantLabel, warnings);
            var was = MfaEvaluator.Evaluate(before, scope).ToDictionary(v => v.UserId, StringComparer.OrdinalIgnoreCase);
            var verdicts = MfaEvaluator.Evaluate(after, scope);
            foreach (var verdict in verdicts)
            {
                verdict.After = verdict.Status;
                verdict.Before = was.TryGetValue(verdict.UserId, out var old) ? old.Status : (MfaStatus?)null;
            }
            return verdicts;
        }

        /// <summary>Users Compliant before and not after: they would lose their coverage.</summary>
        public static bool LosesCoverage(MfaVerdict verdict) =>
            verdict.AccountEnabled && verdict.Before == MfaStatus.Compliant && verdict.After != MfaStatus.Compliant;
    }
}
