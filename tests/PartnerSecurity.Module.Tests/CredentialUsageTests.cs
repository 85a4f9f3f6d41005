using System.Management.Automation;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Find-PartnerCredentialUsage as a user runs it over a folder of scripts. The hosted engine has no Get-ChildItem
/// (only the engine's core cmdlets), so file objects come from [System.IO.DirectoryInfo]::EnumerateFiles, which
/// gives the same FileInfo objects Get-ChildItem -File does (bound by FullName); PSPath-bound input is tested with
/// the provider-qualified paths Get-ChildItem adds. tests/Pester/CredentialUsage.Tests.ps1 pipes Get-ChildItem itself.
/// </summary>
public sealed class CredentialUsageTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ps-estate-" + Guid.NewGuid().ToString("N"));

    public CredentialUsageTests()
    {
        Write("Connect-Tenants.ps1", """
            Import-Module MSOnline
            $User = 'admin@contoso.onmicrosoft.com'
            $Password = ConvertTo-SecureString 'Pa55w.rd-Estate' -AsPlainText -Force
            $Credential = [pscredential]::new($User, $Password)
            Connect-MsolService -Credential $Credential
            """);
        Write("clean.ps1", """
            # Connect-MsolService -Credential $cred   (the old way, kept as a comment)
            Connect-MgGraph -ClientId $appId -TenantId $tenant -CertificateThumbprint $thumbprint
            Get-MgUser -All | Where-Object { $_.AccountEnabled }
            """);
        Write("notes.txt", "Connect-MsolService -Credential $cred");
        Write(Path.Combine("modules", "Tenant", "Tenant.psm1"), """
            function Connect-Tenant {
                param([pscredential] $Credential, [string] $TenantId)
                $params = @{ TenantId = $TenantId }
                $params.Credential = $Credential
                Connect-AzureAD @params
            }

            function Get-LegacyToken {
                $body = @{ grant_type = 'password'; username = $user; password = $pass; resource = 'https://graph.windows.net' }
                Invoke-RestMethod -Method Post -Uri "https://login.microsoftonline.com/$tenant/oauth2/token" -Body $body
            }
            """);
        Write(Path.Combine("modules", "Tenant", "Tenant.psd1"), "@{ RootModule = 'Tenant.psm1'; ModuleVersion = '1.0.0'; RequiredModules = @('AzureAD') }");
        Write(Path.Combine("legacy", "exchange", "Old-Exchange.ps1"), """
            $s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $cred -Authentication Basic -AllowRedirection
            Import-PSSession $s
            """);
        Write(Path.Combine("legacy", "broken.ps1"), "function Sync-Tenants {\n    foreach ($t in $tenants) {\n        Connect-AzureAD -Credential $c\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private string P(string relative) => Path.Combine(_root, relative);

    private (string Path, int Line, string Kind)[] Expected() => new[]
    {
        (P("Connect-Tenants.ps1"), 1, "LegacyModule"),
        (P("Connect-Tenants.ps1"), 3, "PlainTextPassword"),
        (P("Connect-Tenants.ps1"), 5, "UserCredential"),
        (P(Path.Combine("legacy", "broken.ps1")), 3, "UserCredential"),
        (P(Path.Combine("legacy", "exchange", "Old-Exchange.ps1")), 1, "BasicAuthRemoting"),
        (P(Path.Combine("modules", "Tenant", "Tenant.psd1")), 1, "LegacyModule"),
        (P(Path.Combine("modules", "Tenant", "Tenant.psm1")), 5, "UserCredential"),
        (P(Path.Combine("modules", "Tenant", "Tenant.psm1")), 9, "PasswordGrant"),
    };

    private static (string, int, string)[] Rows(InvocationResult result) =>
        result.Output.Select(o => ((string)o.Properties["Path"].Value, (int)o.Properties["Line"].Value, o.Properties["Kind"].Value.ToString()!)).ToArray();

    private void AssertBrokenFileError(InvocationResult result)
    {
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ScriptParseError,PartnerSecurity.Cmdlets.FindPartnerCredentialUsageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal(P(Path.Combine("legacy", "broken.ps1")), error.TargetObject);
        Assert.Contains(P(Path.Combine("legacy", "broken.ps1")), error.ToString());
        Assert.Contains("line 1", error.ToString());
        Assert.Contains("Fix the syntax error", error.ErrorDetails.RecommendedAction);
        // The findings of the part the parser read come beside the error, marked.
        var marked = result.Output.Where(o => (bool)o.Properties["FileHasParseErrors"].Value).Select(o => (string)o.Properties["Path"].Value).ToList();
        Assert.Equal(new[] { P(Path.Combine("legacy", "broken.ps1")) }, marked);
    }

    [Fact]
    public void The_scanner_ships_in_the_dependencies_folder_and_uses_the_engine_that_loaded_the_module()
    {
        var root = Path.GetDirectoryName(HostedEngine.ModuleManifest)!;
        Assert.True(File.Exists(Path.Combine(root, "dependencies", "PartnerSecurity.ScriptAnalysis.dll")));
        Assert.False(File.Exists(Path.Combine(root, "dependencies", "System.Management.Automation.dll")));
        using var session = new PowerShellSession();
        var result = session.Run($"(Find-PartnerCredentialUsage {PowerShellSession.Quote(P("Connect-Tenants.ps1"))})[0].GetType().Assembly.Location");
        Assert.Equal(Path.Combine(root, "dependencies", "PartnerSecurity.ScriptAnalysis.dll"), (string)result.Output.Single().BaseObject);
    }

    [Fact]
    public void A_folder_tree_piped_as_file_objects_gives_its_findings_in_path_and_line_order()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"[System.IO.DirectoryInfo]::new({PowerShellSession.Quote(_root)}).EnumerateFiles('*', 'AllDirectories') | Find-PartnerCredentialUsage");
        Assert.Equal(Expected(), Rows(result));
        AssertBrokenFileError(result);
    }

    [Fact]
    public void A_folder_given_with_Recurse_gives_the_same_findings()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Find-PartnerCredentialUsage -Path {PowerShellSession.Quote(_root)} -Recurse");
        Assert.Equal(Expected(), Rows(result));
        AssertBrokenFileError(result);
    }

    [Fact]
    public void Without_Recurse_only_the_folder_itself_is_scanned_and_Include_narrows_the_files()
    {
        using var session = new PowerShellSession();
        var top = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(_root)}");
        Assert.True(top.Succeeded);
        Assert.Equal(Expected().Take(3), Rows(top));

        var manifests = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(_root)} -Recurse -Include *.psd1");
        Assert.True(manifests.Succeeded);
        Assert.Equal(new[] { Expected()[5] }, Rows(manifests));

        var wildcard = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(Path.Combine(_root, "Connect-*.ps1"))}");
        Assert.Equal(Expected().Take(3), Rows(wildcard));
    }

    [Fact]
    public void Provider_qualified_paths_bind_by_PSPath()
    {
        using var session = new PowerShellSession();
        var psPath = @"Microsoft.PowerShell.Core\FileSystem::" + P(Path.Combine("modules", "Tenant", "Tenant.psm1"));
        var result = session.Run($"[pscustomobject]@{{ PSPath = {PowerShellSession.Quote(psPath)} }} | Find-PartnerCredentialUsage");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal(Expected().Skip(6), Rows(result));
    }

    [Fact]
    public void A_missing_path_is_an_error_naming_it_and_the_other_paths_are_scanned()
    {
        using var session = new PowerShellSession();
        var missing = P("no-such-folder");
        var result = session.Run($"Find-PartnerCredentialUsage -Path {PowerShellSession.Quote(missing)}, {PowerShellSession.Quote(P("Connect-Tenants.ps1"))}");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("PathNotFound,PartnerSecurity.Cmdlets.FindPartnerCredentialUsageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.Contains(missing, error.ToString());
        Assert.Equal(Expected().Take(3), Rows(result));
    }

    [Fact]
    public void Files_that_are_not_scripts_are_skipped_with_a_warning_when_nothing_is_left()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Find-PartnerCredentialUsage -LiteralPath {PowerShellSession.Quote(P("notes.txt"))} -Verbose");
        Assert.True(result.Succeeded);
        Assert.Empty(result.Output);
        Assert.Contains(result.Verbose, v => v.Message.Contains(P("notes.txt")) && v.Message.Contains("-Include"));
        Assert.Contains("No file to scan", Assert.Single(result.Warnings).Message);

        var text = session.Run($"Find-PartnerCredentialUsage -LiteralPath {PowerShellSession.Quote(P("notes.txt"))} -Include *.txt");
        Assert.Equal(new[] { (P("notes.txt"), 1, "UserCredential") }, Rows(text));
    }

    [Fact]
    public void Findings_carry_the_recommendation_and_never_the_literal_password()
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(_root)} -Recurse");
        var all = result.Output.Select(o => string.Join("\n", o.Properties.Select(p => $"{p.Name}={p.Value}"))).ToList();
        Assert.All(all, text => Assert.DoesNotContain("Pa55w.rd-Estate", text));
        var plain = result.Output.Single(o => o.Properties["Kind"].Value.ToString() == "PlainTextPassword");
        Assert.Equal("$Password = ConvertTo-SecureString '***' -AsPlainText -Force", plain.Properties["Snippet"].Value);
        Assert.Equal("High", plain.Properties["Severity"].Value.ToString());
        var msol = result.Output.Single(o => (string)o.Properties["Command"].Value == "Connect-MsolService");
        Assert.Equal("MSOnline", msol.Properties["Module"].Value);
        Assert.Contains("Microsoft.Graph", (string)msol.Properties["Recommendation"].Value);
        Assert.Contains("New-SecureAppModelApplication", (string)msol.Properties["Recommendation"].Value);
        Assert.Contains("Connect-PartnerSecurity -ApplicationId", (string)msol.Properties["Recommendation"].Value);
        Assert.Equal((5, 1), ((int)msol.Properties["Line"].Value, (int)msol.Properties["Column"].Value));
    }

    [Fact]
    public void Progress_counts_files_done_out_of_the_total_and_completes()
    {
        using var session = new PowerShellSession();
        session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(_root)} -Recurse");
        var progress = session.UI.Progress.Where(p => p.Activity == "Find-PartnerCredentialUsage").ToList();
        Assert.NotEmpty(progress);
        Assert.Contains(progress, p => p.StatusDescription == "Scanned 1 of 6 files" && p.PercentComplete == 16);
        Assert.Equal(ProgressRecordType.Completed, progress[^1].RecordType);
        Assert.Equal("Scanned 6 of 6 files", progress[^1].StatusDescription);
    }

    [Fact]
    public void The_default_view_groups_findings_by_script_in_a_table_that_fits_120_columns()
    {
        using var session = new PowerShellSession();
        var screen = session.Show($"Find-PartnerCredentialUsage {PowerShellSession.Quote(_root)} -Recurse");
        var lines = screen.Split('\n');
        Assert.Contains(lines, l => l.Trim() == "Script: " + P("Connect-Tenants.ps1"));
        Assert.Contains(lines, l => l.Trim() == "Script: " + P(Path.Combine("modules", "Tenant", "Tenant.psm1")));
        Assert.Contains(lines, l => l.Contains("Line") && l.Contains("Severity") && l.Contains("Kind") && l.Contains("Command") && l.Contains("Snippet"));
        Assert.Contains(lines, l => l.Contains("    5 Medium   UserCredential    Connect-MsolService") && l.Contains("Connect-MsolService -Credential $Credential"));
        Assert.Contains(lines, l => l.Contains("    3 High     PlainTextPassword ConvertTo-SecureString"));
        Assert.Contains(lines, l => l.Contains("does not parse") && l.Contains("broken.ps1"));
        // The table fits; error messages are the host's to wrap.
        var table = lines.Where(l => !l.StartsWith("Find-PartnerCredentialUsage:") && !l.StartsWith("  Next:")).ToList();
        Assert.All(table, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_an_error_naming_it_and_the_scan_goes_on()
    {
        var large = P("large.ps1");
        File.WriteAllText(large, "Connect-MsolService -Credential $c\n" + new string('#', 300_000));
        using var session = new PowerShellSession();
        var result = session.Run($"Find-PartnerCredentialUsage -LiteralPath {PowerShellSession.Quote(large)}, {PowerShellSession.Quote(P("Connect-Tenants.ps1"))} -MaximumFileSize 100KB");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("ScriptTooLarge,PartnerSecurity.Cmdlets.FindPartnerCredentialUsageCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("-MaximumFileSize", error.ErrorDetails.RecommendedAction);
        Assert.Equal(Expected().Take(3), Rows(result));
    }

    [Fact]
    public void A_script_in_the_ANSI_code_page_is_read_as_Windows_PowerShell_reads_it_and_said_so()
    {
        // Windows-1252: an en dash (0x96) before AsPlainText, as Word and ISE users type it.
        var path = P("ansi.ps1");
        File.WriteAllBytes(path, System.Text.Encoding.ASCII.GetBytes("$s = ConvertTo-SecureString 'Winter-2024' ").Concat(new byte[] { 0x96 })
            .Concat(System.Text.Encoding.ASCII.GetBytes("AsPlainText -Force\n")).ToArray());
        using var session = new PowerShellSession();
        var result = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(path)} -Verbose");
        var finding = Assert.Single(result.Output);
        Assert.Equal("PlainTextPassword", finding.Properties["Kind"].Value.ToString());
        Assert.Equal("windows-1252", finding.Properties["Encoding"].Value);
        Assert.Contains(result.Verbose, v => v.Message.Contains(path) && v.Message.Contains("windows-1252") && v.Message.Contains("ANSI"));

        var chosen = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(path)} -AnsiEncoding 1250");
        Assert.Equal("windows-1250", Assert.Single(chosen.Output).Properties["Encoding"].Value);

        var unknown = session.Run($"Find-PartnerCredentialUsage {PowerShellSession.Quote(path)} -AnsiEncoding no-such-code-page");
        var refused = unknown.Terminating ?? Assert.Single(unknown.Errors);
        Assert.StartsWith("UnknownAnsiEncoding,", refused.FullyQualifiedErrorId);
        Assert.Empty(unknown.Output);
    }

    [Fact]
    public void Ctrl_C_stops_the_scan_within_a_second_even_inside_a_large_script()
    {
        // About 8 MB of ordinary script: seconds of parsing, which PowerShell's parser cannot interrupt.
        var path = P("large-estate.ps1");
        var text = new System.Text.StringBuilder();
        for (int i = 0; text.Length < 8 * 1024 * 1024; i++)
            text.Append("$report").Append(i).Append(" = [pscustomobject]@{ Tenant = $tenant; Users = $users.Count; Checked = (Get-Date) }\n");
        File.WriteAllText(path, text.ToString());
        using var session = new PowerShellSession();
        using var ps = PowerShell.Create();
        ps.Runspace = session.Engine.Runspace;
        ps.AddCommand("Find-PartnerCredentialUsage").AddParameter("LiteralPath", path);
        var running = ps.BeginInvoke();
        Thread.Sleep(500);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        ps.Stop(); // what Ctrl+C does
        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"stopping took {watch.Elapsed}");
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
    }
}
