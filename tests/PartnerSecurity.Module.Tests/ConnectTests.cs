using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class ConnectTests
{
    [Fact]
    public void Connect_to_the_demo_tenant_returns_a_context_and_never_a_token()
    {
        using var session = new PowerShellSession();
        var context = Assert.Single(session.Run("Connect-PartnerSecurity -Demo").Output);
        Assert.Equal("PartnerSecurity.Connections.PartnerSecurityContext", context.BaseObject.GetType().FullName);
        Assert.Equal("Demo", context.Properties["Environment"].Value);
        Assert.Equal("Interactive", context.Properties["AuthMode"].Value);
        Assert.True((bool)context.Properties["HasMfaClaim"].Value);
        Assert.Matches("^[0-9a-f-]{36}$", (string)context.Properties["TenantId"].Value);
        var names = context.Properties.Select(p => p.Name).ToList();
        Assert.Equal(new[] { "TenantId", "TenantName", "Account", "AuthMode", "Environment", "HasMfaClaim", "ExpiresOn" }, names);
        foreach (var property in context.Properties)
            Assert.DoesNotMatch("^eyJ|^1\\.A|^0\\.A", property.Value?.ToString() ?? "");
    }

    [Fact]
    public void Connect_to_a_snapshot_signs_in_as_the_chosen_user_or_the_first_global_administrator()
    {
        var path = SnapshotFiles.Write(SnapshotFiles.Minimal());
        using var session = new PowerShellSession();
        var admin = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)}").Output.Single();
        Assert.Equal("admin@litware.onmicrosoft.com", admin.Properties["Account"].Value);
        Assert.Equal("Litware Partners", admin.Properties["TenantName"].Value);
        Assert.True((bool)admin.Properties["HasMfaClaim"].Value);

        var reader = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)} -UserPrincipalName reader@litware.onmicrosoft.com").Output.Single();
        Assert.Equal("reader@litware.onmicrosoft.com", reader.Properties["Account"].Value);
        Assert.False((bool)reader.Properties["HasMfaClaim"].Value, "the reader has no registered strong method, so the sign-in carries no MFA claim");
        Assert.Equal("reader@litware.onmicrosoft.com", session.Run("(Get-PartnerSecurityContext).Account").Output.Single().BaseObject);
    }

    [Fact]
    public void The_context_shows_as_a_list_a_person_can_read()
    {
        using var session = new PowerShellSession();
        var screen = session.Show("Connect-PartnerSecurity -Demo");
        Assert.Matches(@"Account\s+: \S+@\S+", screen);
        Assert.Matches(@"HasMfaClaim\s+: True", screen);
        Assert.DoesNotContain("eyJ", screen);
    }

    [Fact]
    public void Disconnect_forgets_the_context_and_cmdlets_then_say_to_connect()
    {
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var result = session.Run("Disconnect-PartnerSecurity; Get-PartnerSecurityContext; Get-PartnerSecurityDefaults");
        Assert.Empty(result.Output);
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.Equal("NotConnected,PartnerSecurity.Cmdlets.GetPartnerSecurityDefaultsCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-PartnerSecurity", error.ErrorDetails.RecommendedAction);
    }

    [Theory]
    [InlineData("Connect-PartnerSecurity -TenantId 'bad id'", "TenantId")]
    [InlineData("Connect-PartnerSecurity -TenantId 'contoso' -ApplicationId 0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f -ClientSecret ([System.Security.SecureString]::new())", "TenantId")]
    [InlineData("Connect-PartnerSecurity -TenantId contoso.com -ApplicationId 'not-a-guid' -ClientSecret ([System.Security.SecureString]::new())", "ApplicationId")]
    public void A_malformed_tenant_or_application_id_is_refused_before_any_sign_in(string command, string parameter)
    {
        using var session = new PowerShellSession();
        var result = session.Run(command);
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.Equal(parameter, ((ParameterBindingException)error.Exception).ParameterName);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(session.Run("Get-PartnerSecurityContext").Output);
    }

    [Fact]
    public void A_missing_snapshot_file_gives_one_error_naming_the_file_and_no_context()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Connect-PartnerSecurity -Snapshot ./no/such/tenant.json");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.StartsWith("SnapshotNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("tenant.json", error.Exception.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        // What exists today: the format page and -Demo, not an export cmdlet the module does not have.
        Assert.Contains("docs/snapshot-format.md", error.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("Export-", error.ErrorDetails.RecommendedAction);
        Assert.Empty(session.Run("Get-PartnerSecurityContext").Output);
    }

    [Fact]
    public void A_tenant_name_given_by_position_is_refused_not_read_as_a_snapshot_path()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Connect-PartnerSecurity contoso.onmicrosoft.com");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.StartsWith("PositionalParameterNotFound,", error.FullyQualifiedErrorId);
        Assert.Empty(session.Run("Get-PartnerSecurityContext").Output);
    }

    [Fact]
    public void A_malformed_snapshot_names_the_json_path_and_keeps_the_existing_connection()
    {
        var document = SnapshotFiles.Minimal();
        document["users"]![1]!["id"] = SnapshotFiles.AdminId;
        var path = SnapshotFiles.Write(document);
        using var session = new PowerShellSession();
        session.Run("Connect-PartnerSecurity -Demo");
        var result = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)}");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.StartsWith("InvalidSnapshot,", error.FullyQualifiedErrorId);
        Assert.Contains("$.users[1].id", error.Exception.Message);
        Assert.Contains(Path.GetFileName(path), error.Exception.Message);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Equal("Demo", session.Run("(Get-PartnerSecurityContext).Environment").Output.Single().BaseObject);
    }

    [Theory]
    [InlineData("{ not json", "not valid JSON")]
    [InlineData("{\"format\":\"something-else\"}", "unsupported format")]
    public void A_snapshot_that_does_not_parse_is_refused_clearly(string text, string problem)
    {
        using var session = new PowerShellSession();
        var result = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(SnapshotFiles.Write(text))}");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.Contains(problem, error.Exception.Message);
        Assert.Empty(session.Run("Get-PartnerSecurityContext").Output);
    }

    [Fact]
    public void A_snapshot_user_that_does_not_exist_is_named_in_the_error()
    {
        using var session = new PowerShellSession();
        var path = SnapshotFiles.Write(SnapshotFiles.Minimal());
        var result = session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)} -UserPrincipalName nobody@litware.onmicrosoft.com");
        var error = result.Terminating ?? Assert.Single(result.Errors);
        Assert.Contains("nobody@litware.onmicrosoft.com", error.Exception.Message);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Verbose_output_shows_each_http_call_without_codes_or_tokens()
    {
        using var session = new PowerShellSession();
        var result = session.Run("Connect-PartnerSecurity -Demo -Verbose");
        var lines = result.Verbose.Select(v => v.Message).ToList();
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^HTTP POST https://login\.microsoftonline\.com/\S+/oauth2/v2\.0/token(\?\S*)? -> 200"));
        Assert.Contains(lines, l => l.StartsWith("HTTP GET https://graph.microsoft.com/v1.0/organization"));
        Assert.All(lines, l => Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{10,}|[?&](code|state)=(?!\*\*\*)", l));
    }
    [Fact]
    public void The_demo_is_captured_now_so_dates_typed_from_the_real_clock_find_its_recent_sign_ins()
    {
        using var session = new PowerShellSession();
        session.Run("$null = Connect-PartnerSecurity -Demo");
        var now = DateTimeOffset.UtcNow;
        var captured = EmulatorAccess.OfConnection(session).CapturedDateTime;
        Assert.True((now - captured).Duration() < TimeSpan.FromMinutes(2), $"captured {captured:o}, now {now:o}");

        // README's example: the last three days of the real clock hold the demo's newest sign-ins.
        var recent = session.Run("Get-PartnerUserSignActivity -SingleFactorOnly -StartDate (Get-Date).AddDays(-3)");
        Assert.True(recent.Succeeded, string.Join(" | ", recent.Errors));
        Assert.NotEmpty(recent.Output);
        Assert.All(recent.Output, o => Assert.InRange((DateTimeOffset)o.Properties["CreatedDateTime"].Value, now.AddDays(-3).AddMinutes(-1), now));
    }

    [Fact]
    public void A_replayed_snapshot_keeps_the_time_it_was_captured()
    {
        using var session = new PowerShellSession();
        session.Run($"$null = Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(SnapshotFiles.Write(SnapshotFiles.Minimal()))}");
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:00:00Z"), EmulatorAccess.OfConnection(session).CapturedDateTime);
    }
}
