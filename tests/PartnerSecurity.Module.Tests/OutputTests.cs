using System.Management.Automation;
using System.Text.RegularExpressions;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// How output reads: the default views at 80 columns (redirected output: scheduled tasks, CI logs, > file) and at
/// 120, one line per object and never wider than the screen; CSV cells and JSON values a person can read.
/// </summary>
public class OutputTests
{
    private const string Fabrikam = "fabrikamdental.onmicrosoft.com";
    private const string Tailspin = "tailspinlogistics.onmicrosoft.com";

    /// <summary>Each cmdlet's objects on the demo, with a property that starts each object's line in the table.</summary>
    public static TheoryData<string, string, int> Views()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var width in new[] { 80, 120 })
        {
            data.Add("Get-PartnerMfaStatus -Status NotCompliant", "UserPrincipalName", width);
            data.Add("Get-PartnerMfaStatus -AllCustomers -ErrorAction SilentlyContinue 3>$null", "UserPrincipalName", width);
            data.Add("Get-PartnerSecurityDefaults; Get-PartnerSecurityDefaults -AllCustomers -ErrorAction SilentlyContinue", "TenantName", width);
            data.Add("Get-PartnerCustomer", "CompanyName", width);
            data.Add("Get-PartnerUserSignActivity -SingleFactorOnly", "CreatedDateTime", width);
            data.Add("Get-PartnerLegacyAuthUsage -AllCustomers -ErrorAction SilentlyContinue", "UserPrincipalName", width);
            data.Add($"Get-PartnerMfaStatus -CustomerTenantId {Tailspin} -Status Partial | Set-PartnerUserMfaState -State Enforced", "UserPrincipalName", width);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Views))]
    public void Each_default_table_takes_one_line_per_object_within_the_width(string command, string key, int width)
    {
        using var session = new PowerShellSession(width: width);
        session.Run("$null = Connect-PartnerSecurity -Demo");
        var shown = session.Show($"$objects = @({command}); $objects");
        var objects = session.Run("$objects").Output;
        Assert.NotEmpty(objects);
        var lines = shown.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} > {width}: {l}\n{shown}"));
        // Every line is a group header, a column header, its dashes, blank, or one object's row: no wrapped continuation lines.
        var rows = lines.Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("Tenant: ", StringComparison.Ordinal)).ToList();
        var dashes = rows.Count(l => Regex.IsMatch(l, @"^[- ]+$"));
        Assert.True(rows.Count - 2 * dashes == objects.Count, $"{objects.Count} objects, {rows.Count - 2 * dashes} rows:\n{shown}");
        foreach (var o in objects)
        {
            var value = o.Properties[key].Value;
            var start = value is DateTimeOffset d ? d.UtcDateTime.ToString("yyyy-MM-dd HH:mm") : value!.ToString()!;
            Assert.True(rows.Any(r => Starts(r, start)), $"no row starts with {start}:\n{shown}");
        }
    }

    // A row starts with the value, or with its first part cut by an ellipsis when the column is narrower.
    private static bool Starts(string row, string value)
    {
        var cell = row.TrimStart();
        int cut = cell.IndexOf('…');
        return cell.StartsWith(value, StringComparison.Ordinal) || (cut > 8 && value.StartsWith(cell[..cut], StringComparison.Ordinal));
    }

    [Fact]
    public void The_not_compliant_users_of_the_demo_take_one_line_each_at_80_columns_with_the_start_of_the_reason()
    {
        using var session = new PowerShellSession(width: 80);
        session.Run("$null = Connect-PartnerSecurity -Demo");
        var shown = session.Show("Get-PartnerMfaStatus -Status NotCompliant");
        var lines = shown.Split('\n').Where(l => l.Trim().Length > 0).ToList();
        var users = lines.Where(l => l.Contains("NotCompliant")).ToList();
        var expected = DemoSession.ExpectedVerdicts().Count(v => (string)v["tenant"]! == "Northwind Cloud Partners" && (string)v["status"]! == "NotCompliant");
        Assert.True(expected >= 5, "the demo's partner tenant has users not covered");
        Assert.Equal(expected, users.Count);
        Assert.Equal(users.Count + 3, lines.Count); // the tenant, the column names, the dashes
        Assert.All(users, l => Assert.Matches(@"NotCompliant\s+(True|False)\s+Nothing requires", l));
    }

    [Fact]
    public void Output_types_serialise_enums_by_name_and_lists_joined()
    {
        using var session = new PowerShellSession();
        // Every type a cmdlet declares: enum properties based on Int64 (ConvertTo-Json writes those by name), and
        // every list of strings a type whose ToString joins it (Export-Csv writes ToString()).
        var problems = session.Run("""
            $types = Get-Command -Module PartnerSecurity | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ } | Sort-Object FullName -Unique
            foreach ($type in $types) {
                foreach ($p in $type.GetProperties()) {
                    $t = $p.PropertyType
                    if ([Nullable]::GetUnderlyingType($t)) { $t = [Nullable]::GetUnderlyingType($t) }
                    if ($t.IsEnum -and [Enum]::GetUnderlyingType($t) -ne [long]) { "$($type.Name).$($p.Name): enum $($t.Name) is not based on long" }
                    if ($t -ne [string] -and [System.Collections.IEnumerable].IsAssignableFrom($t) -and $t.GetMethod('ToString', [type[]]@()).DeclaringType -eq [object]) {
                        "$($type.Name).$($p.Name): $($t.Name) exports as a type name"
                    }
                }
            }
            "checked $(@($types).Count) types"
            """).Output.Select(o => o.ToString()).ToList();
        Assert.Matches(@"checked (1[0-9]|[2-9][0-9]) types", problems.Last());
        Assert.Equal(new[] { problems.Last() }, problems);
    }

    [Fact]
    public void Csv_cells_and_json_values_of_the_demo_read_as_names_and_joined_lists()
    {
        using var session = new PowerShellSession();
        session.Run("$null = Connect-PartnerSecurity -Demo");
        var csv = session.Run("""
            @(Get-PartnerMfaStatus -IncludePerUserMfaState) + @(Get-PartnerCustomer) + @(Get-PartnerSecurityDefaults) + @(Get-PartnerLegacyAuthUsage) |
                ForEach-Object { $_ | ConvertTo-Csv -NoTypeInformation | Select-Object -Skip 1 }
            """).Output.Select(o => o.ToString()!).ToList();
        Assert.True(csv.Count > 60);
        Assert.All(csv, row => Assert.DoesNotMatch(@"""(System|Microsoft|PartnerSecurity)\.[\w.`\[\]]+""", row));
        Assert.Contains(csv, row => row.Contains("\"CA001: Require MFA for all users (group CA-Excluded-Baseline-MFA)\""));
        Assert.Contains(csv, row => Regex.IsMatch(row, @"""[^""]+; [^""]+""")); // a list of several, joined

        var json = session.Run("Get-PartnerMfaStatus -UserPrincipalName casey.morgan@northwindcloud.com | ConvertTo-Json -Compress").Output.Single().ToString()!;
        Assert.Contains("\"Status\":\"NotCompliant\"", json);
        Assert.Matches(@"""ExcludedFrom"":\[""CA001[^""]*""\]", json);
        var findings = session.Run("""
            $file = Join-Path ([IO.Path]::GetTempPath()) ("finding-" + [guid]::NewGuid().ToString('N') + ".ps1")
            Set-Content $file "Connect-MsolService -Credential `$cred"
            try { Find-PartnerCredentialUsage -LiteralPath $file | ConvertTo-Json -Compress } finally { Remove-Item $file }
            """).Output.Single().ToString()!;
        Assert.Matches(@"""Kind"":""UserCredential""", findings);
        Assert.Matches(@"""Severity"":""(Low|Medium|High)""", findings);

        // And in the pipeline they are still what they were: a status compares with its name, a list is a list.
        var piped = session.Run("""
            $v = Get-PartnerMfaStatus -UserPrincipalName casey.morgan@northwindcloud.com
            $v.Status -eq 'NotCompliant'; $v.ExcludedFrom.Count; $v.ExcludedFrom[0] -like 'CA001*'; $v.ExcludedFrom -contains $v.ExcludedFrom[0]
            """).Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "True", "1", "True", "True" }, piped);
    }
}
