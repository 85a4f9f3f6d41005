using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;

namespace PartnerSecurity.SnapshotGenerator.Model
{
    /// <summary>
    /// A tenant being generated: its objects in document order, and the document it becomes. Ids come
    /// from <see cref="NewId"/>, so they depend only on the tenant key and the object's name.
    /// </summary>
    internal sealed class TenantDraft
    {
        public const string FormatName = "partnersecurity-snapshot/1";

        public TenantDraft(string key, string displayName, string defaultDomain, bool premiumLicense, bool securityDefaults)
        {
            Key = key;
            Id = StableIds.Guid("tenant/" + key);
            DisplayName = displayName;
            DefaultDomain = defaultDomain;
            PremiumLicense = premiumLicense;
            SecurityDefaults = securityDefaults;
        }

        public string Key { get; }
        public string Id { get; }
        public string DisplayName { get; }
        public string DefaultDomain { get; }
        public bool PremiumLicense { get; }
        public bool SecurityDefaults { get; }

        public List<Person> People { get; } = new List<Person>();
        public List<JsonObject> Groups { get; } = new List<JsonObject>();
        public List<JsonObject> RoleAssignments { get; } = new List<JsonObject>();
        public List<JsonObject> RoleEligibilitySchedules { get; } = new List<JsonObject>();
        public List<JsonObject> ConditionalAccessPolicies { get; } = new List<JsonObject>();
        public List<JsonObject> NamedLocations { get; } = new List<JsonObject>();
        public List<JsonObject> SignIns { get; } = new List<JsonObject>();
        /// <summary>The tenant's own applications' service principals (policies name them by appId); written only when there are some.</summary>
        public List<JsonObject> ServicePrincipals { get; } = new List<JsonObject>();
        public List<CustomerDraft> Customers { get; } = new List<CustomerDraft>();
        /// <summary>The "partnerSecurity" section (Graph's score and alerts), for a partner; null for none.</summary>
        public JsonObject? PartnerSecurity { get; set; }
        /// <summary>The "partnerCenterMfa" section (Partner Center's MFA telemetry), for a partner; null for none.</summary>
        public JsonObject? PartnerCenterMfa { get; set; }
        /// <summary>The partner's Azure Key Vaults (the snapshot's "keyVaults" section), or null.</summary>
        public JsonArray? KeyVaults { get; set; }

        public string NewId(string kind, string name) => StableIds.Guid($"{Key}/{kind}/{name}");

        public Person Add(UserSpec spec)
        {
            var person = new Person(spec);
            People.Add(person);
            return person;
        }

        /// <summary>Adds a security group; returns its id.</summary>
        public string Group(string displayName, string? description, DateTimeOffset created, IEnumerable<string> memberIds, bool roleAssignable = false, bool onPremisesSync = false)
        {
            var id = NewId("group", displayName);
            Groups.Add(GroupBuilder.Security(id, displayName, description, created, memberIds, roleAssignable, onPremisesSync));
            return id;
        }

        public void Assign(string principalId, string roleTemplateId, string directoryScopeId = "/") =>
            RoleAssignments.Add(RoleBuilders.Assignment(Id, principalId, roleTemplateId, directoryScopeId));

        public void Eligible(string principalId, string roleTemplateId, DateTimeOffset created, DateTimeOffset? expires = null) =>
            RoleEligibilitySchedules.Add(RoleBuilders.Eligibility(Key, principalId, roleTemplateId, created, expires));

        public string PolicyId(string displayName) => NewId("conditionalAccessPolicy", displayName);

        public ConditionalAccessPolicyBuilder Policy(string displayName) => new ConditionalAccessPolicyBuilder(PolicyId(displayName), displayName);

        public void Add(ConditionalAccessPolicyBuilder policy) => ConditionalAccessPolicies.Add(policy.Build());

        public void AddSignIn(SignInSpec spec) => SignIns.Add(SignInBuilder.Build(spec));

        /// <summary>
        /// Users who hold any directory role, active or eligible, directly or through a group (transitively):
        /// the registration report's isAdmin.
        /// </summary>
        public HashSet<string> AdminUserIds()
        {
            var members = Groups.ToDictionary(g => (string)g["id"]!, g => ((JsonArray)g["members"]!).Select(m => (string)m!).ToList(), StringComparer.OrdinalIgnoreCase);
            var admins = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var principals = RoleAssignments.Concat(RoleEligibilitySchedules).Select(a => (string)a["principalId"]!).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var principal in principals)
            {
                var pending = new Stack<string>();
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                pending.Push(principal);
                while (pending.Count > 0)
                {
                    var id = pending.Pop();
                    if (!seen.Add(id)) continue;
                    if (members.TryGetValue(id, out var direct)) foreach (var m in direct) pending.Push(m);
                    else admins.Add(id);
                }
            }
            return admins;
        }

