using System.Collections;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The Secure Application Model as a partner runs it: provision the app, consent once with MFA, store the
/// token, exchange it for every customer, connect unattended, keep it alive, and see it expire after 91 days
/// without use. Every command runs with -Verbose and -Debug, and every stream, error, object, the screen and
/// the files written are searched for every token and secret the emulated cloud issued.
/// </summary>
public class SecureAppModelTests
{
    internal sealed class Scenario : IDisposable
    {
        public Scenario()
        {
            SnapshotPath = SnapshotFiles.Write(SamSnapshot.Document());
            Session = new PowerShellSession();
            Name = "sam-" + Guid.NewGuid().ToString("N").Substring(0, 10);
        }

        public PowerShellSession Session { get; }
        public string SnapshotPath { get; }
        public string Name { get; }
        public List<InvocationResult> Results { get; } = new();
        public List<string> Thumbprints { get; } = new();

        public InvocationResult Step(string script)
        {
            var result = Session.Engine.Invoke(script, display: true);
            Results.Add(result);
            return result;
        }

        public PSObject Single(string script)
        {
            var result = Step(script);
            Assert.True(result.Succeeded, script + ": " + string.Join(" | ", result.Errors.Select(e => e.ToString()).Append(result.Terminating?.ToString() ?? "")));
            return Assert.Single(result.Output);
        }

