using System;
using System.Linq;
using System.Text.Json.Nodes;
using Xunit;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>The demo contains the situations the module's features and tests rely on.</summary>
    public class DemoCoverageTests
    {
        private static SnapshotFacts Partner => DemoSnapshotTests.Tenant("Northwind Cloud Partners");

        [Fact]
        public void PartnerHasEnabledUsersOfAllThreeExternalTypes()
        {
            var types = Partner.Users.Where(SnapshotFacts.Enabled).Select(SnapshotFacts.ExternalType).Where(t => t != null).Distinct().OrderBy(t => t);
            Assert.Equal(new[] { "b2bCollaborationGuest", "b2bCollaborationMember", "internalGuest" }, types);
        }

        [Fact]
        public void GroupsNestAtLeastThreeLevelsDeep() => Assert.True(Partner.MaxGroupNesting() >= 4, "expected a chain of at least four nested groups");

        [Fact]
        public void ApostropheUpnsInPartnerAndTailspin()
        {
            Assert.Contains(Partner.Users, u => SnapshotFacts.Enabled(u) && ((string)u["userPrincipalName"]!).Contains('\''));
            Assert.Contains(DemoSnapshotTests.Tenant("Tailspin Logistics").Users, u => ((string)u["userPrincipalName"]!).Contains('\''));
            Assert.True(Partner.Items("signIns").Count(s => ((string)s["userPrincipalName"]!).Contains('\'')) >= 3);
        }

        [Fact]
        public void AdminsAreActiveDirectThroughGroupsAndEligibleWithOneOnlyEligible()
        {
            var p = Partner;
            var groupIds = p.Groups.Where(g => g["isAssignableToRole"]?.GetValue<bool>() == true).Select(SnapshotFacts.Id).ToHashSet();
            Assert.Contains(p.Items("roleAssignments"), a => groupIds.Contains((string)a["principalId"]!));
            Assert.Contains(p.Items("roleAssignments"), a => p.Users.Any(u => SnapshotFacts.Id(u) == (string)a["principalId"]!));
            Assert.Contains(p.Items("roleEligibilitySchedules"), a => groupIds.Contains((string)a["principalId"]!));
            var eligibleOnly = p.Users.Where(u => SnapshotFacts.Enabled(u) && p.ActiveRoles(SnapshotFacts.Id(u)).Count == 0 && p.EligibleRoles(SnapshotFacts.Id(u)).Count > 0).ToList();
            Assert.NotEmpty(eligibleOnly);
        }

        [Fact]
        public void PartnerCenterGroupsAndSecurityDefaultsOff()
        {
            var names = Partner.Groups.Select(g => (string)g["displayName"]!).ToList();
            Assert.Contains("AdminAgents", names);
            Assert.Contains("HelpdeskAgents", names);
            Assert.Contains("SalesAgents", names);
            Assert.False(Partner.SecurityDefaultsOn);
            Assert.NotEmpty(Partner.Items("namedLocations"));
        }

        [Fact]
        public void EveryNarrowingConditionAppearsInAnEnabledMfaPolicy()
        {
            var policies = Partner.EnabledMfaPolicies().Select(p => (JsonObject)p["conditions"]!).ToList();
            Assert.Contains(policies, c => SnapshotFacts.Strings(c["locations"]?["excludeLocations"]).Contains("AllTrusted"));
            Assert.Contains(policies, c => SnapshotFacts.Strings(c["signInRiskLevels"]).Count > 0);
            Assert.Contains(policies, c => SnapshotFacts.Strings(c["platforms"]?["excludePlatforms"]).Count > 0);
            Assert.Contains(policies, c => SnapshotFacts.Strings(c["applications"]!["includeApplications"]).SequenceEqual(new[] { "Office365" }));
            Assert.Contains(policies, c => SnapshotFacts.Strings(c["clientAppTypes"]).SequenceEqual(new[] { "browser" }));
            Assert.Contains(policies, c => c["devices"]?["deviceFilter"] is JsonObject);
            Assert.Contains(policies, c => c["authenticationFlows"] is JsonObject);
            Assert.Contains(Partner.EnabledMfaPolicies(), p => (string?)p["grantControls"]!["operator"] == "OR"
                && SnapshotFacts.Strings(p["grantControls"]!["builtInControls"]).SequenceEqual(new[] { "mfa", "compliantDevice" }));
        }

        [Fact]
        public void ExactnessCasesArePresent()
        {
            // An admin whose only role is scoped to an administrative unit, a policy for no application, an application filter
            // and the tenant's own application it excludes by id, named by its service principal.
            var p = Partner;
            Assert.Contains(p.Items("roleAssignments"), a => ((string)a["directoryScopeId"]!).StartsWith("/administrativeUnits/", StringComparison.Ordinal));
            var enabled = p.Policies.Where(x => (string?)x["state"] == "enabled").ToList();
            Assert.Contains(enabled, x => SnapshotFacts.Strings(x["conditions"]!["applications"]!["includeApplications"]).SequenceEqual(new[] { "None" }));
            var filtered = Assert.Single(enabled, x => x["conditions"]!["applications"]!["applicationFilter"] is JsonObject);
            var excluded = SnapshotFacts.Strings(filtered["conditions"]!["applications"]!["excludeApplications"]);
            Assert.Contains(p.Items("servicePrincipals"), sp => excluded.Contains((string)sp["appId"]!));
        }

        [Fact]
        public void PoliciesThatDoNotEnforceArePresentToo()
        {
            var all = Partner.Policies;
            JsonNode Users(JsonObject p) => p["conditions"]!["users"]!;
            var baseline = Assert.Single(all, p => (string?)p["state"] == "enabled" && SnapshotFacts.Strings(Users(p)["includeUsers"]).SequenceEqual(new[] { "All" })
                && SnapshotFacts.Strings(p["conditions"]!["applications"]!["includeApplications"]).SequenceEqual(new[] { "All" })
                && SnapshotFacts.Strings(p["conditions"]!["clientAppTypes"]).SequenceEqual(new[] { "all" }) && SnapshotFacts.Strings(p["grantControls"]!["builtInControls"]).Contains("mfa"));
            Assert.NotEmpty(SnapshotFacts.Strings(Users(baseline)["excludeUsers"]));
            Assert.NotEmpty(SnapshotFacts.Strings(Users(baseline)["excludeGroups"]));
            Assert.NotEmpty(SnapshotFacts.Strings(Users(baseline)["excludeRoles"]));
            Assert.NotNull(Users(baseline)["excludeGuestsOrExternalUsers"]);

            Assert.Contains(all, p => (string?)p["state"] == "enabledForReportingButNotEnforced");
            Assert.Contains(all, p => (string?)p["state"] == "disabled");
            Assert.Contains(all, p => SnapshotFacts.Strings(p["conditions"]!["clientAppTypes"]).SequenceEqual(new[] { "exchangeActiveSync", "other" })
                && SnapshotFacts.Strings(p["grantControls"]!["builtInControls"]).SequenceEqual(new[] { "block" }));
            Assert.Contains(all, p => SnapshotFacts.Strings(p["conditions"]!["clientAppTypes"]).SequenceEqual(new[] { "exchangeActiveSync", "other" })
                && SnapshotFacts.Strings(p["grantControls"]!["builtInControls"]).SequenceEqual(new[] { "mfa" }));
            Assert.Contains(all, p => SnapshotFacts.Strings(p["conditions"]!["applications"]!["includeUserActions"]).Contains("urn:user:registersecurityinfo"));
            Assert.Contains(all, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["includeRoles"]).Count > 0);
            Assert.Contains(all, p => p["grantControls"]!["authenticationStrength"] is JsonObject);
        }

        [Fact]
        public void PartnerSignInsCoverLegacyClientsFailuresAndMfa()
        {
            var signIns = Partner.Items("signIns");
            var clients = signIns.Select(s => (string)s["clientAppUsed"]!).ToHashSet();
            foreach (var c in new[] { "Browser", "Mobile Apps and Desktop clients", "IMAP4", "POP3", "Authenticated SMTP", "Exchange ActiveSync", "MAPI Over HTTP", "Other clients" })
                Assert.Contains(c, clients);
            var codes = signIns.Select(s => s["status"]!["errorCode"]!.GetValue<int>()).ToHashSet();
            foreach (var code in new[] { 0, 50126, 50076, 53003 }) Assert.Contains(code, codes);
            Assert.Contains(signIns, s => (string?)s["clientAppUsed"] == "Browser" && (string?)s["authenticationRequirement"] == "multiFactorAuthentication" && s["mfaDetail"] is JsonObject);
            Assert.Contains(signIns, s => (string?)s["authenticationRequirement"] == "singleFactorAuthentication" && s["status"]!["errorCode"]!.GetValue<int>() == 0);
            var captured = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
            Assert.All(signIns, s =>
            {
                var when = DateTimeOffset.Parse((string)s["createdDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.InRange(when, captured.AddDays(-14), captured);
                foreach (var key in new[] { "userId", "appDisplayName", "appId", "ipAddress", "location", "isInteractive", "signInEventTypes", "authenticationDetails", "conditionalAccessStatus" })
                    Assert.True(s.ContainsKey(key), key);
            });
            Assert.Equal(signIns.OrderByDescending(s => (string)s["createdDateTime"]!, StringComparer.Ordinal).Select(SnapshotFacts.Id), signIns.Select(SnapshotFacts.Id));
        }

        [Fact]
        public void FabrikamIsFreeWithSecurityDefaultsASyncAccountAndActiveGdap()
        {
            var demo = DemoSnapshotTests.Demo();
            var entry = ((JsonArray)demo["customers"]!).Select(c => (JsonObject)c!).Single(c => (string?)c["customer"]!["companyProfile"]!["companyName"] == "Fabrikam Dental");
            var t = new SnapshotFacts((JsonObject)entry["snapshot"]!);
            Assert.True(t.SecurityDefaultsOn);
            Assert.False(t.Document["tenant"]!["premiumLicense"]!.GetValue<bool>());
            Assert.Empty(t.Policies);
            Assert.InRange(t.Users.Count, 10, 14);
            Assert.Contains(t.Users, u => t.ActiveRoles(SnapshotFacts.Id(u)).Contains(SnapshotFacts.DirectorySynchronizationAccounts));
            Assert.Contains(t.Users, u => !SnapshotFacts.Enabled(u));
            Assert.Contains(entry["gdapRelationships"]!.AsArray(), r => (string?)r!["status"] == "active");
            Assert.Equal(t.TenantId, (string?)entry["customer"]!["id"]);
        }

        [Fact]
        public void TailspinIsPartlyCoveredWithPerUserMfaAndLegacySignIns()
        {
            var t = DemoSnapshotTests.Tenant("Tailspin Logistics");
            Assert.True(t.Document["tenant"]!["premiumLicense"]!.GetValue<bool>());
            Assert.False(t.SecurityDefaultsOn);
            Assert.Contains(t.Policies, p => (string?)p["state"] == "enabledForReportingButNotEnforced");
            Assert.Contains(t.EnabledMfaPolicies(), p => SnapshotFacts.Strings(p["conditions"]!["locations"]?["excludeLocations"]).Count > 0);
            Assert.Contains(t.EnabledMfaPolicies(), p => SnapshotFacts.Strings(p["conditions"]!["users"]!["includeGroups"]).Count > 0);
            Assert.InRange(t.Items("perUserMfa").Count(e => (string?)e["perUserMfaState"] != "disabled"), 2, 5);
            var clients = t.Items("signIns").Where(s => s["status"]!["errorCode"]!.GetValue<int>() == 0).Select(s => (string)s["clientAppUsed"]!).ToHashSet();
            Assert.Superset(new[] { "IMAP4", "POP3", "Authenticated SMTP" }.ToHashSet(), clients);
            Assert.InRange(t.Users.Count, 13, 17);
        }

        [Fact]
        public void AdatumHasNoUsableGdapRelationship()
        {
            var demo = DemoSnapshotTests.Demo();
            var entry = ((JsonArray)demo["customers"]!).Select(c => (JsonObject)c!).Single(c => (string?)c["customer"]!["companyProfile"]!["companyName"] == "Adatum Legal");
            var captured = DateTimeOffset.Parse((string)demo["capturedDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
            var relationships = entry["gdapRelationships"]!.AsArray().Select(r => (JsonObject)r!).ToList();
            Assert.Single(relationships);
            Assert.All(relationships, r => Assert.True((string?)r["status"] is "expired" or "terminated"
                && DateTimeOffset.Parse((string)r["endDateTime"]!, System.Globalization.CultureInfo.InvariantCulture) < captured));
            Assert.InRange(((JsonArray)entry["snapshot"]!["users"]!).Count, 6, 10);
        }

        [Fact]
        public void RegistrationDetailsAreVerbatimForEveryUser()
        {
            foreach (var t in DemoSnapshotTests.AllTenants())
            {
                var rows = t.Items("userRegistrationDetails");
                Assert.Equal(t.Users.Select(SnapshotFacts.Id), rows.Select(SnapshotFacts.Id));
                Assert.All(rows, r =>
                {
                    Assert.Contains((string?)r["userType"], new[] { "member", "guest" });
                    foreach (var key in new[] { "userPrincipalName", "userDisplayName", "isAdmin", "isMfaRegistered", "isMfaCapable", "methodsRegistered", "lastUpdatedDateTime" })
                        Assert.True(r.ContainsKey(key), key);
                });
                Assert.Contains(rows, r => r["isMfaRegistered"]!.GetValue<bool>());
                Assert.Contains(rows, r => !r["isMfaRegistered"]!.GetValue<bool>());
            }
        }
    }
}