        /// <summary>The snapshot document for this tenant (with its customers, for a partner).</summary>
        public JsonObject ToDocument()
        {
            var admins = AdminUserIds();
            var doc = new JsonObject
            {
                ["format"] = FormatName,
                ["capturedDateTime"] = SnapshotTime.Iso(SnapshotTime.Captured),
                ["tenant"] = new JsonObject
                {
                    ["id"] = Id,
                    ["displayName"] = DisplayName,
                    ["defaultDomain"] = DefaultDomain,
                    ["premiumLicense"] = PremiumLicense,
                },
                ["securityDefaults"] = new JsonObject
                {
                    ["id"] = "00000000-0000-0000-0000-000000000005",
                    ["displayName"] = "Security Defaults",
                    ["description"] = "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
                    ["isEnabled"] = SecurityDefaults,
                },
                ["users"] = Array(People.Select(p => p.User)),
                ["groups"] = Array(Groups),
                ["roleAssignments"] = Array(RoleAssignments),
                ["roleEligibilitySchedules"] = Array(RoleEligibilitySchedules),
                ["conditionalAccessPolicies"] = Array(ConditionalAccessPolicies),
                ["namedLocations"] = Array(NamedLocations),
                ["userRegistrationDetails"] = Array(People.Select(p => RegistrationDetailsBuilder.Build(
                    p.Id, p.Upn, p.DisplayName, p.IsGuestUserType, admins.Contains(p.Id), p.Registration,
                    SnapshotTime.Captured.AddMinutes(-(97 + Convert.ToInt32(StableIds.Hex(p.Id, 3), 16) % 600))))),
                ["perUserMfa"] = Array(People.Where(p => p.PerUserMfa != null).Select(p => new JsonObject
                {
                    ["userId"] = p.Id,
                    ["perUserMfaState"] = p.PerUserMfa,
                })),
                ["signIns"] = Array(SignIns
                    .OrderByDescending(s => (string)s["createdDateTime"]!, StringComparer.Ordinal)
                    .ThenBy(s => (string)s["id"]!, StringComparer.Ordinal)),
            };
            if (ServicePrincipals.Count > 0) doc["servicePrincipals"] = Array(ServicePrincipals);
            if (PartnerSecurity != null) doc["partnerSecurity"] = PartnerSecurity.DeepClone();
            if (PartnerCenterMfa != null) doc["partnerCenterMfa"] = PartnerCenterMfa.DeepClone();
            if (KeyVaults != null) doc["keyVaults"] = KeyVaults.DeepClone();
            if (Customers.Count > 0)
            {
                doc["customers"] = Array(Customers.Select(c =>
                {
                    var entry = new JsonObject
                    {
                        ["customer"] = c.Customer,
                        ["gdapRelationships"] = Array(c.GdapRelationships),
                    };
                    if (c.UsageBudget != null) entry["usageBudget"] = c.UsageBudget.DeepClone();
                    entry["snapshot"] = c.Tenant.ToDocument();
                    return entry;
                }));
            }
            return doc;
        }

        private static JsonArray Array(IEnumerable<JsonObject> items)
        {
            var array = new JsonArray();
            foreach (var item in items) array.Add(item.DeepClone());
            return array;
        }
    }

    /// <summary>A customer of a partner: Partner Center record, GDAP relationships, and its own tenant.</summary>
    internal sealed class CustomerDraft
    {
        public CustomerDraft(JsonObject customer, IEnumerable<JsonObject> gdapRelationships, TenantDraft tenant)
        {
            Customer = customer;
            GdapRelationships = gdapRelationships.ToList();
            Tenant = tenant;
        }

        public JsonObject Customer { get; }
        public List<JsonObject> GdapRelationships { get; }
        public TenantDraft Tenant { get; }
        /// <summary>Partner Center's spending budget of the customer's Azure usage; null when none is set.</summary>
        public JsonObject? UsageBudget { get; set; }
    }
}
