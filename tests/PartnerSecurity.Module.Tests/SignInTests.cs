using System.Management.Automation;
using System.Security;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>Every parameter set of Connect-PartnerSecurity, against an emulated cloud (-Snapshot) as a user types it.</summary>
public class SignInTests
{
    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    private static (PowerShellSession Session, string Path) Start(System.Security.Cryptography.X509Certificates.X509Certificate2? runbookCertificate = null)
    {
        var path = SnapshotFiles.Write(SamSnapshot.Document(runbookCertificate));
        return (new PowerShellSession(), PowerShellSession.Quote(path));
    }

    private static PSObject Context(PowerShellSession session, string command)
    {
        var result = session.Run(command);
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.ToString()).Append(result.Terminating?.ToString() ?? "")));
        return Assert.Single(result.Output);
    }

    [Fact]
    public void Interactive_sign_in_in_a_snapshot_runs_the_browser_flow_as_the_chosen_user()
    {
        var (session, path) = Start();
        using var _ = session;
        var context = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -UserPrincipalName {SamSnapshot.NoMfaAdmin}");
        Assert.Equal("Interactive", context.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.NoMfaAdmin, context.Properties["Account"].Value);
        Assert.False((bool)context.Properties["HasMfaClaim"].Value);
        Assert.Equal(1, EmulatorAccess.OfConnection(session).BrowserSignIns);
    }

    [Fact]
    public void Device_code_sign_in_shows_the_code_as_a_warning_and_polls_to_success()
    {
        var (session, path) = Start();
        using var _ = session;
        var result = session.Run($"Connect-PartnerSecurity -Snapshot {path} -UseDeviceCode");
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors));
        Assert.Equal("DeviceCode", Assert.Single(result.Output).Properties["AuthMode"].Value);
        Assert.Contains(result.Warnings, w => System.Text.RegularExpressions.Regex.IsMatch(w.Message, "https://microsoft.com/devicelogin and enter the code [A-Z0-9]{9}"));
        Assert.Equal(0, EmulatorAccess.OfConnection(session).BrowserSignIns);
    }

    [Fact]
    public void App_only_with_a_client_secret_or_a_credential()
    {
        var (session, path) = Start();
        using var _ = session;
        session.Engine.Runspace.SessionStateProxy.SetVariable("secret", Secure(SamSnapshot.RunbookSecret));
        var bySecret = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -ApplicationId {SamSnapshot.RunbookAppId} -ClientSecret $secret");
        Assert.Equal("ClientSecret", bySecret.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.TenantId, bySecret.Properties["TenantId"].Value);

        var byCredential = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -Credential ([pscredential]::new('{SamSnapshot.RunbookAppId}', $secret))");
        Assert.Equal("ClientSecret", byCredential.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.RunbookAppId, byCredential.Properties["Account"].Value);

        session.Engine.Runspace.SessionStateProxy.SetVariable("wrong", Secure("not-the-secret"));
        var refused = session.Run($"Connect-PartnerSecurity -Snapshot {path} -ApplicationId {SamSnapshot.RunbookAppId} -ClientSecret $wrong");
        var error = refused.Terminating ?? Assert.Single(refused.Errors);
        Assert.StartsWith("InvalidClientCredential,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("not-the-secret", error.ToString() + error.Exception);
    }

    [Fact]
    public void App_only_with_a_certificate_object()
    {
        var certificate = SamSnapshot.Certificate("Runbook certificate");
        var (session, path) = Start(certificate);
        using var _ = session;
        session.Engine.Runspace.SessionStateProxy.SetVariable("certificate", certificate);
        var context = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -ApplicationId {SamSnapshot.RunbookAppId} -Certificate $certificate -TenantId {SamSnapshot.Domain}");
        Assert.Equal("Certificate", context.Properties["AuthMode"].Value);
        Assert.False((bool)context.Properties["HasMfaClaim"].Value);
    }

    [Fact]
    public void A_managed_identity_connects_through_the_metadata_endpoint()
    {
        var (session, path) = Start();
        using var _ = session;
        var context = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -Identity");
        Assert.Equal("ManagedIdentity", context.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.ManagedIdentityAppId, context.Properties["Account"].Value);
        Assert.Equal("Northwind Cloud Partners", context.Properties["TenantName"].Value);

        var userAssigned = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -Identity -ClientId {SamSnapshot.ManagedIdentityAppId}");
        Assert.Equal(SamSnapshot.ManagedIdentityAppId, userAssigned.Properties["Account"].Value);

        var missing = session.Run($"Connect-PartnerSecurity -Snapshot {path} -Identity -ClientId 00000000-0000-0000-0000-00000000abcd");
        Assert.StartsWith("ManagedIdentityUnavailable,", (missing.Terminating ?? Assert.Single(missing.Errors)).FullyQualifiedErrorId);
    }

    [Fact]
    public void A_managed_identity_connects_through_IDENTITY_ENDPOINT_as_Automation_Functions_and_App_Service_give_it()
    {
        var path = SnapshotFiles.Write(SamSnapshot.Document());
        var environment = new Dictionary<string, string>
        {
            ["IDENTITY_ENDPOINT"] = "http://127.0.0.1:41873/msi/token",
            ["IDENTITY_HEADER"] = "a1b2c3d4-identity-header",
        };
        var run = Pwsh.Run(
            $"$c = Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(path)} -Identity -Verbose 4>&1 | ForEach-Object {{ if ($_ -is [string] -or $_ -is [System.Management.Automation.VerboseRecord]) {{ 'VERBOSE ' + $_ }} else {{ 'CONTEXT ' + $_.AuthMode + ' ' + $_.Account + ' ' + $_.TenantName }} }}; $c",
            environment: environment, timeout: TimeSpan.FromSeconds(90));
        Assert.True(run.ExitCode == 0, run.Output + run.Errors);
        Assert.Contains($"CONTEXT ManagedIdentity {SamSnapshot.ManagedIdentityAppId} Northwind Cloud Partners", run.Output);
        Assert.Contains("http://127.0.0.1:41873/msi/token", run.Output);
        Assert.DoesNotContain("169.254.169.254", run.Output);
    }

    [Fact]
    public void A_sign_in_kept_for_one_emulated_cloud_is_never_reused_in_another_with_the_same_tenant_id()
    {
        // Two snapshots of the same tenant: in the second, the first one's administrator is disabled.
        var first = PowerShellSession.Quote(SnapshotFiles.Write(SamSnapshot.Document()));
        var changed = SamSnapshot.Document();
        changed["users"]![0]!["accountEnabled"] = false;
        var second = PowerShellSession.Quote(SnapshotFiles.Write(changed));
        using var session = new PowerShellSession();
        try
        {
            Assert.Equal(SamSnapshot.Agent, Context(session, $"Connect-PartnerSecurity -Snapshot {first} -ContextScope CurrentUser 3>$null").Properties["Account"].Value);
            var again = Context(session, $"Connect-PartnerSecurity -Snapshot {second} -ContextScope CurrentUser 3>$null");
            Assert.Equal(SamSnapshot.NoMfaAdmin, again.Properties["Account"].Value);
        }
        finally
        {
            session.Run("Disconnect-PartnerSecurity -ClearTokenCache");
        }
    }

    [Fact]
    public void A_token_brought_by_the_user_connects_and_an_expired_or_malformed_one_is_refused()
    {
        var (session, path) = Start();
        using var _ = session;
        Context(session, $"Connect-PartnerSecurity -Snapshot {path}");
        var emulator = EmulatorAccess.OfConnection(session);
        session.Engine.Runspace.SessionStateProxy.SetVariable("token", Secure(emulator.IssueUserAccessToken(SamSnapshot.Agent, "https://graph.microsoft.com/.default")));
        var context = Context(session, $"Connect-PartnerSecurity -Snapshot {path} -AccessToken $token");
        Assert.Equal("AccessToken", context.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.Agent, context.Properties["Account"].Value);
        Assert.True((bool)context.Properties["HasMfaClaim"].Value);
        var defaults = session.Run("Get-PartnerSecurityDefaults");
        Assert.True(defaults.Succeeded);

        session.Engine.Runspace.SessionStateProxy.SetVariable("junk", Secure("definitely not a jwt"));
        var malformed = session.Run($"Connect-PartnerSecurity -Snapshot {path} -AccessToken $junk");
        Assert.StartsWith("InvalidAccessToken,", (malformed.Terminating ?? Assert.Single(malformed.Errors)).FullyQualifiedErrorId);

        emulator.Advance(TimeSpan.FromHours(3));
        var expired = session.Run($"Connect-PartnerSecurity -Snapshot {path} -AccessToken $token");
        var error = expired.Terminating ?? Assert.Single(expired.Errors);
        Assert.StartsWith("AccessTokenExpired,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
    }

    [Theory]
    [InlineData("Connect-PartnerSecurity -Demo -Environment USGov", "CloudConflict")]
    [InlineData("Connect-PartnerSecurity -Demo -Snapshot ./x.json", "CloudConflict")]
    public void Conflicting_clouds_are_refused_before_any_sign_in(string command, string errorId)
    {
        using var session = new PowerShellSession();
        var result = session.Run(command);
        Assert.StartsWith(errorId + ",", (result.Terminating ?? Assert.Single(result.Errors)).FullyQualifiedErrorId);
        Assert.Empty(session.Run("Get-PartnerSecurityContext").Output);
    }

    [Fact]
    public void Test_PartnerSecurityRequirement_returns_an_object_for_the_session_or_a_given_token()
    {
        var (session, path) = Start();
        using var _ = session;
        Context(session, $"Connect-PartnerSecurity -Snapshot {path} -UserPrincipalName {SamSnapshot.NoMfaAdmin}");
        var failed = session.Run("Test-PartnerSecurityRequirement").Output.Single();
        Assert.Equal("PartnerSecurity.SecureAppModel.PartnerSecurityRequirementResult", failed.BaseObject.GetType().FullName);
        Assert.False((bool)failed.Properties["Passed"].Value);
        Assert.Equal(SamSnapshot.NoMfaAdmin, failed.Properties["Account"].Value);
        Assert.Contains("Enforce MFA", (string)failed.Properties["Detail"].Value);

        var emulator = EmulatorAccess.OfConnection(session);
        session.Engine.Runspace.SessionStateProxy.SetVariable("token", Secure(emulator.IssueUserAccessToken(SamSnapshot.Agent, "https://api.partnercenter.microsoft.com/user_impersonation")));
        var passed = session.Run("Test-PartnerSecurityRequirement -AccessToken $token").Output.Single();
        Assert.True((bool)passed.Properties["Passed"].Value);
        Assert.Contains("mfa", ((IEnumerable<string>)passed.Properties["AuthenticationMethods"].Value));
        var screen = session.Show("Test-PartnerSecurityRequirement -AccessToken $token");
        Assert.Matches(@"Passed\s+: True", screen);
        Assert.DoesNotContain("eyJ", screen);
    }
}
