using System.Collections.Generic;

namespace PartnerSecurity.SnapshotGenerator.Model
{
    /// <summary>Verdict statuses and mechanisms, spelled as docs/mfa-coverage-rules.md spells them.</summary>
    internal static class Verdicts
    {
        public const string NotApplicable = "NotApplicable";
        public const string Compliant = "Compliant";
        public const string Exempt = "Exempt";
        public const string Partial = "Partial";
        public const string NotCompliant = "NotCompliant";

        public const string SecurityDefaults = "SecurityDefaults";
        public const string PerUserMfa = "PerUserMfa";
        public const string ConditionalAccess = "ConditionalAccess";

        /// <summary>The order EnforcedBy lists mechanisms in.</summary>
        public static readonly string[] MechanismOrder = { SecurityDefaults, PerUserMfa, ConditionalAccess };
    }

    /// <summary>
    /// Which row or sub-case of the verdict contract a persona demonstrates. The "rule" field of
    /// tests/data/demo-expected-verdicts.json holds one of these.
    /// </summary>
    internal static class ContractRule
    {
        public const string NotApplicableDisabled = "NotApplicable: account disabled";
        public const string CompliantSecurityDefaults = "Compliant: security defaults";
        public const string CompliantPerUserMfa = "Compliant: per-user MFA";
        public const string CompliantConditionalAccess = "Compliant: conditional access";
        public const string CompliantAuthenticationStrength = "Compliant: conditional access (authentication strength)";
        public const string CompliantThroughRoleGroup = "Compliant: conditional access through an active role held via a role-assignable group";
        public const string CompliantGuest = "Compliant: conditional access for guests and external users";
        public const string CompliantNotRegistered = "Compliant: covered but not MFA-registered";
        public const string Exempt = "Exempt: directory synchronization account under security defaults";
        public const string PartialApplications = "Partial: specific applications";
        public const string PartialClientAppTypes = "Partial: client app types";
        public const string PartialLocations = "Partial: excludes locations";
        public const string PartialPlatforms = "Partial: platforms";
        public const string PartialRisk = "Partial: risk-based";
        public const string PartialDeviceFilter = "Partial: device filter";
        public const string PartialAuthenticationFlows = "Partial: authentication flows";
        public const string PartialAlternativeGrant = "Partial: alternative grant (OR compliantDevice)";
        public const string PartialApplicationFilter = "Partial: application filter";
        public const string NotCompliantUser = "NotCompliant: excluded by user";
        public const string NotCompliantNestedGroup = "NotCompliant: excluded through a nested group";
        public const string NotCompliantRole = "NotCompliant: excluded by role";
        public const string NotCompliantGuestType = "NotCompliant: excluded by guest type";
        public const string NotCompliantEligibleOnly = "NotCompliant: PIM-eligible role does not count for inclusion";
        public const string NotCompliantScopedRole = "NotCompliant: a role scoped to an administrative unit does not count for inclusion";
        public const string NotCompliantNoApplication = "NotCompliant: the only policy naming the user applies to no application (None)";
    }

    /// <summary>The verdict a persona should get, worked out by hand from the rules (not by any evaluator).</summary>
    internal sealed record ExpectedVerdict(string Status, IReadOnlyList<string> EnforcedBy, bool IsAdmin, string Rule, string Note);
}
