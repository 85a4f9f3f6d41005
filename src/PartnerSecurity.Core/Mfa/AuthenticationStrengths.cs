using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>What an authentication strength guarantees: every allowed combination multifactor, some, none, or unknown.</summary>
    public sealed class StrengthVerdict
    {
        public StrengthVerdict(CaAuthenticationStrength strength, bool? allMultifactor, IReadOnlyList<string> singleFactor)
        {
            Strength = strength;
            AllMultifactor = allMultifactor;
            SingleFactorCombinations = singleFactor;
        }

        public CaAuthenticationStrength Strength { get; }
        /// <summary>True: satisfies MFA. False: some combination is single-factor. Null: the combinations are not known.</summary>
        public bool? AllMultifactor { get; }
        public IReadOnlyList<string> SingleFactorCombinations { get; }
        /// <summary>No combination at all is multifactor: the strength never asks for MFA.</summary>
        public bool NoneMultifactor { get; internal set; }
    }

    /// <summary>
    /// Whether an authentication strength satisfies MFA (docs/mfa-coverage-rules.md, "Authentication strengths"): only
    /// when every combination it allows is multifactor. A combination of two or more methods is multifactor; a single
    /// method is only when it is multifactor by itself (Windows Hello for Business, FIDO2, multifactor certificate,
    /// passwordless phone sign-in, Temporary Access Pass, federated MFA). Password, SMS, voice, email, OATH codes,
    /// Authenticator push alone, single-factor certificates or federation, and methods we do not know are single-factor.
    /// </summary>
    public static class AuthenticationStrengths
    {
        /// <summary>Microsoft's built-in strengths: Multifactor authentication, Passwordless MFA, Phishing-resistant MFA.</summary>
        public static readonly IReadOnlyDictionary<string, string> BuiltIn = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["00000000-0000-0000-0000-000000000002"] = "Multifactor authentication",
            ["00000000-0000-0000-0000-000000000003"] = "Passwordless MFA",
            ["00000000-0000-0000-0000-000000000004"] = "Phishing-resistant MFA",
        };

        private static readonly HashSet<string> s_multifactorAlone = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush",
            "temporaryAccessPassOneTime", "temporaryAccessPassMultiUse", "federatedMultiFactor",
        };

        public static bool IsMultifactor(string combination)
        {
            var methods = combination.Split(',').Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (methods.Count >= 2) return true;
            return methods.Count == 1 && s_multifactorAlone.Contains(methods[0]);
        }

        public static StrengthVerdict Evaluate(CaAuthenticationStrength strength)
        {
            var combinations = strength.AllowedCombinations;
            if (combinations == null || combinations.Count == 0)
            {
                // A portal export carries the strength's id only: the built-in ones are known to require MFA.
                bool builtIn = strength.Id != null && BuiltIn.ContainsKey(strength.Id);
                return new StrengthVerdict(strength, builtIn ? true : (bool?)null, Array.Empty<string>());
            }
            var single = combinations.Where(c => !IsMultifactor(c)).ToArray();
            return new StrengthVerdict(strength, single.Length == 0, single) { NoneMultifactor = single.Length == combinations.Count };
        }

        /// <summary>The strength's name for people: its display name, else the built-in name of its id, else its id.</summary>
        public static string Name(CaAuthenticationStrength strength) =>
            strength.DisplayName ?? (strength.Id != null && BuiltIn.TryGetValue(strength.Id, out var name) ? name : strength.Name);
    }
}
