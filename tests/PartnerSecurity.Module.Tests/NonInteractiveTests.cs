using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class NonInteractiveTests
{
    [Theory]
    [InlineData("Connect-PartnerSecurity", "Browser sign-in")]
    [InlineData("Connect-PartnerSecurity -UseDeviceCode -TenantId contoso.onmicrosoft.com", "Device code sign-in")]
    public void Interactive_sign_in_fails_at_once_in_a_non_interactive_host_and_says_what_to_use(string command, string what)
    {
        var outcome = RunnerProcess.Run("Import-Module PartnerSecurity; " + command, nonInteractive: true, timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, outcome.ExitCode);
        Assert.Contains(what + " needs a person at the keyboard", outcome.Output);
        Assert.Contains("-CertificateThumbprint", outcome.Output);
    }
}