        public ErrorRecord Fails(string script, string errorId)
        {
            var result = Step(script);
            var error = result.Terminating ?? Assert.Single(result.Errors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            return error;
        }

        public void Dispose()
        {
            Session.Dispose();
            using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite);
            foreach (var thumbprint in Thumbprints)
                foreach (var certificate in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, false)) store.Remove(certificate);
        }
    }

    [Fact]
    public void Consent_once_then_every_customer_and_unattended_runs_with_rotation_expiry_and_no_secret_anywhere()
    {
        using var s = new Scenario();
        var path = PowerShellSession.Quote(s.SnapshotPath);
        // -Debug on a cmdlet asks (Inquire) before each debug message; the preference shows them all without asking.
        const string common = "-Verbose";
        s.Session.Run("$DebugPreference = 'Continue'; $VerbosePreference = 'Continue'");

        s.Single($"Connect-PartnerSecurity -Snapshot {path} -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All {common}");
        var emulator = EmulatorAccess.OfConnection(s.Session);

        // 1. The app registration, with a generated certificate kept in CurrentUser\My.
        var app = s.Single($"$app = New-SecureAppModelApplication -DisplayName 'Northwind SAM {s.Name}' {common}; $app");
        Assert.Equal("Certificate", app.Properties["CredentialType"].Value);
        var thumbprint = (string)app.Properties["CertificateThumbprint"].Value;
        s.Thumbprints.Add(thumbprint);
        Assert.Matches("^[0-9A-F]{40}$", thumbprint);
        Assert.Equal(SamSnapshot.TenantId, app.Properties["TenantId"].Value);
        Assert.Null(app.Properties["ClientSecret"].Value);

        // 2. The one-time consent: a real loopback listener receives the simulated browser's redirect.
        var signIns = emulator.BrowserSignIns;
        var token = s.Single($"$token = New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs {s.Name} {common}; $token");
        Assert.Equal(signIns + 1, emulator.BrowserSignIns);
        Assert.True((bool)token.Properties["HasMfaClaim"].Value);
        Assert.Equal(SamSnapshot.Agent, token.Properties["Account"].Value);
        Assert.Equal(s.Name, token.Properties["Name"].Value);
        Assert.IsType<SecureString>(token.Properties["RefreshToken"].Value);
        Assert.IsType<SecureString>(token.Properties["AccessToken"].Value);
        var issued = (DateTimeOffset)token.Properties["RefreshTokenIssuedOn"].Value;
        Assert.Equal(issued.AddDays(90), (DateTimeOffset)token.Properties["RefreshTokenExpiresOn"].Value);

        // 2b. The same consent on a headless machine: the device code is shown, never a token.
        var byDeviceCode = s.Step($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -UseDeviceCode {common}");
        Assert.True((bool)Assert.Single(byDeviceCode.Output).Properties["HasMfaClaim"].Value);
        Assert.Contains(byDeviceCode.Warnings, w => w.Message.Contains("enter the code"));

        // App-only with the generated certificate, from the store by thumbprint, and a token brought along.
        var appOnly = s.Single($"Connect-PartnerSecurity -Snapshot {path} -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint {common}");
        Assert.Equal("Certificate", appOnly.Properties["AuthMode"].Value);
        s.Session.Engine.Runspace.SessionStateProxy.SetVariable("brought", Secure(emulator.IssueUserAccessToken(SamSnapshot.Agent, "https://graph.microsoft.com/.default")));
        Assert.Equal("AccessToken", s.Single($"Connect-PartnerSecurity -Snapshot {path} -AccessToken $brought {common}").Properties["AuthMode"].Value);
        var byThumbprintAndToken = s.Single($"Connect-PartnerSecurity -Snapshot {path} -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -RefreshToken $token.RefreshToken {common}");
        Assert.Equal("SecureAppModel", byThumbprintAndToken.Properties["AuthMode"].Value);

        // 3. Sixty days on, the exchange for each customer: two succeed, Adatum's expired GDAP is named.
        emulator.Advance(TimeSpan.FromDays(60));
        foreach (var customer in new[] { SamSnapshot.FabrikamId, SamSnapshot.TailspinId })
        {
            var exchanged = s.Single($"New-SecureAppModelToken -RefreshTokenName {s.Name} -TenantId {customer} -Scopes https://graph.microsoft.com/.default {common}");
            Assert.Equal(customer, exchanged.Properties["TenantId"].Value);
            Assert.True((bool)exchanged.Properties["HasMfaClaim"].Value);
        }
        var adatum = s.Fails($"New-SecureAppModelToken -RefreshTokenName {s.Name} -TenantId {SamSnapshot.AdatumId} {common}", "NoDelegatedAccess");
        Assert.Contains("GDAP", adatum.ErrorDetails.RecommendedAction);
        Assert.Contains(SamSnapshot.AdatumId, adatum.Exception.Message);

        var status = s.Single($"Get-SecureAppModelTokenStatus -Name {s.Name} {common}");
        Assert.True((int)status.Properties["DaysLeft"].Value >= 89, "each exchange rotated the stored token and restarted its window");
        Assert.Null(status.Properties["Warning"].Value);
        var table = s.Session.Show($"Get-SecureAppModelTokenStatus -Name {s.Name}");
        Assert.Contains(s.Name, table);
        Assert.All(table.Split('\n'), line => Assert.True(line.Length <= 120, line));

        // 4. Sixty more days: 120 days after the consent, only a rotated token still works. Unattended connection:
        //    the stored token knows its cloud, application and certificate.
        emulator.Advance(TimeSpan.FromDays(60));
        var context = s.Single($"Connect-PartnerSecurity -RefreshTokenName {s.Name} {common}");
        Assert.Equal("SecureAppModel", context.Properties["AuthMode"].Value);
        Assert.Equal(SamSnapshot.Agent, context.Properties["Account"].Value);
        Assert.True((bool)context.Properties["HasMfaClaim"].Value);
        var defaults = s.Step($"Get-PartnerSecurityDefaults -CustomerTenantId {SamSnapshot.FabrikamId}, {SamSnapshot.TailspinId}, {SamSnapshot.AdatumId} {common}");
        Assert.Equal(2, defaults.Output.Count);
        Assert.StartsWith("NoDelegatedAccess,", Assert.Single(defaults.Errors).FullyQualifiedErrorId);
        var requirement = s.Single($"Test-PartnerSecurityRequirement {common}");
        Assert.True((bool)requirement.Properties["Passed"].Value);

        // 5. The weekly schedule keeps it alive.
        emulator.Advance(TimeSpan.FromDays(7));
        var updated = s.Single($"Update-SecureAppModelToken -Name {s.Name} {common}");
        Assert.True((int)updated.Properties["DaysLeft"].Value >= 89);
        var listed = s.Step($"Get-SecureAppModelTokenStatus | Where-Object Name -eq {s.Name}");
        Assert.Single(listed.Output);

        // 6. 91 days without use: every path says to run the consent again.
        emulator.Advance(TimeSpan.FromDays(91));
        var expired = s.Single($"Get-SecureAppModelTokenStatus -Name {s.Name} {common}");
        Assert.True((int)expired.Properties["DaysLeft"].Value < 0);
        Assert.Contains("New-SecureAppModelToken", (string)expired.Properties["Warning"].Value);
        var refused = s.Fails($"Update-SecureAppModelToken -Name {s.Name} {common}", "RefreshTokenExpired");
        Assert.Contains("New-SecureAppModelToken", refused.ErrorDetails.RecommendedAction);
        Assert.Contains("90 days", refused.Exception.Message);
        s.Fails($"Connect-PartnerSecurity -RefreshTokenName {s.Name} {common}", "RefreshTokenExpired");

        // 7. A secret-based app too: its secret comes back once, as a SecureString.
        var admin = s.Single($"Connect-PartnerSecurity -Snapshot {path} -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All {common}");
        var secretApp = s.Single($"$secretApp = New-SecureAppModelApplication -DisplayName 'Northwind SAM secret {s.Name}' -UseClientSecret {common}; $secretApp");
        Assert.IsType<SecureString>(secretApp.Properties["ClientSecret"].Value);
        var secretText = Reveal((SecureString)secretApp.Properties["ClientSecret"].Value);
        var bySecret = s.Single($"New-SecureAppModelToken -ApplicationId $secretApp.ApplicationId -ClientSecret $secretApp.ClientSecret {common}");
        Assert.True((bool)bySecret.Properties["HasMfaClaim"].Value);
        s.Single($"Connect-PartnerSecurity -Snapshot {path} -ApplicationId $secretApp.ApplicationId -ClientSecret $secretApp.ClientSecret -RefreshToken (New-SecureAppModelToken -ApplicationId $secretApp.ApplicationId -ClientSecret $secretApp.ClientSecret).RefreshToken {common}");
        s.Step($"Get-PartnerSecurityContext; Disconnect-PartnerSecurity {common}");

        // The search: every secret the emulated cloud issued (codes, access/refresh/id tokens, device codes,
        // client secrets) and every client secret used.
        var secrets = emulator.IssuedSecrets.Append(secretText).Append(SamSnapshot.RunbookSecret).Where(x => x.Length >= 16).Distinct().ToList();
        Assert.True(secrets.Count > 20, "the scenario issued many tokens");
        var canary = new TokenCanary();
        foreach (var result in s.Results) canary.Add(result, "step");
        Assert.True(canary.Searched("verbose", "/oauth2/v2.0/token"));
        canary.Add("screen", s.Session.Screen).AddFiles(Path.GetDirectoryName(s.SnapshotPath)!, TokenCanary.StorageDirectory());
        canary.AssertNone(secrets);
    }

    [Fact]
    public void On_the_demo_tenant_one_consent_reaches_both_customers_with_gdap_and_names_Adatum_whose_gdap_expired()
    {
        using var s = new Scenario();
        var demo = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(HostedEngine.ModuleManifest)!, "Demo", "demo-tenant.json")))!;
        var customers = demo["customers"]!.AsArray().ToDictionary(c => (string)c!["customer"]!["companyProfile"]!["companyName"]!, c => (string)c!["customer"]!["id"]!);

        var admin = s.Single("Connect-PartnerSecurity -Demo -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        Assert.True((bool)admin.Properties["HasMfaClaim"].Value, "the demo's first Global Administrator is an MFA-registered admin agent");
        var app = s.Single($"$app = New-SecureAppModelApplication -DisplayName 'Demo SAM {s.Name}'; $app");
        s.Thumbprints.Add((string)app.Properties["CertificateThumbprint"].Value);
        var token = s.Single($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs {s.Name}");
        Assert.True((bool)token.Properties["HasMfaClaim"].Value);
        Assert.Equal(admin.Properties["Account"].Value, token.Properties["Account"].Value);

        var emulator = EmulatorAccess.OfConnection(s.Session);
        emulator.Advance(TimeSpan.FromDays(45));
        foreach (var name in new[] { "Fabrikam Dental", "Tailspin Logistics" })
        {
            var exchanged = s.Single($"New-SecureAppModelToken -RefreshTokenName {s.Name} -TenantId {customers[name]}");
            Assert.Equal(customers[name], exchanged.Properties["TenantId"].Value);
        }
        var adatum = s.Fails($"New-SecureAppModelToken -RefreshTokenName {s.Name} -TenantId {customers["Adatum Legal"]}", "NoDelegatedAccess");
        Assert.Contains("GDAP", adatum.ErrorDetails.RecommendedAction);

        // The stored token was rotated by the exchanges: 45 days later it still has its full 90.
        Assert.True((int)s.Single($"Get-SecureAppModelTokenStatus -Name {s.Name}").Properties["DaysLeft"].Value >= 89);
        var unattended = s.Single($"Connect-PartnerSecurity -RefreshTokenName {s.Name}");
        Assert.Equal("SecureAppModel", unattended.Properties["AuthMode"].Value);
        Assert.Equal("Demo", unattended.Properties["Environment"].Value);

        emulator.Advance(TimeSpan.FromDays(91));
        var expired = s.Fails($"Connect-PartnerSecurity -RefreshTokenName {s.Name}", "RefreshTokenExpired");
        Assert.Contains("New-SecureAppModelToken", expired.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void WhatIf_shows_each_provisioning_step_and_changes_nothing()
    {
        using var s = new Scenario();
        s.Single($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(s.SnapshotPath)} -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        var screen = s.Session.Show($"New-SecureAppModelApplication -DisplayName 'WhatIf SAM {s.Name}' -WhatIf");
        Assert.Contains("Create the multi-tenant app registration", screen);
        Assert.Contains("Generate a certificate", screen);
        Assert.Contains("Create the service principal", screen);
        Assert.Contains("AdminAgents", screen);
        Assert.Equal(0, s.Session.Run("(Get-PartnerSecurityContext).TenantId").Output.Count - 1);
        var missing = s.Fails("New-SecureAppModelToken -RefreshTokenName nothing-here", "TokenNotFound");
        Assert.Contains("nothing-here", missing.Exception.Message);
    }

    [Fact]
    public void A_consent_without_mfa_is_refused_and_bad_input_changes_nothing()
    {
        using var s = new Scenario();
        var path = PowerShellSession.Quote(s.SnapshotPath);
        s.Single($"Connect-PartnerSecurity -Snapshot {path} -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All");
        var certificate = SamSnapshot.Certificate("Given SAM certificate");
        var cer = Path.Combine(Path.GetDirectoryName(s.SnapshotPath)!, s.Name + ".cer");
        File.WriteAllBytes(cer, certificate.Export(X509ContentType.Cert));
        s.Session.Engine.Runspace.SessionStateProxy.SetVariable("certificate", certificate);
        var app = s.Single($"$app = New-SecureAppModelApplication -DisplayName 'Given SAM {s.Name}' -CertificatePath {PowerShellSession.Quote(cer)}; $app");
        Assert.Equal(certificate.Thumbprint, app.Properties["CertificateThumbprint"].Value);

        var refused = s.Fails($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -Certificate $certificate -UserPrincipalName {SamSnapshot.NoMfaAdmin} -SaveAs nomfa-{s.Name}", "MfaClaimMissing");
        Assert.Contains("-Force", refused.ErrorDetails.RecommendedAction);
        Assert.Empty(s.Step($"Get-SecureAppModelTokenStatus -Name nomfa-{s.Name} -ErrorAction SilentlyContinue").Output);

        var forced = s.Step($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -Certificate $certificate -UserPrincipalName {SamSnapshot.NoMfaAdmin} -Force");
        Assert.False((bool)Assert.Single(forced.Output).Properties["HasMfaClaim"].Value);
        Assert.Contains(forced.Warnings, w => w.Message.Contains("no MFA claim"));

        s.Fails($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -Certificate $certificate -SaveAs 'bad name'", "InvalidTokenName");
        s.Fails($"New-SecureAppModelApplication -CertificatePath ./no/such.cer", "CertificateFileNotFound");
        var badTenant = s.Step($"New-SecureAppModelToken -ApplicationId $app.ApplicationId -Certificate $certificate -TenantId 'not a tenant'");
        Assert.Equal("TenantId", ((ParameterBindingException)(badTenant.Terminating ?? Assert.Single(badTenant.Errors)).Exception).ParameterName);
    }

    private static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text) secure.AppendChar(c);
        return secure;
    }

    private static string Reveal(SecureString secure)
    {
        var pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
        try { return Marshal.PtrToStringUni(pointer)!; }
        finally { Marshal.ZeroFreeGlobalAllocUnicode(pointer); }
    }
}
