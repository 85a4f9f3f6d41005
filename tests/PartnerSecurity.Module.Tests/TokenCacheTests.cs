using System.Diagnostics;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// -ContextScope CurrentUser for real: separate pwsh processes with their own HOME, the Secret Service keyring
/// of a fresh gnome-keyring-daemon in a private D-Bus session, and the fallbacks where no keyring exists.
/// Needs dbus-run-session, gnome-keyring-daemon and libsecret (.ci/run installs them; see README).
/// </summary>
public sealed class TokenCacheTests : IDisposable
{
    private sealed record Run(int ExitCode, string Output);

    private readonly List<string> _homes = new();

    private string NewHome()
    {
        var home = Path.Combine(Path.GetTempPath(), "partnersecurity-home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        _homes.Add(home);
        return home;
    }

    public void Dispose()
    {
        foreach (var home in _homes) Directory.Delete(home, recursive: true);
    }

    private static string Script(string home, string name, string text)
    {
        var path = Path.Combine(home, name);
        File.WriteAllText(path, "Import-Module PartnerSecurity\n" + text);
        return path;
    }

    /// <summary>Runs a shell script with HOME set, inside a fresh D-Bus session when asked, without this process's bus.</summary>
    private static Run Shell(string home, string script, bool dbusSession)
    {
        var scriptPath = Path.Combine(home, "run-" + Guid.NewGuid().ToString("N") + ".sh");
        File.WriteAllText(scriptPath, "set -e\n" + script);
        var info = new ProcessStartInfo(dbusSession ? "dbus-run-session" : "bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (dbusSession) { info.ArgumentList.Add("--"); info.ArgumentList.Add("bash"); }
        info.ArgumentList.Add(scriptPath);
        info.Environment["HOME"] = home;
        info.Environment.Remove("DBUS_SESSION_BUS_ADDRESS");
        info.Environment.Remove("XDG_DATA_HOME");
        info.Environment.Remove("XDG_RUNTIME_DIR");
        Pwsh.Prepare(info.Environment);
        info.Environment["PWSH"] = Pwsh.Dll;
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The keyring tests need dbus-run-session, gnome-keyring-daemon and libsecret-1-0 (apt-get install dbus gnome-keyring libsecret-1-0 libsecret-tools).", ex);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(180_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The pwsh processes did not finish.");
            }
            return new Run(process.ExitCode, Pwsh.Plain(output.Result + errors.Result));
        }
    }

    private const string PwshFile = "dotnet \"$PWSH\" -NoProfile -NonInteractive -File";

    [Fact]
    public void With_the_keyring_a_new_session_signs_in_silently_the_store_persists_and_ClearTokenCache_forgets()
    {
        var home = NewHome();
        var snapshot = SnapshotFiles.Write(SamSnapshot.Document());
        var name = "keyring-" + Guid.NewGuid().ToString("N").Substring(0, 8);
        var first = Script(home, "first.ps1", $$"""
            Connect-PartnerSecurity -Snapshot '{{snapshot}}' -ContextScope CurrentUser -Scopes Application.ReadWrite.All, GroupMember.ReadWrite.All -Verbose 4>&1 3>&1 | ForEach-Object { 'FIRST ' + $_ }
            $app = New-SecureAppModelApplication -DisplayName 'Keyring SAM'
            $token = New-SecureAppModelToken -ApplicationId $app.ApplicationId -CertificateThumbprint $app.CertificateThumbprint -SaveAs {{name}} 3>&1
            'SAVED ' + $token.Name
            """);
        var second = Script(home, "second.ps1", $$"""
            Connect-PartnerSecurity -Snapshot '{{snapshot}}' -ContextScope CurrentUser -Verbose 4>&1 3>&1 | ForEach-Object { 'SECOND ' + $_ }
            Get-SecureAppModelTokenStatus -Name {{name}} 3>&1 | ForEach-Object { 'STATUS ' + $_.Name + ' ' + $_.Storage + ' ' + $_.Account }
            Disconnect-PartnerSecurity -ClearTokenCache -Verbose 4>&1 | ForEach-Object { 'CLEAR ' + $_ }
            """);
        var third = Script(home, "third.ps1", $$"""
            Connect-PartnerSecurity -Snapshot '{{snapshot}}' -ContextScope CurrentUser -Verbose 4>&1 3>&1 | ForEach-Object { 'THIRD ' + $_ }
            """);
        var run = Shell(home, $"""
            printf '%s' 'keyring-test-password' | gnome-keyring-daemon --unlock --components=secrets > /dev/null
            {PwshFile} "{first}"
            {PwshFile} "{second}"
            echo "ITEMS $(secret-tool search --all application PartnerSecurity 2>/dev/null | grep -c '^label' || true)"
            {PwshFile} "{third}"
            """, dbusSession: true);
        var lines = run.Output.Split('\n');
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(lines, l => l.StartsWith("FIRST HTTP POST ") && l.Contains("/oauth2/v2.0/token"));
        Assert.Contains("SAVED " + name, run.Output);
        Assert.DoesNotContain("Protected storage is not available", run.Output);

        // A new process signs in from the persisted cache (at most a refresh-token redemption), with no browser.
        Assert.Contains(lines, l => l.StartsWith("SECOND Signed in silently as " + SamSnapshot.Agent));
        Assert.True(lines.Count(l => l.StartsWith("SECOND HTTP POST")) <= 1, run.Output);
        Assert.Contains($"STATUS {name} Encrypted {SamSnapshot.Agent}", run.Output);

        Assert.Contains(lines, l => l.StartsWith("CLEAR Removed the persisted token cache msal-emulated-"));
        Assert.Matches(@"ITEMS [1-9]", run.Output);

        // After -ClearTokenCache the next session signs in again.
        Assert.DoesNotContain(lines, l => l.StartsWith("THIRD Signed in silently"));
        Assert.Contains(lines, l => l.StartsWith("THIRD HTTP POST ") && l.Contains("/oauth2/v2.0/token"));

        // Nothing readable at rest: no JWT and no refresh token in any file under HOME.
        foreach (var file in Directory.EnumerateFiles(home, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".ps1") && !f.EndsWith(".sh")))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(@"eyJ[A-Za-z0-9_-]{20,}\.|""secret""\s*:\s*""1\.A", text);
        }
    }

    [Fact]
    public void Without_a_keyring_the_cache_stays_in_memory_with_a_warning_or_in_an_owner_only_file_when_allowed()
    {
        var home = NewHome();
        var snapshot = SnapshotFiles.Write(SamSnapshot.Document());
        var memory = Script(home, "memory.ps1", $$"""
            Connect-PartnerSecurity -Snapshot '{{snapshot}}' -ContextScope CurrentUser 3>&1 | ForEach-Object { 'MEMORY ' + $_ }
            """);
        var plain = Script(home, "plain.ps1", $$"""
            Connect-PartnerSecurity -Snapshot '{{snapshot}}' -ContextScope CurrentUser -AllowUnencryptedTokenCache -Verbose 4>&1 3>&1 | ForEach-Object { 'PLAIN ' + $_ }
            """);
        var run = Shell(home, $"""
            {PwshFile} "{memory}"
            ls -la "$HOME/.local/share/PartnerSecurity" 2>/dev/null | sed 's/^/LS1 /' || true
            {PwshFile} "{plain}"
            {PwshFile} "{plain}"
            stat -c 'MODE %a %s %n' "$HOME"/.local/share/PartnerSecurity/msal-emulated-*.cache
            """, dbusSession: false);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("MEMORY WARNING", run.Output.Replace("MEMORY Protected", "MEMORY WARNING Protected"));
        Assert.Contains("kept in memory for this PowerShell process only", run.Output);
        Assert.Contains("kept unencrypted", run.Output);
        Assert.Matches(@"MODE 600 [1-9][0-9]* ", run.Output);
        Assert.Contains("PLAIN Signed in silently as " + SamSnapshot.Agent, run.Output);
    }
    [Fact]
    public void Without_a_keyring_clearing_every_cache_warns_once()
    {
        var home = NewHome();
        var clear = Script(home, "clear.ps1", "Disconnect-PartnerSecurity -ClearTokenCache 3>&1 | ForEach-Object { 'CLEARING ' + $_ }");
        var run = Shell(home, $"{PwshFile} \"{clear}\"", dbusSession: false);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Single(run.Output.Split('\n'), l => l.StartsWith("CLEARING Protected storage is not available", StringComparison.Ordinal));
    }
}
