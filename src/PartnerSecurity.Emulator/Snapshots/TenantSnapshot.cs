using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Emulator.Snapshots
{
    /// <summary>
    /// One tenant as read from a snapshot document (docs/snapshot-format.md, version 1). Every
    /// collection holds the verbatim Graph / Partner Center objects; only the extensions are typed.
    /// </summary>
    public sealed class TenantSnapshot
    {
        public const string FormatName = "partnersecurity-snapshot/1";

        public DateTimeOffset CapturedDateTime { get; set; }
        public TenantInfo Tenant { get; set; } = new TenantInfo();
        public List<JsonObject> Users { get; } = new List<JsonObject>();
        public List<JsonObject> Groups { get; } = new List<JsonObject>();
        public List<JsonObject> RoleAssignments { get; } = new List<JsonObject>();
        public List<JsonObject> RoleDefinitions { get; } = new List<JsonObject>();
        public List<JsonObject> RoleEligibilitySchedules { get; } = new List<JsonObject>();
        public List<JsonObject> ConditionalAccessPolicies { get; } = new List<JsonObject>();
        public List<JsonObject> NamedLocations { get; } = new List<JsonObject>();
        public List<JsonObject> UserRegistrationDetails { get; } = new List<JsonObject>();
        public List<JsonObject> SignIns { get; } = new List<JsonObject>();
        public List<JsonObject> Applications { get; } = new List<JsonObject>();
        public List<JsonObject> ServicePrincipals { get; } = new List<JsonObject>();
        public JsonObject SecurityDefaults { get; set; } = SnapshotDefaults.SecurityDefaults(false);
        /// <summary>Per-user MFA state by user id; users not listed are "disabled".</summary>
        public Dictionary<string, string> PerUserMfa { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        public List<CustomerSnapshot> Customers { get; } = new List<CustomerSnapshot>();
        /// <summary>The partner's Azure Key Vaults and who may use their secrets (the "keyVaults" section).</summary>
        public List<KeyVault.EmulatedVault> KeyVaults { get; } = new List<KeyVault.EmulatedVault>();
        /// <summary>Graph's partner security score and alerts (top-level tenant only); null when the snapshot has none.</summary>
        public PartnerSecuritySnapshot? PartnerSecurity { get; set; }
        /// <summary>Partner Center's MFA telemetry (top-level tenant only); null when the snapshot has none.</summary>
        public PartnerCenterMfaSnapshot? PartnerCenterMfa { get; set; }
        /// <summary>Things the reader ignored (unknown keys), for the caller to show as warnings.</summary>
        public List<string> Warnings { get; } = new List<string>();
    }

    public sealed class TenantInfo
    {
        public string Id { get; set; } = string.Empty;
        public string DisplayName { get; set; } = string.Empty;
        public string DefaultDomain { get; set; } = string.Empty;
        public bool PremiumLicense { get; set; } = true;
    }

    /// <summary>A customer of a partner tenant: its Partner Center record, GDAP relationships and directory.</summary>
    public sealed class CustomerSnapshot
    {
        public CustomerSnapshot(JsonObject customer, List<JsonObject> gdapRelationships, TenantSnapshot snapshot)
        {
            Customer = customer;
            GdapRelationships = gdapRelationships;
            Snapshot = snapshot;
        }

        public JsonObject Customer { get; }
        public List<JsonObject> GdapRelationships { get; }
        public TenantSnapshot Snapshot { get; }
        /// <summary>Partner Center's spending budget of the customer (SpendingBudget, verbatim); null when none was set.</summary>
        public JsonObject? UsageBudget { get; set; }
    }

    internal static class SnapshotDefaults
    {
        public static JsonObject SecurityDefaults(bool enabled) => new JsonObject
        {
            ["id"] = "00000000-0000-0000-0000-000000000005",
            ["displayName"] = "Security Defaults",
            ["description"] = "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
            ["isEnabled"] = enabled,
        };
    }
}
