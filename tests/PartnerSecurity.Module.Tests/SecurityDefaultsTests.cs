using System.Management.Automation;
using System.Text.Json.Nodes;
using PartnerSecurity.Module.Tests.Support;

namespace PartnerSecurity.Module.Tests;

public class SecurityDefaultsTests
{
    private static string PartnerWithCustomer(bool customerDefaults, string gdapStatus = "active")
    {
        var partner = SnapshotFiles.Minimal();
        partner["securityDefaults"] = new JsonObject { ["isEnabled"] = false };
        partner["conditionalAccessPolicies"] = new JsonArray(
            new JsonObject { ["id"] = "p1", ["displayName"] = "Require MFA for all users", ["state"] = "enabled" },
            new JsonObject { ["id"] = "p2", ["displayName"] = "Pilot", ["state"] = "disabled" });
        var customer = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "5c0ffee0-0000-4000-8000-00000000c001", ["displayName"] = "Fabrikam Dental", ["defaultDomain"] = "fabrikamdental.onmicrosoft.com" },
            ["users"] = new JsonArray(new JsonObject { ["id"] = "5c0ffee0-0000-4000-8000-00000000a001", ["userPrincipalName"] = "owner@fabrikamdental.onmicrosoft.com", ["displayName"] = "Owner", ["accountEnabled"] = true }),
            ["securityDefaults"] = new JsonObject { ["isEnabled"] = customerDefaults },
        };
        partner["customers"] = new JsonArray(new JsonObject
        {
            ["customer"] = new JsonObject { ["id"] = "5c0ffee0-0000-4000-8000-00000000c001", ["companyProfile"] = new JsonObject { ["tenantId"] = "5c0ffee0-0000-4000-8000-00000000c001", ["companyName"] = "Fabrikam Dental", ["domain"] = "fabrikamdental.onmicrosoft.com" } },
            ["gdapRelationships"] = new JsonArray(new JsonObject
            {
                ["id"] = "r1-r1", ["status"] = gdapStatus, ["customer"] = new JsonObject { ["tenantId"] = "5c0ffee0-0000-4000-8000-00000000c001" },
                ["accessDetails"] = new JsonObject { ["unifiedRoles"] = new JsonArray(new JsonObject { ["roleDefinitionId"] = "f2ef992c-3afb-46b9-b7cf-a126ee74c451" }) }, // Global Reader
            }),
            ["snapshot"] = customer,
        });
        return SnapshotFiles.Write(partner);
    }

    [Fact]
    public void The_connected_tenant_and_a_customer_are_read_and_customers_come_from_the_pipeline_by_property_name()
    {
        using var session = new PowerShellSession();
        session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(PartnerWithCustomer(customerDefaults: true))}");
        var partner = session.Run("Get-PartnerSecurityDefaults").Output.Single();
        Assert.Equal("Litware Partners", partner.Properties["TenantName"].Value);
        Assert.False((bool)partner.Properties["IsEnabled"].Value);
        Assert.False((bool)partner.Properties["CanEnable"].Value);
        Assert.Equal(1, partner.Properties["ConditionalAccessPolicyCount"].Value);
        Assert.Contains("Require MFA for all users", (string)partner.Properties["Reason"].Value);

        var customer = session.Run("[pscustomobject]@{ CustomerId = 'fabrikamdental.onmicrosoft.com' } | Get-PartnerSecurityDefaults").Output.Single();
        Assert.Equal("Fabrikam Dental", customer.Properties["TenantName"].Value);
        Assert.True((bool)customer.Properties["IsEnabled"].Value);
    }

    [Fact]
    public void A_customer_without_delegated_access_gives_a_non_terminating_error_naming_it_and_the_others_complete()
    {
        using var session = new PowerShellSession();
        session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(PartnerWithCustomer(customerDefaults: true, gdapStatus: "terminated"))}");
        var result = session.Run("Get-PartnerSecurityDefaults -CustomerTenantId 5c0ffee0-0000-4000-8000-00000000c001, litware.onmicrosoft.com");
        Assert.Null(result.Terminating);
        var error = Assert.Single(result.Errors);
        Assert.Equal("5c0ffee0-0000-4000-8000-00000000c001", error.TargetObject);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("GDAP", error.ErrorDetails.RecommendedAction);
        Assert.Equal("Litware Partners", Assert.Single(result.Output).Properties["TenantName"].Value);
    }

    [Fact]
    public void The_default_view_is_a_table_that_fits_120_columns()
    {
        using var session = new PowerShellSession();
        session.Run($"Connect-PartnerSecurity -Snapshot {PowerShellSession.Quote(PartnerWithCustomer(customerDefaults: true))}");
        var screen = session.Show("Get-PartnerSecurityDefaults -CustomerTenantId litware.onmicrosoft.com, fabrikamdental.onmicrosoft.com");
        var lines = screen.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("TenantName") && l.Contains("IsEnabled") && l.Contains("CanEnable") && l.Contains("Reason"));
        Assert.Contains(lines, l => l.StartsWith("Litware Partners") && l.Contains("False"));
        Assert.Contains(lines, l => l.StartsWith("Fabrikam Dental") && l.Contains("True"));
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= 120, $"too wide: {l}"));
    }
}
