using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>
    /// tests/data/demo-expected-verdicts.json, the hand-worked oracle: it covers every row and sub-case of the
    /// verdict table in docs/mfa-coverage-rules.md with an enabled persona, and each entry is backed by
    /// the snapshot data it claims (the exclusion, the narrowing condition, the registration state...).
    /// </summary>
    public class ExpectedVerdictTests
    {
        /// <summary>The verdict table's rows and sub-cases, copied here from the rules (not from the generator).</summary>
        public static TheoryData<string, string> ContractRows => new TheoryData<string, string>
        {
            { "NotApplicable: account disabled", "NotApplicable" },
            { "Compliant: security defaults", "Compliant" },
            { "Compliant: per-user MFA", "Compliant" },
            { "Compliant: conditional access", "Compliant" },
            { "Compliant: covered but not MFA-registered", "Compliant" },
            { "Exempt: directory synchronization account under security defaults", "Exempt" },
            { "Partial: excludes locations", "Partial" },
            { "Partial: risk-based", "Partial" },
            { "Partial: platforms", "Partial" },
            { "Partial: specific applications", "Partial" },
            { "Partial: client app types", "Partial" },
            { "Partial: device filter", "Partial" },
            { "Partial: authentication flows", "Partial" },
            { "Partial: alternative grant (OR compliantDevice)", "Partial" },
            { "NotCompliant: excluded by user", "NotCompliant" },
            { "NotCompliant: excluded through a nested group", "NotCompliant" },
            { "NotCompliant: excluded by role", "NotCompliant" },
            { "NotCompliant: excluded by guest type", "NotCompliant" },
        };

        private static readonly string[] s_statuses = { "NotApplicable", "Compliant", "Exempt", "Partial", "NotCompliant" };
        private static readonly string[] s_mechanisms = { "SecurityDefaults", "PerUserMfa", "ConditionalAccess" };

        internal static List<JsonObject> Verdicts() =>
            ((JsonArray)JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("tests/data/demo-expected-verdicts.json")))!).Select(n => (JsonObject)n!).ToList();

        private static (SnapshotFacts Tenant, JsonObject User) Locate(JsonObject verdict, SnapshotFacts[] tenants)
        {
            var tenant = tenants.Single(t => t.TenantId == (string?)verdict["tenantId"]);
            return (tenant, tenant.User((string)verdict["userPrincipalName"]!));
        }

        [Theory]
        [MemberData(nameof(ContractRows))]
        public void EveryVerdictRowHasAnEnabledPersona(string rule, string status)
        {
            var tenants = DemoSnapshotTests.AllTenants();
            var personas = Verdicts().Where(v => (string?)v["rule"] == rule).ToList();
            Assert.True(personas.Count > 0, $"No persona demonstrates '{rule}'.");
            Assert.All(personas, v => Assert.Equal(status, (string?)v["status"]));
            // NotApplicable is the row for disabled accounts; every other row needs an enabled user to show it.
            Assert.Contains(personas, v => SnapshotFacts.Enabled(Locate(v, tenants).User) == (status != "NotApplicable"));
        }

        [Fact]
        public void EveryUserOfEveryTenantHasExactlyOneExpectedVerdict()
        {
            var verdicts = Verdicts();
            var tenants = DemoSnapshotTests.AllTenants();
            Assert.Equal(4, tenants.Length);
            var expected = tenants.SelectMany(t => t.Users.Select(u => (t.TenantId, Upn: (string)u["userPrincipalName"]!))).ToList();
            var actual = verdicts.Select(v => ((string)v["tenantId"]!, Upn: (string)v["userPrincipalName"]!)).ToList();
            Assert.Equal(expected, actual);
            Assert.All(verdicts, v =>
            {
                Assert.Contains((string?)v["status"], s_statuses);
                Assert.All(SnapshotFacts.Strings(v["enforcedBy"]), m => Assert.Contains(m, s_mechanisms));
                Assert.False(string.IsNullOrWhiteSpace((string?)v["rule"]));
                Assert.False(string.IsNullOrWhiteSpace((string?)v["note"]));
            });
        }

        [Fact]
        public void VerdictsAgreeWithTheSnapshotsPlainFacts()
        {
            var tenants = DemoSnapshotTests.AllTenants();
            foreach (var v in Verdicts())
            {
                var (t, user) = Locate(v, tenants);
                var id = SnapshotFacts.Id(user);
                var upn = (string)v["userPrincipalName"]!;
                var status = (string)v["status"]!;
                var by = SnapshotFacts.Strings(v["enforcedBy"]);
                bool isSync = t.ActiveRoles(id).Contains(SnapshotFacts.DirectorySynchronizationAccounts);

                Assert.True(SnapshotFacts.Enabled(user) == (status != "NotApplicable"), $"{upn}: NotApplicable exactly when disabled.");
                Assert.True((status == "Compliant") == (by.Count > 0), $"{upn}: EnforcedBy is non-empty exactly when Compliant.");
                Assert.Equal(by.OrderBy(m => Array.IndexOf(s_mechanisms, m)), by);
                Assert.True((t.ActiveRoles(id).Count + t.EligibleRoles(id).Count > 0) == v["isAdmin"]!.GetValue<bool>(), $"{upn}: isAdmin must match the role data.");
                if (!SnapshotFacts.Enabled(user)) continue;

                var perUser = t.PerUserMfa(id);
                Assert.True(by.Contains("PerUserMfa") == (perUser == "enabled" || perUser == "enforced"), $"{upn}: PerUserMfa in EnforcedBy exactly when enabled or enforced.");
                Assert.True(by.Contains("SecurityDefaults") == (t.SecurityDefaultsOn && !isSync), $"{upn}: security defaults cover every user but sync accounts.");
                Assert.True((status == "Exempt") == (t.SecurityDefaultsOn && isSync && by.Count == 0), $"{upn}: Exempt is only for uncovered sync accounts under security defaults.");
                if (by.Contains("ConditionalAccess"))
                    Assert.Contains(t.EnabledMfaPolicies(), p => Includes(t, p, user));
            }
        }

        [Fact]
        public void EachPersonaIsBackedByTheDataItsRuleNames()
        {
            var tenants = DemoSnapshotTests.AllTenants();
            foreach (var v in Verdicts())
            {
                var (t, user) = Locate(v, tenants);
                var id = SnapshotFacts.Id(user);
                var rule = (string)v["rule"]!;
                var why = $"{v["userPrincipalName"]} ({rule})";
                var mfaPolicies = t.EnabledMfaPolicies().ToList();
                var covering = mfaPolicies.Where(p => Includes(t, p, user)).ToList();
                switch (rule)
                {
                    case "Compliant: security defaults":
                        Assert.True(t.SecurityDefaultsOn, why);
                        break;
                    case "Compliant: per-user MFA":
                        Assert.Contains(t.PerUserMfa(id), new[] { "enabled", "enforced" });
                        break;
                    case "Compliant: covered but not MFA-registered":
                        Assert.False(t.IsMfaRegistered(id), why);
                        break;
                    case "Compliant: conditional access (authentication strength)":
                        Assert.Contains(covering, p => p["grantControls"]!["authenticationStrength"] is JsonObject);
                        break;
                    case "Exempt: directory synchronization account under security defaults":
                        Assert.True(t.SecurityDefaultsOn && t.ActiveRoles(id).Contains(SnapshotFacts.DirectorySynchronizationAccounts), why);
                        break;
                    case "NotCompliant: excluded by user":
                        Assert.Contains(mfaPolicies, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["excludeUsers"]).Contains(id));
                        break;
                    case "NotCompliant: excluded through a nested group":
                        Assert.Contains(mfaPolicies, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["excludeGroups"]).Any(g => t.Depth(g, id) >= 3));
                        break;
                    case "NotCompliant: excluded by role":
                        Assert.Contains(mfaPolicies, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["excludeRoles"]).Intersect(t.ActiveRoles(id)).Any());
                        break;
                    case "NotCompliant: excluded by guest type":
                        var type = SnapshotFacts.ExternalType(user);
                        Assert.NotNull(type);
                        Assert.Contains(mfaPolicies, p => ((string?)p["conditions"]!["users"]!["excludeGuestsOrExternalUsers"]?["guestOrExternalUserTypes"] ?? "").Split(',').Contains(type));
                        break;
                    case "NotCompliant: PIM-eligible role does not count for inclusion":
                        Assert.Empty(t.ActiveRoles(id));
                        Assert.NotEmpty(t.EligibleRoles(id));
                        Assert.Contains(mfaPolicies, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["includeRoles"]).Intersect(t.EligibleRoles(id)).Any());
                        break;
                    case "Partial: excludes locations":
                        Assert.Contains(covering, p => SnapshotFacts.Strings(p["conditions"]!["locations"]?["excludeLocations"]).Count > 0);
                        break;
                    case "Partial: risk-based":
                        Assert.Contains(covering, p => SnapshotFacts.Strings(p["conditions"]!["signInRiskLevels"]).Count + SnapshotFacts.Strings(p["conditions"]!["userRiskLevels"]).Count > 0);
                        break;
                    case "Partial: platforms":
                        Assert.Contains(covering, p => p["conditions"]!["platforms"] is JsonObject pl
                            && (!SnapshotFacts.Strings(pl["includePlatforms"]).SequenceEqual(new[] { "all" }) || SnapshotFacts.Strings(pl["excludePlatforms"]).Count > 0));
                        break;
                    case "Partial: specific applications":
                        Assert.Contains(covering, p => !SnapshotFacts.Strings(p["conditions"]!["applications"]!["includeApplications"]).Contains("All"));
                        break;
                    case "Partial: client app types":
                        Assert.Contains(covering, p => SnapshotFacts.Strings(p["conditions"]!["clientAppTypes"]) is var c
                            && !c.Contains("all") && !(c.Contains("browser") && c.Contains("mobileAppsAndDesktopClients")) && (c.Contains("browser") || c.Contains("mobileAppsAndDesktopClients")));
                        break;
                    case "Partial: device filter":
                        Assert.Contains(covering, p => p["conditions"]!["devices"]?["deviceFilter"] is JsonObject);
                        break;
                    case "Partial: authentication flows":
                        Assert.Contains(covering, p => p["conditions"]!["authenticationFlows"] is JsonObject);
                        break;
                    case "Partial: alternative grant (OR compliantDevice)":
                        Assert.Contains(covering, p => (string?)p["grantControls"]!["operator"] == "OR"
                            && SnapshotFacts.Strings(p["grantControls"]!["builtInControls"]).Contains("compliantDevice"));
                        break;
                }
            }
        }

        /// <summary>The policy's include side names the user (All, guests, id, group at any depth, active role). Exclusions are not considered.</summary>
        private static bool Includes(SnapshotFacts t, JsonObject policy, JsonObject user)
        {
            var users = policy["conditions"]!["users"]!;
            var includeUsers = SnapshotFacts.Strings(users["includeUsers"]);
            var type = SnapshotFacts.ExternalType(user);
            return includeUsers.Contains("All")
                || (type != null && includeUsers.Contains("GuestsOrExternalUsers"))
                || (type != null && ((string?)users["includeGuestsOrExternalUsers"]?["guestOrExternalUserTypes"] ?? "").Split(',').Contains(type))
                || t.Targets(policy, SnapshotFacts.Id(user), "include");
        }
    }
}
