using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class NonInteractiveTests
{
    [Theory]
    [InlineData("Connect-PartnerSecurity", "Browser sign-in")]
    [InlineData("Connect-PartnerSecurity -UseDeviceCode -TenantId contoso.onmicrosoft.com", "Device code sign-in")]
    public void Interactive_sign_in_fails_at_once_in_a_non_interactive_host_and_says_what_to_use(string command, string what)
    {
        var outcome = Pwsh.Run("Import-Module PartnerSecurity; " + command, nonInteractive: true, timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains(what + " needs a person at the keyboard", outcome.All);
        Assert.Contains("-CertificateThumbprint", outcome.All);
    }

    [Fact]
    public void The_consent_fails_at_once_in_a_non_interactive_host_and_says_to_use_a_stored_token()
    {
        var outcome = Pwsh.Run("Import-Module PartnerSecurity; $s = [System.Security.SecureString]::new(); $s.AppendChar('x'); "
            + "New-SecureAppModelToken -ApplicationId 0b9e2f0c-5a4b-4c9d-8e7f-1a2b3c4d5e6f -ClientSecret $s", nonInteractive: true, timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains("The consent needs a person at the keyboard", outcome.All);
        Assert.Contains("-RefreshTokenName", outcome.All);
    }
}
