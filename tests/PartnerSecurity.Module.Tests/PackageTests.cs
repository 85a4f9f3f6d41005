using System.Diagnostics;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// The module installs like a module: `dotnet pack src/PartnerSecurity` (what ./build.ps1 -Task Package runs) writes a
/// .nupkg that PSResourceGet installs from a local folder repository, in real pwsh with a fresh HOME, and the
/// installed module imports by name and connects to the demo.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("partnersecurity-package-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_package_installs_with_psresourceget_and_imports_by_name()
    {
        var repository = Directory.CreateDirectory(Path.Combine(_root, "repository")).FullName;
        var home = Directory.CreateDirectory(Path.Combine(_root, "home")).FullName;
        Pack(repository);
        var package = Assert.Single(Directory.GetFiles(repository, "PartnerSecurity.*.nupkg"));

        var outcome = Pwsh.Run($$"""
            Register-PSResourceRepository -Name PartnerSecurityTest -Uri {{PowerShellSession.Quote(repository)}} -Trusted
            Install-PSResource PartnerSecurity -Repository PartnerSecurityTest -Scope CurrentUser -TrustRepository -Quiet -ErrorAction Stop
            $installed = Get-InstalledPSResource PartnerSecurity
            'INSTALLED ' + $installed.Name + ' ' + $installed.Version + ' ' + $installed.Type + ' ' + ($installed.Tags -contains 'PartnerCenter')
            Import-Module PartnerSecurity -ErrorAction Stop
            $module = Get-Module PartnerSecurity
            'BASE ' + $module.ModuleBase
            'FILES ' + ((Get-ChildItem $module.ModuleBase -Name | Sort-Object) -join ',')
            $context = Connect-PartnerSecurity -Demo
            'CONNECTED ' + $context.Environment + ' ' + $context.TenantName
            'DEFAULTS ' + @(Get-PartnerSecurityDefaults).Count
            """, timeout: TimeSpan.FromSeconds(150), environment: new Dictionary<string, string>
            {
                ["HOME"] = home, ["PSModulePath"] = "", ["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share"),
                ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"), ["XDG_CACHE_HOME"] = Path.Combine(home, ".cache"),
                // PSResourceGet keeps its repository list under LOCALAPPDATA, or the working folder when it is unset.
                ["LOCALAPPDATA"] = Path.Combine(home, ".local", "share"),
            }, workingDirectory: _root);
        var text = outcome.Text;
        Assert.True(text.Contains("CONNECTED Demo Northwind Cloud Partners"), outcome.ToString() + "\npackage: " + package);
        Assert.Contains("INSTALLED PartnerSecurity 0.1.0 Module True", text);
        Assert.Matches(@"BASE " + System.Text.RegularExpressions.Regex.Escape(home) + @"\S*PartnerSecurity", text);
        var files = text.Split('\n').Single(l => l.StartsWith("FILES ")).Substring(6).Split(',');
        foreach (var file in new[] { "PartnerSecurity.psd1", "PartnerSecurity.dll", "dependencies", "en-US", "Demo", "LICENSE", "Mfa.Format.ps1xml" })
            Assert.True(files.Contains(file), $"{file} not installed: {string.Join(",", files)}");
        Assert.Contains("DEFAULTS 1", text);
    }

    private static void Pack(string output)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "pack", Path.Combine(PowerShellSession.RepoRoot, "src", "PartnerSecurity", "PartnerSecurity.csproj"),
                     "-c", PowerShellSession.Metadata("Configuration"), "--no-build", "-o", output, "-nologo" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var text = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(180_000), "dotnet pack did not finish");
        Assert.True(process.ExitCode == 0, "dotnet pack failed:\n" + text.Result + errors.Result);
    }
}
