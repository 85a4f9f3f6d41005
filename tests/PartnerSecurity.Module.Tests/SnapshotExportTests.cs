using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Export-PartnerTenantSnapshot round trip on the demo partner: connect, export -AllCustomers, connect to the export; every
/// read cmdlet writes the same objects (compared as JSON), and no secret, key or token is in the file.
/// </summary>
public class SnapshotExportTests
{
    /// <summary>
    /// The read cmdlets, each compared on its own so a failure names it; warnings and errors are compared too. Tenants run
    /// concurrently and are written in the order they finish: objects are compared grouped by tenant, in their order within it.
    /// </summary>
    private static readonly string[] Reads =
    {
        "Get-PartnerMfaStatus -AllCustomers",
        "Get-PartnerSecurityDefaults -AllCustomers",
        "Get-PartnerCustomer",
        "Get-PartnerSecurityScore",
        "Get-PartnerSecurityScore -Requirement",
        "Get-PartnerSecurityScore -History",
        "Get-PartnerSecurityScore -CustomerInsight",
        "Get-PartnerSecurityAlert",
        "Get-PartnerMfaAdoption",
        "Get-PartnerMfaAdoption -User",
        "Get-PartnerMfaAdoption -Request",
        "Get-PartnerCustomerSpendingBudget",
        "Get-PartnerUserSignActivity -AllCustomers -IncludeNonInteractive",
        "Get-PartnerUserSignActivity",
        "Get-PartnerLegacyAuthUsage -AllCustomers",
        "Get-PartnerLegacyAuthUsage",
        "Invoke-PartnerSecurityAssessment -AllCustomers",
    };

    private static string Path(string name) => System.IO.Path.Combine(System.IO.Path.GetTempPath(), "partnersecurity-tests", Guid.NewGuid().ToString("N") + name);

    private static List<string> ReadAll(PowerShellSession session) => Reads.Select(command =>
    {
        var result = session.Run($"{command} | ForEach-Object {{ $_ | ConvertTo-Json -Depth 8 -Compress -WarningAction SilentlyContinue }}");
        // Masked: the assessment's AssessedAt, the moment it ran (the only read time in these objects).
        var output = result.Output.Select(o => System.Text.RegularExpressions.Regex.Replace(o.ToString(), "\"AssessedAt\":\"[^\"]*\"", "\"AssessedAt\":\"(masked)\""))
            .OrderBy(json => System.Text.RegularExpressions.Regex.Match(json, "\"TenantId\":\"([^\"]*)\"").Groups[1].Value, StringComparer.Ordinal);
        return $"{command}\n{string.Join("\n", output)}\nwarnings: {string.Join(" | ", result.Warnings.Select(w => w.Message).Order(StringComparer.Ordinal))}\nerrors: {string.Join(" | ", result.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal))}";
    }).ToList();

