using System;
using System.IO;
using System.Linq;
using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Demo;
using PartnerSecurity.SnapshotGenerator.Model;
using PartnerSecurity.SnapshotGenerator.Scale;

namespace PartnerSecurity.SnapshotGenerator
{
    /// <summary>
    /// partnersecurity-snapshotgen: writes tenant snapshots (shared/tenant-snapshot-format.md) and checks each
    /// with the emulator's SnapshotReader before reporting success.
    /// </summary>
    internal static class Program
    {
        public const string Usage =
            "Usage:\n" +
            "  partnersecurity-snapshotgen demo --out <file> [--verdicts <file>] [--docs <file>]\n" +
            "      The demo partner Northwind Cloud Partners and its three customers. --verdicts writes the expected\n" +
            "      verdict of every user (tests/data/demo-expected-verdicts.json); --docs refreshes the persona tables\n" +
            "      in docs/demo-tenant.md.\n" +
            "  partnersecurity-snapshotgen scale --users N [--customers M] [--customer-users U] [--signins S]\n" +
            "                                    [--customer-signins C] [--seed K] --out <file>\n" +
            "      A synthetic partner tenant of exactly N users (and S sign-ins) for benchmarks, optionally with M\n" +
            "      customers of about U users each (C sign-ins per premium customer). Same arguments, same bytes.\n";

        public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

        public static int Run(string[] args, TextWriter output, TextWriter error)
        {
            try
            {
                var command = new CommandLine(args);
                switch (command.Command)
                {
                    case "demo": return Demo(command, output);
                    case "scale": return Scale(command, output);
                    case "help":
                    case "--help":
                    case "-h":
                        output.Write(Usage);
                        return 0;
                    default:
                        throw new UsageException($"Unknown command '{command.Command}'.");
                }
            }
            catch (UsageException ex)
            {
                error.WriteLine(ex.Message);
                error.Write(Usage);
                return 2;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is UnauthorizedAccessException || ex is SnapshotFormatException || ex is InvalidOperationException)
            {
                error.WriteLine("partnersecurity-snapshotgen: " + ex.Message);
                return 1;
            }
        }

        private static int Demo(CommandLine command, TextWriter output)
        {
            var outPath = command.RequiredString("out");
            var verdictsPath = command.String("verdicts");
            var docsPath = command.String("docs");
            command.RejectUnknown();

            var demo = DemoTenant.Build();
            SnapshotJson.WriteFile(outPath, demo.ToDocument());
            Validate(outPath, output);
            if (verdictsPath != null)
            {
                SnapshotJson.WriteFile(verdictsPath, demo.ExpectedVerdicts());
                output.WriteLine($"Wrote the expected verdicts of {demo.Tenants.Sum(t => t.People.Count)} users to {verdictsPath}.");
            }
            if (docsPath != null)
            {
                File.WriteAllText(docsPath, demo.UpdateDocs(File.ReadAllText(docsPath)));
                output.WriteLine($"Refreshed the persona tables in {docsPath}.");
            }
            return 0;
        }

        private static int Scale(CommandLine command, TextWriter output)
        {
            var options = new ScaleOptions
            {
                Users = (int)(command.Number("users") ?? throw new UsageException("--users is required.")),
                Customers = (int)(command.Number("customers") ?? 0),
                CustomerUsers = (int)(command.Number("customer-users") ?? 25),
                SignIns = (int)(command.Number("signins") ?? 0),
                CustomerSignIns = (int)(command.Number("customer-signins") ?? 0),
                Seed = command.Number("seed") ?? 1,
            };
            var outPath = command.RequiredString("out");
            command.RejectUnknown();
            SnapshotJson.WriteFile(outPath, ScaleTenant.Build(options).ToDocument());
            Validate(outPath, output);
            return 0;
        }

        /// <summary>Reads the written file back with the emulator's reader; its warnings are failures here.</summary>
        private static void Validate(string path, TextWriter output)
        {
            var snapshot = SnapshotReader.ReadFile(path);
            if (snapshot.Warnings.Count > 0) throw new InvalidOperationException("SnapshotReader warned: " + string.Join(" ", snapshot.Warnings));
            var customers = snapshot.Customers.Select(c => c.Snapshot).ToList();
            output.WriteLine($"Wrote {path}: {snapshot.Tenant.DisplayName}, {snapshot.Users.Count} users, {snapshot.Groups.Count} groups, " +
                $"{snapshot.ConditionalAccessPolicies.Count} CA policies, {snapshot.SignIns.Count} sign-ins; {customers.Count} customers with " +
                $"{customers.Sum(c => c.Users.Count)} users. SnapshotReader: valid, no warnings.");
        }
    }
}
