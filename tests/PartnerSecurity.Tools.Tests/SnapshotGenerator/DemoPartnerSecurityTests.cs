using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Demo;
using Xunit;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>
    /// The demo's copy of Microsoft's partner security data agrees with the tenants it describes, worked out here from
    /// the committed snapshot and the hand-worked verdicts (docs/demo-tenant.md states the counting), except for the one
    /// deliberate disagreement the page names.
    /// </summary>
    public class DemoPartnerSecurityTests
    {
        private const string Deliberate = "breakglass@tailspinlogistics.onmicrosoft.com";

        private static JsonObject Section(string name) => (JsonObject)DemoSnapshotTests.Demo()[name]!;

        private static JsonArray Verdicts() => (JsonArray)JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(DemoTenant.VerdictsPath)))!;

        /// <summary>Microsoft's "uses MFA": a policy requires it and a method is registered, or (the deliberate case) its sign-ins show it.</summary>
        private static (int Admins, int Others, int Users) Count(SnapshotFacts tenant, string tenantName)
        {
            int admins = 0, others = 0, users = 0;
            foreach (var user in tenant.Users.Where(SnapshotFacts.Enabled))
            {
                users++;
                var upn = (string)user["userPrincipalName"]!;
                var id = SnapshotFacts.Id(user);
                var verdict = Verdicts().Single(v => (string)v!["tenant"]! == tenantName && (string)v!["userPrincipalName"]! == upn)!;
                bool usesMfa = ((string)verdict["status"]! == "Compliant" && tenant.IsMfaRegistered(id) == true) || upn == Deliberate;
                bool admin = tenant.ActiveRoles(id).Any(r => r != SnapshotFacts.DirectorySynchronizationAccounts);
                if (usesMfa && admin) admins++;
                else if (usesMfa) others++;
            }
            return (admins, others, users);
        }

        [Theory]
        [InlineData("Fabrikam Dental")]
        [InlineData("Tailspin Logistics")]
        [InlineData("Adatum Legal")]
        public void Each_customer_insight_counts_the_customers_users_as_the_page_says(string name)
        {
            var tenant = DemoSnapshotTests.Tenant(name);
            var insight = Section("partnerSecurity")["customerInsights"]!.AsArray().Single(i => (string)i!["tenantId"]! == tenant.TenantId)!["mfa"]!;
            var (admins, others, users) = Count(tenant, name);
            Assert.Equal(admins, (int)insight["compliantAdminsCount"]!);
            Assert.Equal(others, (int)insight["compliantNonAdminsCount"]!);
            Assert.Equal(users, (int)insight["totalUsersCount"]!);
            Assert.Equal(tenant.SecurityDefaultsOn ? "enabled" : "disabled", (string)insight["securityDefaultsStatus"]!);
        }

        [Fact]
        public void The_deliberate_disagreement_is_a_registered_admin_no_policy_covers_with_an_mfa_sign_in_and_is_documented()
        {
            var tailspin = DemoSnapshotTests.Tenant("Tailspin Logistics");
            var verdict = Verdicts().Single(v => (string)v!["userPrincipalName"]! == Deliberate)!;
            Assert.Equal("NotCompliant", (string)verdict["status"]!);
            Assert.True((bool)verdict["isAdmin"]!);
            var id = SnapshotFacts.Id(tailspin.User(Deliberate));
            Assert.True(tailspin.IsMfaRegistered(id));
            Assert.Contains(tailspin.Items("signIns"), s => (string)s["userPrincipalName"]! == Deliberate
                && (string)s["conditionalAccessStatus"]! == "notApplied" && (string?)s["mfaDetail"]?["authMethod"] == "FIDO2 security key");
            var page = File.ReadAllText(RepositoryFiles.PathOf(DemoTenant.DocsPath));
            Assert.Contains("The deliberate disagreement with our exact verdict: `" + Deliberate + "`", page);
        }

        [Fact]
        public void The_score_and_its_requirements_agree_with_the_alerts_budgets_and_telemetry()
        {
            var data = Section("partnerSecurity");
            var requirements = data["requirements"]!.AsArray().Select(r => (JsonObject)r!).ToDictionary(r => (string)r["requirementType"]!);
            Assert.Equal(5, requirements.Count);
            double earned = requirements.Values.Sum(r => (double)r["score"]!), possible = requirements.Values.Sum(r => (double)r["maxScore"]!);
            Assert.Equal(Math.Round(earned * 100 / possible, 2), (double)data["securityScore"]!["currentScore"]!);
            Assert.Equal((double)data["securityScore"]!["currentScore"]!, (double)data["history"]!.AsArray().Last()!["score"]!);

            var customers = DemoSnapshotTests.Demo()["customers"]!.AsArray();
            var budgets = requirements["spendingBudgetSetForCustomerAzureSubscriptions"];
            Assert.Equal(customers.Count, (int)budgets["totalCustomersCount"]!);
            Assert.Equal(customers.Count(c => c!["usageBudget"] != null), (int)budgets["customersWithSpendBudgetCount"]!);
            Assert.InRange(customers.Count(c => c!["usageBudget"] != null), 1, customers.Count - 1);

            var alerts = data["securityAlerts"]!.AsArray();
            Assert.Contains(alerts, a => (string)a!["status"]! == "active");
            Assert.Contains(alerts, a => (string)a!["status"]! == "resolved");
            var telemetry = Section("partnerCenterMfa")["applicationMfaAdoptionStatus"]!.AsArray();
            var withoutMfa = telemetry.Where(r => (long)r!["mfaCompliantRequestCount"]! < (long)r!["totalRequestCount"]!).Select(r => (string)r!["applicationId"]!).Distinct();
            Assert.Single(withoutMfa);
        }
    }
}
