using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.SnapshotGenerator;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Demo;
using Xunit;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>The committed demo files are exactly what the generator writes, and the emulator reads them cleanly.</summary>
    public class DemoSnapshotTests
    {
        private const string Regenerate =
            "Regenerate with: dotnet run --project tools/PartnerSecurity.SnapshotGenerator -- demo --out src/PartnerSecurity.Emulator/Demo/demo-tenant.json " +
            "--verdicts tests/data/demo-expected-verdicts.json --docs docs/demo-tenant.md";

        private static void AssertSameBytes(string relativePath, string expected)
        {
            var committed = RepositoryFiles.Bytes(relativePath);
            var fresh = new UTF8Encoding(false).GetBytes(expected);
            if (committed.AsSpan().SequenceEqual(fresh)) return;
            int at = 0;
            while (at < Math.Min(committed.Length, fresh.Length) && committed[at] == fresh[at]) at++;
            Assert.Fail($"{relativePath} differs from a fresh generation at byte {at} (committed {committed.Length} bytes, generated {fresh.Length}). {Regenerate}");
        }

        [Fact]
        public void CommittedDemoSnapshotEqualsFreshGeneration() =>
            AssertSameBytes(DemoTenant.SnapshotPath, SnapshotJson.Serialize(DemoTenant.Build().ToDocument()));

        [Fact]
        public void CommittedExpectedVerdictsEqualFreshGeneration() =>
            AssertSameBytes(DemoTenant.VerdictsPath, SnapshotJson.Serialize(DemoTenant.Build().ExpectedVerdicts()));

        [Fact]
        public void DocsPersonaTablesEqualFreshGeneration()
        {
            var committed = File.ReadAllText(RepositoryFiles.PathOf(DemoTenant.DocsPath));
            Assert.Contains(DemoTenant.PersonasBegin, committed);
            AssertSameBytes(DemoTenant.DocsPath, DemoTenant.Build().UpdateDocs(committed));
            foreach (var upn in DemoTenant.Build().Tenants.SelectMany(t => t.People).Select(p => p.Upn))
                Assert.Contains("`" + upn + "`", committed);
        }

        [Fact]
        public void GenerationIsDeterministic()
        {
            var first = SnapshotJson.Serialize(DemoTenant.Build().ToDocument());
            var second = SnapshotJson.Serialize(DemoTenant.Build().ToDocument());
            Assert.Equal(first, second);
            Assert.DoesNotContain("\r", first);
            Assert.EndsWith("}\n", first);
            Assert.StartsWith("{\n  \"format\": \"partnersecurity-snapshot/1\",\n  \"capturedDateTime\": \"2026-11-20T09:00:00Z\",", first);
        }

        [Fact]
        public void SnapshotReaderLoadsTheCommittedDemoWithoutWarnings()
        {
            var snapshot = SnapshotReader.ReadFile(RepositoryFiles.PathOf(DemoTenant.SnapshotPath));
            Assert.Empty(snapshot.Warnings);
            Assert.Equal("Northwind Cloud Partners", snapshot.Tenant.DisplayName);
            Assert.Equal("northwindcloud.onmicrosoft.com", snapshot.Tenant.DefaultDomain);
            Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero), snapshot.CapturedDateTime);
            Assert.InRange(snapshot.Users.Count, 55, 65);
            Assert.Equal(new[] { "Fabrikam Dental", "Tailspin Logistics", "Adatum Legal" }, snapshot.Customers.Select(c => c.Snapshot.Tenant.DisplayName));
            Assert.Equal(snapshot.Users.Count, snapshot.UserRegistrationDetails.Count);
        }

        [Fact]
        public void FirstGlobalAdministratorIsAnEnabledRegisteredAdminAgent()
        {
            var facts = new SnapshotFacts(Demo());
            var first = facts.Users.First(u => facts.ActiveRoles(SnapshotFacts.Id(u)).Contains(SnapshotFacts.GlobalAdministrator));
            var id = SnapshotFacts.Id(first);
            Assert.Equal("ava.thompson@northwindcloud.com", (string?)first["userPrincipalName"]);
            Assert.True(SnapshotFacts.Enabled(first));
            Assert.True(facts.IsMfaRegistered(id));
            var adminAgents = facts.Groups.Single(g => (string?)g["displayName"] == "AdminAgents");
            Assert.Equal(1, facts.Depth(SnapshotFacts.Id(adminAgents), id));
        }

        [Fact]
        public void DemoCommandWritesTheCommittedBytesAndRejectsBadArguments()
        {
            var folder = Directory.CreateTempSubdirectory("snapshotgen-");
            try
            {
                var outPath = Path.Combine(folder.FullName, "demo.json");
                var output = new StringWriter();
                Assert.Equal(0, Program.Run(new[] { "demo", "--out", outPath }, output, new StringWriter()));
                Assert.Equal(RepositoryFiles.Bytes(DemoTenant.SnapshotPath), File.ReadAllBytes(outPath));
                Assert.Contains("no warnings", output.ToString());

                var error = new StringWriter();
                Assert.Equal(2, Program.Run(new[] { "demo", "--out", outPath, "--verdict", "x.json" }, new StringWriter(), error));
                Assert.Contains("--verdict", error.ToString());
                Assert.Equal(2, Program.Run(new[] { "demo" }, new StringWriter(), new StringWriter()));
                Assert.Equal(2, Program.Run(new[] { "bogus" }, new StringWriter(), new StringWriter()));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        internal static JsonObject Demo() => (JsonObject)JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(DemoTenant.SnapshotPath)))!;

        internal static SnapshotFacts[] AllTenants()
        {
            var demo = Demo();
            return new[] { new SnapshotFacts(demo) }
                .Concat(((JsonArray)demo["customers"]!).Select(c => new SnapshotFacts((JsonObject)c!["snapshot"]!)))
                .ToArray();
        }

        internal static SnapshotFacts Tenant(string displayName) =>
            AllTenants().Single(t => (string?)t.Document["tenant"]!["displayName"] == displayName);
    }
}
