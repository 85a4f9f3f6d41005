using System.Management.Automation;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class ManifestTests
{
    [Fact]
    public void The_built_manifest_is_valid_and_exports_exactly_its_cmdlets()
    {
        using var session = new PowerShellSession(import: false);
        var manifest = session.Single<PSModuleInfo>(session.Run($"Test-ModuleManifest {PowerShellSession.Quote(HostedEngine.ModuleManifest)}"));
        Assert.Equal(new[] { "Core", "Desktop" }, manifest.CompatiblePSEditions.OrderBy(e => e));

        session.Run($"Import-Module {PowerShellSession.Quote(HostedEngine.ModuleManifest)}");
        var exported = session.Run("(Get-Command -Module PartnerSecurity).Name").Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
        Assert.Equal(manifest.ExportedCmdlets.Keys.OrderBy(n => n), exported);
        Assert.Contains("Connect-PartnerSecurity", exported);
    }

    [Fact]
    public void The_module_version_is_kept_in_one_place()
    {
        using var session = new PowerShellSession();
        var versions = session.Run("(Get-Module PartnerSecurity).Version.ToString(); (Get-Command Connect-PartnerSecurity).ImplementingType.Assembly.GetName().Version.ToString(3)")
            .Output.Select(o => o.ToString()).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(versions[0], versions[1]);
    }

    [Fact]
    public void The_module_ships_no_copy_of_the_engine_and_keeps_dependencies_out_of_its_root()
    {
        var root = Path.GetDirectoryName(HostedEngine.ModuleManifest)!;
        Assert.False(File.Exists(Path.Combine(root, "System.Management.Automation.dll")));
        Assert.False(File.Exists(Path.Combine(root, "dependencies", "System.Management.Automation.dll")));
        Assert.Equal(new[] { "PartnerSecurity.dll" }, Directory.GetFiles(root, "*.dll").Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(root, "dependencies", "Microsoft.Identity.Client.dll")));
        Assert.True(File.Exists(Path.Combine(root, "Demo", "demo-tenant.json")));
    }

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        using var session = new PowerShellSession();
        var missing = session.Run("Get-Command -Module PartnerSecurity | Where-Object { $_.Name -ne 'Disconnect-PartnerSecurity' -and $_.OutputType.Count -eq 0 } | ForEach-Object Name").Output;
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_cmdlet_class_of_the_module_is_listed_in_the_manifest()
    {
        using var session = new PowerShellSession();
        var implemented = session.Run("""
            (Get-Command Connect-PartnerSecurity).ImplementingType.Assembly.GetTypes() |
                ForEach-Object { $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false) } |
                ForEach-Object { $_.VerbName + '-' + $_.NounName }
            """).Output.Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
        var listed = session.Run($"(Import-PowerShellDataFile {PowerShellSession.Quote(HostedEngine.ModuleManifest)}).CmdletsToExport").Output
            .Select(o => (string)o.BaseObject).OrderBy(n => n).ToList();
        Assert.Contains("Connect-PartnerSecurity", implemented);
        // A cmdlet class missing from CmdletsToExport would be silently unavailable to users.
        Assert.Empty(implemented.Except(listed));
        Assert.Empty(listed.Except(implemented));
    }
}
