using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Model;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// How the demo's copy of Microsoft counts MFA for the partner security score. Microsoft's formulas are not
    /// published; this is the demo's stated assumption (docs/demo-tenant.md), worked out from each persona's
    /// hand-made verdict so that Microsoft's figures stay consistent with the tenants:
    /// <list type="bullet">
    /// <item>an admin is an enabled user holding an active directory role (directly or through a group) other than
    /// Directory Synchronization Accounts: PIM-eligible roles do not count;</item>
    /// <item>a user "uses MFA" when a policy requires it at every sign-in (verdict Compliant) and they have registered
    /// a method, or when Microsoft's sign-in data shows them using MFA anyway (<see cref="SeenUsingMfa"/>);</item>
    /// <item>users are the enabled accounts.</item>
    /// </list>
    /// </summary>
    internal sealed class MicrosoftMfaView
    {
        private readonly TenantDraft _tenant;
        private readonly HashSet<string> _seenUsingMfa;
        private readonly Dictionary<string, HashSet<string>> _activeRoles;

        public MicrosoftMfaView(TenantDraft tenant, IEnumerable<string> seenUsingMfa)
        {
            _tenant = tenant;
            _seenUsingMfa = new HashSet<string>(seenUsingMfa, StringComparer.OrdinalIgnoreCase);
            _activeRoles = ActiveRoles(tenant);
        }

        public IEnumerable<Person> Users => _tenant.People.Where(p => p.Enabled);

        public bool IsAdmin(Person p) =>
            p.Enabled && _activeRoles.TryGetValue(p.Id, out var roles) && roles.Any(r => r != Roles.DirectorySynchronizationAccounts);

        /// <summary>A policy requires MFA of the user at every sign-in: the hand-worked verdict is Compliant.</summary>
        public static bool Required(Person p) => p.Enabled && p.Expected!.Status == Verdicts.Compliant;

        public bool UsesMfa(Person p) => p.Enabled && ((Required(p) && p.IsMfaRegistered) || _seenUsingMfa.Contains(p.Upn));

        public IEnumerable<Person> Admins => Users.Where(IsAdmin);

        /// <summary>Every admin uses MFA: the tenant counts as compliant for the customers' MFA requirement.</summary>
        public bool AdminsCompliant => Admins.All(UsesMfa);

        public bool SecurityDefaults => _tenant.SecurityDefaults;

        /// <summary>An enabled conditional access policy requires MFA (or an authentication strength), whatever narrows it.</summary>
        public bool ConditionalAccessMfa => _tenant.ConditionalAccessPolicies.Any(p =>
            (string?)p["state"] == "enabled"
            && (p["grantControls"]?["authenticationStrength"] is JsonObject
                || (p["grantControls"]?["builtInControls"] as JsonArray)?.Any(c => (string?)c == "mfa") == true));

        public bool PerUserMfa => _tenant.People.Any(p => p.PerUserMfa == "enabled" || p.PerUserMfa == "enforced");

        /// <summary>Active role template ids per user, through role-assignable groups too.</summary>
        private static Dictionary<string, HashSet<string>> ActiveRoles(TenantDraft tenant)
        {
            var members = tenant.Groups.ToDictionary(g => (string)g["id"]!, g => ((JsonArray)g["members"]!).Select(m => (string)m!).ToList(), StringComparer.OrdinalIgnoreCase);
            var result = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var assignment in tenant.RoleAssignments)
            {
                var role = (string)assignment["roleDefinitionId"]!;
                var pending = new Stack<string>(new[] { (string)assignment["principalId"]! });
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                while (pending.Count > 0)
                {
                    var id = pending.Pop();
                    if (!seen.Add(id)) continue;
                    if (members.TryGetValue(id, out var direct)) foreach (var m in direct) pending.Push(m);
                    else
                    {
                        if (!result.TryGetValue(id, out var roles)) result[id] = roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                        roles.Add(role);
                    }
                }
            }
            return result;
        }
    }
}
