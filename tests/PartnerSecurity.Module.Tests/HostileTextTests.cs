using System.Text.Json.Nodes;
using PartnerSecurity.Hosting;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

/// <summary>
/// Tenant data is hostile: ANSI escape sequences and control characters in tenant, user and policy names reach no
/// terminal raw, in views or in the module's messages (warnings, errors, What if), while the objects keep the true
/// value. Real pwsh, with its own styling off, so that any ESC in the output came from the data.
/// </summary>
public class HostileTextTests
{
    private const string Clear = "\u001b[2J\u001b[H";
    private const string Title = "\u001b]0;pwned\u0007";

    [Fact]
    public void Control_characters_from_the_tenant_are_shown_escaped_and_kept_in_the_objects()
    {
        var snapshot = SnapshotFiles.Minimal();
        snapshot["tenant"]!["displayName"] = "Litware" + Title + " Partners";
        snapshot["securityDefaults"] = new JsonObject { ["isEnabled"] = false };
        var reader = (JsonObject)snapshot["users"]![1]!;
        reader["userPrincipalName"] = "reader" + Clear + "@litware.onmicrosoft.com";
        snapshot["conditionalAccessPolicies"] = new JsonArray(new JsonObject
        {
            ["id"] = "ca-hostile", ["displayName"] = "MFA\u001b[8m hidden\u001b[0m\r for all", ["state"] = "enabled",
            ["conditions"] = new JsonObject
            {
                ["users"] = new JsonObject { ["includeUsers"] = new JsonArray("All"), ["excludeUsers"] = new JsonArray(SnapshotFiles.ReaderId) },
                ["applications"] = new JsonObject { ["includeApplications"] = new JsonArray("All") },
                ["clientAppTypes"] = new JsonArray("all"),
            },
            ["grantControls"] = new JsonObject { ["operator"] = "OR", ["builtInControls"] = new JsonArray("mfa") },
        });
        var path = SnapshotFiles.Write(snapshot);

        var outcome = Pwsh.Run($$"""
            $PSStyle.OutputRendering = 'PlainText'
            Import-Module {{PowerShellSession.Quote(HostedEngine.ModuleManifest)}} -ErrorAction Stop
            $null = Connect-PartnerSecurity -Snapshot {{PowerShellSession.Quote(path)}}
            Get-PartnerMfaStatus | Out-String -Width 300
            Get-PartnerSecurityDefaults | Out-Host
            Get-PartnerSecurityContext | Out-Host
            Set-PartnerUserMfaState -UserPrincipalName ('reader' + [char]27 + '[2J' + [char]27 + '[H@litware.onmicrosoft.com') -State Enforced -WhatIf
            Connect-PartnerSecurity -Snapshot {{PowerShellSession.Quote(path)}} -UserPrincipalName "nobody`e[2J@litware.onmicrosoft.com" -ErrorAction Continue
            $v = Get-PartnerMfaStatus -UserPrincipalName ('reader' + [char]27 + '[2J' + [char]27 + '[H@litware.onmicrosoft.com')
            'TRUE VALUE KEPT ' + ($v.UserPrincipalName.Contains([char]27) -and $v.TenantName.Contains([char]7))
            """);
        var raw = outcome.Output + outcome.Errors;
        Assert.True(outcome.Text.Contains("TRUE VALUE KEPT True"), outcome.ToString());
        Assert.DoesNotContain('\u001b', raw);
        Assert.DoesNotContain('\u0007', raw);
        Assert.Contains("reader`e[2J`e[H@litware", raw);                  // the view
        Assert.Contains("Litware`e]0;pwned`a Partners", raw);             // the views and What if
        Assert.Contains("What if: ", raw);
        Assert.Contains("nobody`e[2J@litware.onmicrosoft.com", raw);      // the error
        Assert.Contains("MFA`e[8m hidden`e[0m`r for all", raw);          // a policy name in the reason
    }
}
