using System;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Graph;

namespace PartnerSecurity.SnapshotGenerator.Model
{
    /// <summary>
    /// One user of a tenant under construction: the Graph user, what they registered, their per-user MFA
    /// state and (for the demo) the verdict the rules imply for them.
    /// </summary>
    internal sealed class Person
    {
        public Person(UserSpec spec)
        {
            Spec = spec;
            User = UserBuilder.Build(spec);
        }

        public UserSpec Spec { get; }
        public JsonObject User { get; }
        public string Id => Spec.Id;
        public string Upn => Spec.UserPrincipalName;
        public string DisplayName => Spec.DisplayName;
        public bool Enabled => Spec.AccountEnabled;
        public bool IsGuestUserType => UserBuilder.UserType(Spec.Kind) == "Guest";
        /// <summary>The name the sign-in log records: lowercase, and an external user's home address, not the #EXT# UPN.</summary>
        public string SignInName => (Upn.Contains("#EXT#") && Spec.Mail != null ? Spec.Mail : Upn).ToLowerInvariant();
        public Registration Registration { get; private set; } = Registration.None;
        public bool IsMfaRegistered => RegistrationDetailsBuilder.IsMfaRegistered(Registration);
        /// <summary>"enabled", "enforced", "disabled" (listed explicitly) or null (not listed: disabled).</summary>
        public string? PerUserMfa { get; private set; }
        public ExpectedVerdict? Expected { get; private set; }

        public Person Registers(Registration registration) { Registration = registration; return this; }

        public Person PerUser(string state) { PerUserMfa = state; return this; }

        /// <summary>Records the verdict worked out by hand from docs/mfa-coverage-rules.md.</summary>
        public Person Expect(string status, string rule, bool admin, string note, params string[] enforcedBy)
        {
            if (Expected != null) throw new InvalidOperationException($"{Upn} already has an expected verdict.");
            var ordered = Verdicts.MechanismOrder.Where(enforcedBy.Contains).ToArray();
            if (ordered.Length != enforcedBy.Length) throw new ArgumentException($"Unknown mechanism in [{string.Join(", ", enforcedBy)}].", nameof(enforcedBy));
            Expected = new ExpectedVerdict(status, ordered, admin, rule, note);
            return this;
        }
    }
}
