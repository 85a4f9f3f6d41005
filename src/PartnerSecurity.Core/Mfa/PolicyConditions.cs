using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// The conditions and grant of a policy, written once for both questions asked of them
    /// (docs/mfa-coverage-rules.md, "Conditions" and "Grant"): what narrows the policy, for any sign-in (the evaluator:
    /// a policy nothing narrows covers Always), and whether it applies to and demands MFA at one concrete sign-in
    /// (the tenant emulator's token endpoint).
    /// </summary>
    public static class PolicyConditions
    {
        private static readonly string[] s_legacyClients = { "exchangeActiveSync", "easSupported", "other" };
        private static readonly string[] s_alternativeOrder = { "compliantDevice", "domainJoinedDevice", "approvedApplication", "compliantApplication" };
        private const int RuleShown = 80;

        /// <summary>One condition: what it narrows (null when it narrows nothing) and whether a sign-in meets it.</summary>
        internal readonly struct Condition
        {
            public Condition(string? narrowing, Func<SignInFacts, bool> matches)
            {
                Narrowing = narrowing;
                Matches = matches;
            }

            public string? Narrowing { get; }
            public Func<SignInFacts, bool> Matches { get; }
        }

        /// <summary>One way to satisfy the grant: whether it is MFA, and whether a sign-in can meet it without MFA.</summary>
        internal readonly struct GrantOption
        {
            public GrantOption(string name, bool isMfa, bool uncertain, Func<SignInFacts, bool> metWithoutMfa)
            {
                Name = name;
                IsMfa = isMfa;
                Uncertain = uncertain;
                MetWithoutMfa = metWithoutMfa;
            }

            public string Name { get; }
            public bool IsMfa { get; }
            /// <summary>An authentication strength whose combinations are not known: counted as MFA, named as a narrowing.</summary>
            public bool Uncertain { get; }
            public Func<SignInFacts, bool> MetWithoutMfa { get; }
        }

        public static bool IsLegacyClient(string clientAppType) => s_legacyClients.Contains(clientAppType, StringComparer.OrdinalIgnoreCase);

        internal static bool AllClients(IReadOnlyList<string> clients) =>
            Has(clients, "all") || (Has(clients, "browser") && Has(clients, "mobileAppsAndDesktopClients"));

        /// <summary>Every condition of the policy but the users (see <see cref="PolicyTargeting"/>).</summary>
        internal static IEnumerable<Condition> Conditions(CaPolicy policy, ApplicationNames names)
        {
            var include = policy.IncludeApplications;
            var exclude = policy.ExcludeApplications;
            string? apps = !Has(include, ApplicationNames.All) ? "specific applications: " + names.Names(include)
                : exclude.Count > 0 ? "excludes applications: " + names.Names(exclude) : null;
            yield return new Condition(apps, f =>
                (Has(include, ApplicationNames.All) || f.ApplicationIds.Any(a => ApplicationNames.Names(include, a)))
                && !f.ApplicationIds.Any(a => ApplicationNames.Names(exclude, a)));

            if (policy.ApplicationFilter is CaFilter appFilter)
                yield return new Condition($"application filter ({appFilter.Mode} {Rule(appFilter.Rule)})",
                    f => appFilter.Includes ? f.ApplicationFilterMatches : !f.ApplicationFilterMatches);

            var clients = policy.ClientAppTypes;
            yield return new Condition(AllClients(clients) ? null : "client apps: " + string.Join(", ", clients.Where(c => !IsLegacyClient(c))),
                f => Has(clients, "all") || Has(clients, f.ClientAppType));

            if (policy.Locations is CaInclusion locations)
            {
                var narrowing = new List<string>();
                if (!Has(locations.Include, "All")) narrowing.Add("specific locations");
                if (locations.Exclude.Count > 0) narrowing.Add("excludes locations");
                yield return new Condition(narrowing.Count == 0 ? null : string.Join("; ", narrowing),
                    f => InLocations(locations.Include, f, all: true) && !InLocations(locations.Exclude, f, all: false));
            }
            if (policy.Platforms is CaInclusion platforms)
            {
                var narrowing = new List<string>();
                if (!Has(platforms.Include, "all")) narrowing.Add("specific platforms");
                if (platforms.Exclude.Count > 0) narrowing.Add("excludes platforms");
                yield return new Condition(narrowing.Count == 0 ? null : string.Join("; ", narrowing),
                    f => (Has(platforms.Include, "all") || (f.Platform != null && Has(platforms.Include, f.Platform)))
                        && !(f.Platform != null && Has(platforms.Exclude, f.Platform)));
            }
            if (policy.SignInRiskLevels.Count > 0) yield return new Condition("risk-based (sign-in risk)", f => Has(policy.SignInRiskLevels, f.SignInRisk));
            if (policy.UserRiskLevels.Count > 0) yield return new Condition("risk-based (user risk)", f => Has(policy.UserRiskLevels, f.UserRisk));
            // Service principal, insider and agent identity risk never describe a person's ordinary sign-in.
            if (policy.ServicePrincipalRiskLevels.Count > 0) yield return new Condition("risk-based (service principal risk)", _ => false);
            if (policy.InsiderRiskLevels != null) yield return new Condition("risk-based (insider risk)", _ => false);
            if (policy.AgentIdRiskLevels.Count > 0) yield return new Condition("risk-based (agent identity risk)", _ => false);
            if (policy.DeviceFilter is CaFilter deviceFilter)
                yield return new Condition("device filter", f => deviceFilter.Includes ? f.DeviceFilterMatches : !f.DeviceFilterMatches);
            if (policy.DeviceStates is CaInclusion states)
            {
                string? narrowing = !Has(states.Include, "All") ? "device state: only " + string.Join(", ", states.Include)
                    : states.Exclude.Count > 0 ? "device state: excludes " + string.Join(", ", states.Exclude) : null;
                yield return new Condition(narrowing, f => Has(states.Include, "All") && !DeviceStateExcluded(states.Exclude, f));
            }
            if (policy.AuthenticationFlows is string flows)
                yield return new Condition("authentication flows: " + flows,
                    f => f.TransferMethod != null && flows.Split(',').Any(m => string.Equals(m.Trim(), f.TransferMethod, StringComparison.OrdinalIgnoreCase)));
            // A condition we do not know could exclude any sign-in: conditional, never Always; the emulator does not apply it.
            foreach (var field in policy.UnknownConditions)
                yield return new Condition("unknown condition: " + field, _ => false);
        }

        /// <summary>The ways to satisfy the grant (block and MFA-less grants are handled by the caller).</summary>
        internal static List<GrantOption> GrantOptions(CaPolicy policy, StrengthVerdict? strength)
        {
            var options = new List<GrantOption>();
            foreach (var control in policy.BuiltInControls
                .OrderBy(c => Array.FindIndex(s_alternativeOrder, a => string.Equals(a, c, StringComparison.OrdinalIgnoreCase)) is var i && i >= 0 ? i : s_alternativeOrder.Length))
            {
                if (string.Equals(control, "mfa", StringComparison.OrdinalIgnoreCase)) options.Add(new GrantOption("mfa", true, false, _ => false));
                else options.Add(new GrantOption(control, false, false, f => MetByDevice(control, f)));
            }
            foreach (var factor in policy.CustomAuthenticationFactors) options.Add(new GrantOption(factor, true, false, _ => false));
            if (strength != null)
            {
                var name = AuthenticationStrengths.Name(strength.Strength);
                if (strength.AllMultifactor == true) options.Add(new GrantOption($"authentication strength '{name}'", true, false, _ => false));
                else if (strength.AllMultifactor == null) options.Add(new GrantOption($"authentication strength '{name}'", true, true, _ => false));
                else options.Add(new GrantOption($"authentication strength '{name}' allows single-factor sign-in ({string.Join("; ", strength.SingleFactorCombinations)})", false, false, _ => true));
            }
            if (policy.TermsOfUse.Count > 0) options.Add(new GrantOption("terms of use", false, false, f => f.CanAcceptTermsOfUse));
            return options;
        }

        /// <summary>Whether the grant forces MFA at this sign-in: under AND when some required control is MFA, under OR when no other way in is open.</summary>
        internal static bool DemandsMfa(CaPolicy policy, List<GrantOption> options, SignInFacts facts)
        {
            if (!options.Any(o => o.IsMfa)) return false;
            if (string.Equals(policy.GrantOperator, "AND", StringComparison.OrdinalIgnoreCase)) return true;
            return options.Where(o => !o.IsMfa).All(o => !o.MetWithoutMfa(facts));
        }

        /// <summary>
        /// Whether the policy applies to this sign-in of a user it targets and demands MFA the sign-in did not carry:
        /// the policy must be a sign-in MFA policy (<see cref="MfaEvaluator.Shape(CaPolicy)"/>), every condition met,
        /// and no non-MFA way through the grant open to this sign-in.
        /// </summary>
        public static bool DemandsMfaAt(CaPolicy policy, SignInFacts facts)
        {
            var shape = MfaEvaluator.Shape(policy);
            if (!shape.IsSignInMfa) return false;
            if (!Conditions(policy, ApplicationNames.Default).All(c => c.Matches(facts))) return false;
            var strength = policy.AuthenticationStrength == null ? null : AuthenticationStrengths.Evaluate(policy.AuthenticationStrength);
            return DemandsMfa(policy, GrantOptions(policy, strength), facts);
        }

        private static bool MetByDevice(string control, SignInFacts f) => control.ToLowerInvariant() switch
        {
            "compliantdevice" => f.DeviceCompliant,
            "domainjoineddevice" => f.DeviceDomainJoined,
            "approvedapplication" => f.ApprovedClientApp,
            "compliantapplication" => f.CompliantClientApp,
            // passwordChange and controls we do not know: the person can get through them without MFA.
            _ => true,
        };

        private static bool InLocations(IReadOnlyList<string> list, SignInFacts f, bool all) =>
            (all && Has(list, "All")) || (Has(list, "AllTrusted") && f.FromTrustedLocation) || f.NamedLocationIds.Any(id => Has(list, id));

        private static bool DeviceStateExcluded(IReadOnlyList<string> excluded, SignInFacts f) =>
            (f.DeviceCompliant && Has(excluded, "Compliant")) || (f.DeviceDomainJoined && Has(excluded, "DomainJoined"));

        private static string Rule(string rule) => rule.Length <= RuleShown ? rule : rule.Substring(0, RuleShown - 1) + "…";

        internal static bool Has(IReadOnlyList<string> values, string value) => values.Contains(value, StringComparer.OrdinalIgnoreCase);
    }
}