    [Fact]
    public void Every_read_cmdlet_gives_the_same_output_after_a_round_trip_of_the_demo()
    {
        var path = Path(".json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var (session, _) = DemoSession.Connect();
        using (session)
        {
            var before = ReadAll(session);
            // Each read writes objects, and its only errors are the demo's own (Adatum Legal's GDAP relationship has ended; Fabrikam
            // Dental has no P1/P2, so no sign-in log): the comparison is of real output.
            foreach (var read in before)
            {
                Assert.Contains("\n{", read);
                var errors = read.Substring(read.LastIndexOf("\nerrors: ", StringComparison.Ordinal) + 9);
                Assert.True(errors.Length == 0 || errors.Split(" | ").All(e => e.Contains("Adatum Legal") || (e.Contains("Fabrikam Dental") && e.Contains("P1 or P2"))), read);
            }
            var export = session.Run($"Export-PartnerTenantSnapshot {PowerShellSession.Quote(path)} -AllCustomers");
            Assert.Null(export.Terminating);
            // Adatum Legal's GDAP relationship has ended: one error names it, and it is kept without its directory.
            var error = Assert.Single(export.Errors);
            Assert.Contains("Adatum Legal", error.Exception.Message);
            Assert.Contains("without its directory", error.Exception.Message);
            Assert.Equal("", string.Join("\n", export.Warnings.Select(w => w.Message)));
            var connected = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)}");
            Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
            Assert.Equal("", string.Join("\n", connected.Warnings.Select(w => w.Message)));
            var after = ReadAll(session);
            var differ = Enumerable.Range(0, Reads.Length).Where(i => before[i] != after[i]).Select(i => $"BEFORE {before[i]}\nAFTER {after[i]}").ToList();
            Assert.True(differ.Count == 0, string.Join("\n\n", differ));
        }
    }

    [Fact]
    public void Without_customers_the_export_says_they_are_left_out()
    {
        var path = Path(".json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var (session, _) = DemoSession.Connect();
        using (session)
        {
            var export = session.Run($"Export-PartnerTenantSnapshot {PowerShellSession.Quote(path)}");
            Assert.True(export.Succeeded, string.Join(" | ", export.Errors));
            Assert.Contains(export.Warnings, w => w.Message.Contains("lists 3 customer(s)") && w.Message.Contains("-AllCustomers"));
            var text = File.ReadAllText(path);
            Assert.DoesNotContain("\"customers\"", text);
            Assert.Contains("\"partnerSecurity\"", text);

            // One customer piped from Get-PartnerCustomer: the partner and that customer, with its GDAP relationships and budget.
            var one = session.Run($"Get-PartnerCustomer -Name 'Tailspin Logistics' | Export-PartnerTenantSnapshot {PowerShellSession.Quote(path)} -PassThru");
            Assert.True(one.Succeeded, string.Join(" | ", one.Errors));
            Assert.Equal(2, (int)one.Output.Single().Properties["Tenants"].Value);
            var customers = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!["customers"]!.AsArray();
            var tailspin = (System.Text.Json.Nodes.JsonObject)customers.Single()!;
            Assert.Equal("Tailspin Logistics", (string?)tailspin["customer"]!["companyProfile"]!["companyName"]);
            Assert.NotEmpty(tailspin["gdapRelationships"]!.AsArray());
            Assert.NotNull(tailspin["usageBudget"]);
            Assert.NotEmpty(tailspin["snapshot"]!["users"]!.AsArray());
        }
    }

    [Fact]
    public void No_secret_key_or_token_enters_the_snapshot()
    {
        var path = Path(".json");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        using var session = new PowerShellSession();
        var connected = session.Run("Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        Assert.True(connected.Succeeded, string.Join(" | ", connected.Errors));
        // A SAM application with a client secret: the emulated Graph holds its value (applications are not exported).
        var apps = session.Run("""
            $secretApp = New-SecureAppModelApplication -DisplayName 'Snapshot SAM secret' -UseClientSecret
            $secretApp.ClientSecret | ConvertFrom-SecureString -AsPlainText
            """);
        Assert.True(apps.Succeeded, string.Join(" | ", apps.Errors));
        var secret = apps.Output.Last().ToString();
        Assert.True(secret.Length >= 16);
        var export = session.Run($"Export-PartnerTenantSnapshot {PowerShellSession.Quote(path)} -AllCustomers 3>$null");
        Assert.Null(export.Terminating);

        var text = File.ReadAllText(path);
        Assert.Contains("\"format\": \"partnersecurity-snapshot/1\"", text);
        Assert.Contains("Snapshot SAM secret", text); // its service principal is there: the export did read the tenant after the change
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain("secretText", text);
        Assert.DoesNotContain("passwordCredentials", text);
        Assert.DoesNotContain("keyCredentials", text);
        Assert.DoesNotContain("PRIVATE KEY", text);
        Assert.DoesNotContain("eyJ", text); // no JWT: access, ID or refresh token of this module's emulator
        Assert.DoesNotContain("refresh_token", text);
        Assert.DoesNotContain("access_token", text);
    }
}
