using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>A policy named for removal: the words the user gave and how they match a policy (name or id, wildcards allowed).</summary>
    public sealed class PolicySelector
    {
        public PolicySelector(string text, Func<CaPolicy, bool> matches)
        {
            Text = text;
            Matches = matches;
        }

        public string Text { get; }
        public Func<CaPolicy, bool> Matches { get; }

        /// <summary>Matches a policy whose display name or id equals the text, ignoring case.</summary>
        public static PolicySelector Exact(string text) => new PolicySelector(text, p =>
            string.Equals(p.DisplayName, text, StringComparison.OrdinalIgnoreCase) || string.Equals(p.Id, text, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A change to a tenant's MFA posture that is not made, only evaluated (docs/mfa-coverage-rules.md, "What-if"): policies
    /// deployed enabled (replacing one with the same id), report-only policies enabled, policies removed, security
    /// defaults or per-user MFA switched. <see cref="Apply"/> gives the tenant data as it would be; the evaluator is
    /// unchanged, so Before and After follow the same rules.
    /// </summary>
    public sealed class MfaScenario
    {
        /// <summary>Policies to deploy, as if enabled. One whose id names an existing policy replaces it.</summary>
        public IReadOnlyList<CaPolicy> DeployedPolicies { get; set; } = Array.Empty<CaPolicy>();
        /// <summary>Every report-only policy as if enabled.</summary>
        public bool EnableReportOnly { get; set; }
        public IReadOnlyList<PolicySelector> RemovedPolicies { get; set; } = Array.Empty<PolicySelector>();
        /// <summary>Security defaults on or off; null leaves them as they are (but see <see cref="Apply"/>).</summary>
        public bool? SecurityDefaults { get; set; }
        /// <summary>Per-user MFA states to set, by user id.</summary>
        public IReadOnlyDictionary<string, string> PerUserMfaStates { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        public bool ChangesPolicies => DeployedPolicies.Count > 0 || EnableReportOnly || RemovedPolicies.Count > 0;

        /// <summary>The group ids the deployed policies name (the reader reads their members with the tenant's own).</summary>
        public IEnumerable<string> GroupIds => DeployedPolicies.SelectMany(p => p.IncludeGroups.Concat(p.ExcludeGroups)).Distinct(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The tenant data as it would be. Writes a warning, naming the policy and the field, for each deployed policy that
        /// names a group, user or role the tenant lacks, and for each removal that names no policy. Deploying an enabled
        /// policy where security defaults are on assumes them off, as Microsoft allows only one of the two.
        /// </summary>
        public MfaTenantData Apply(MfaTenantData data, string tenantLabel, ICollection<string> warnings)
        {
            var after = data.Copy();
            var policies = data.Policies.ToList();
            foreach (var selector in RemovedPolicies)
            {
                int removed = policies.RemoveAll(p => selector.Matches(p));
                if (removed == 0) warnings.Add($"Tenant {tenantLabel}: -WhatIfRemovePolicy '{selector.Text}' names no conditional access policy; nothing was removed for it.");
            }
            if (EnableReportOnly) policies = policies.Select(p => p.IsReportOnly ? p.WithState("enabled") : p).ToList();
            int index = 0;
            foreach (var deployed in DeployedPolicies)
            {
                index++;
                var policy = deployed.WithState("enabled");
                if (policy.Id.Length == 0) policy.Id = "what-if-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                else policies.RemoveAll(p => string.Equals(p.Id, policy.Id, StringComparison.OrdinalIgnoreCase));
                policies.Add(policy);
                foreach (var warning in Unknowns(data, policy)) warnings.Add($"Tenant {tenantLabel}: what-if policy '{policy.DisplayName}': {warning}.");
            }
            after.Policies = policies;

            bool anyEnabled = policies.Any(p => p.IsEnabled || p.IsReportOnly);
            if (SecurityDefaults is bool sd) after.SecurityDefaultsEnabled = sd;
            else if (data.SecurityDefaultsEnabled && anyEnabled && ChangesPolicies)
            {
                after.SecurityDefaultsEnabled = false;
                warnings.Add($"Tenant {tenantLabel}: security defaults are on; conditional access policies can be turned on only after they are turned off, so After assumes them off.");
            }
            if (PerUserMfaStates.Count > 0)
            {
                var states = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in data.PerUserMfaStates) states[pair.Key] = pair.Value;
                foreach (var pair in PerUserMfaStates) states[pair.Key] = pair.Value;
                var unreadable = new HashSet<string>(data.PerUserMfaUnreadable, StringComparer.OrdinalIgnoreCase);
                unreadable.ExceptWith(PerUserMfaStates.Keys);
                after.PerUserMfaStates = states;
                after.PerUserMfaUnreadable = unreadable;
            }
            return after;
        }

        private static IEnumerable<string> Unknowns(MfaTenantData data, CaPolicy policy)
        {
            var users = new HashSet<string>(data.Users.Select(u => u.Id), StringComparer.OrdinalIgnoreCase);
            foreach (var (field, ids) in new[] { ("includeUsers", policy.IncludeUsers), ("excludeUsers", policy.ExcludeUsers) })
            {
                foreach (var id in ids.Where(i => Guid.TryParse(i, out _) && !users.Contains(i)))
                    yield return $"conditions.users.{field} names user {id}, which the tenant does not have ({(field[0] == 'i' ? "it includes nobody" : "it excludes nobody")})";
            }
            foreach (var (field, ids) in new[] { ("includeGroups", policy.IncludeGroups), ("excludeGroups", policy.ExcludeGroups) })
            {
                foreach (var id in ids.Where(i => !data.Groups.ContainsKey(i)))
                    yield return $"conditions.users.{field} names group {id}, which the tenant does not have ({(field[0] == 'i' ? "it includes nobody" : "it excludes nobody")})";
            }
            foreach (var (field, ids) in new[] { ("includeRoles", policy.IncludeRoles), ("excludeRoles", policy.ExcludeRoles) })
            {
                foreach (var id in ids.Where(i => data.RoleNames.Count > 0 && !data.RoleNames.ContainsKey(i)))
                    yield return $"conditions.users.{field} names role {id}, which is not a role of the tenant";
            }
        }
    }
}
