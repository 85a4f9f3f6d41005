using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.SnapshotGenerator;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Scale;
using Xunit;

namespace PartnerSecurity.Tools.Tests.SnapshotGenerator
{
    /// <summary>`scale` writes exactly what was asked, in realistic proportions, reproducibly, and the emulator reads it.</summary>
    public class ScaleGeneratorTests
    {
        private static string Generate(ScaleOptions options) => SnapshotJson.Serialize(ScaleTenant.Build(options).ToDocument());

        [Fact]
        public void ProducesTheRequestedCountsInADocumentTheReaderAccepts()
        {
            var json = Generate(new ScaleOptions { Users = 3000, Customers = 4, CustomerUsers = 20, SignIns = 700, CustomerSignIns = 25, Seed = 7 });
            var snapshot = SnapshotReader.Read(json, "scale");
            Assert.Empty(snapshot.Warnings);
            Assert.Equal(3000, snapshot.Users.Count);
            Assert.Equal(3000, snapshot.UserRegistrationDetails.Count);
            Assert.Equal(700, snapshot.SignIns.Count);
            Assert.Equal(4, snapshot.Customers.Count);
            Assert.All(snapshot.Customers, c =>
            {
                Assert.InRange(c.Snapshot.Users.Count, 10, 30);
                Assert.Equal(c.Snapshot.Tenant.PremiumLicense ? 25 : 0, c.Snapshot.SignIns.Count);
                Assert.Single(c.GdapRelationships);
            });

            var facts = new SnapshotFacts((JsonObject)JsonNode.Parse(json)!);
            Assert.InRange(facts.Groups.Count, 40, 60);
            Assert.True(facts.MaxGroupNesting() >= 3);
            Assert.Contains(facts.Groups, g => g["isAssignableToRole"]?.GetValue<bool>() == true);
            var types = facts.Users.Select(SnapshotFacts.ExternalType).Where(t => t != null).Distinct().Count();
            Assert.Equal(3, types);
            int guests = facts.Users.Count(u => SnapshotFacts.ExternalType(u) != null);
            int disabled = facts.Users.Count(u => !SnapshotFacts.Enabled(u));
            int perUser = facts.Items("perUserMfa").Count(e => (string?)e["perUserMfaState"] != "disabled");
            Assert.InRange(guests, 60, 120);
            Assert.InRange(disabled, 60, 180);
            Assert.InRange(perUser, 40, 150);
            Assert.NotEmpty(facts.Items("roleEligibilitySchedules"));
            Assert.Contains(facts.Policies, p => SnapshotFacts.Strings(p["conditions"]!["users"]!["includeGroups"]).Count > 0);
            Assert.Contains(facts.Users, u => ((string)u["userPrincipalName"]!).Contains('\''));

            var first = facts.Users[0];
            Assert.Contains(SnapshotFacts.GlobalAdministrator, facts.ActiveRoles(SnapshotFacts.Id(first)));
            Assert.True(facts.IsMfaRegistered(SnapshotFacts.Id(first)));
            Assert.Equal(1, facts.Depth(SnapshotFacts.Id(facts.Groups.Single(g => (string?)g["displayName"] == "AdminAgents")), SnapshotFacts.Id(first)));
        }

        [Fact]
        public void TwentyThousandUsersAsInTheBenchmarks()
        {
            var snapshot = SnapshotReader.Read(Generate(new ScaleOptions { Users = 20000, SignIns = 5000, Seed = 1 }), "scale-20k");
            Assert.Empty(snapshot.Warnings);
            Assert.Equal(20000, snapshot.Users.Count);
            Assert.Equal(5000, snapshot.SignIns.Count);
            Assert.InRange(snapshot.Groups.Count, 300, 400);
        }

        [Fact]
        public void SameSeedSameBytesOtherSeedOtherBytes()
        {
            var options = new ScaleOptions { Users = 400, Customers = 2, SignIns = 100, Seed = 3 };
            Assert.Equal(Generate(options), Generate(options));
            Assert.NotEqual(Generate(options), Generate(options with { Seed = 4 }));
        }

        [Fact]
        public void ScaleCommandWritesAValidFileAndRejectsBadArguments()
        {
            var folder = Directory.CreateTempSubdirectory("snapshotgen-");
            try
            {
                var outPath = Path.Combine(folder.FullName, "scale.json");
                Assert.Equal(0, Program.Run(new[] { "scale", "--users", "250", "--customers", "1", "--signins", "40", "--seed", "9", "--out", outPath }, new StringWriter(), new StringWriter()));
                var snapshot = SnapshotReader.ReadFile(outPath);
                Assert.Equal(250, snapshot.Users.Count);
                Assert.Equal(40, snapshot.SignIns.Count);
                Assert.Single(snapshot.Customers);

                Assert.Equal(2, Program.Run(new[] { "scale", "--out", outPath }, new StringWriter(), new StringWriter()));
                Assert.Equal(2, Program.Run(new[] { "scale", "--users", "many", "--out", outPath }, new StringWriter(), new StringWriter()));
                Assert.Equal(1, Program.Run(new[] { "scale", "--users", "3", "--out", outPath }, new StringWriter(), new StringWriter()));
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }
    }
}
