using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// Names for the applications a policy targets or excludes: conditional access's special values, well-known
    /// Microsoft first-party apps, then the tenant's own service principals (read by appId), then the id itself.
    /// </summary>
    public sealed class ApplicationNames
    {
        public const string All = "All";
        public const string None = "None";
        public const string Office365 = "Office365";
        public const string MicrosoftAdminPortals = "MicrosoftAdminPortals";

        /// <summary>Special values and first-party app ids every tenant has, with the names the Entra portal shows.</summary>
        public static readonly IReadOnlyDictionary<string, string> WellKnown = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [All] = "All resources",
            [None] = "None",
            [Office365] = "Office 365",
            [MicrosoftAdminPortals] = "Microsoft Admin Portals",
            ["00000002-0000-0ff1-ce00-000000000000"] = "Office 365 Exchange Online",
            ["00000003-0000-0ff1-ce00-000000000000"] = "Office 365 SharePoint Online",
            ["00000004-0000-0ff1-ce00-000000000000"] = "Skype for Business Online",
            ["00000006-0000-0ff1-ce00-000000000000"] = "Microsoft Office 365 Portal",
            ["00000003-0000-0000-c000-000000000000"] = "Microsoft Graph",
            ["00000002-0000-0000-c000-000000000000"] = "Windows Azure Active Directory",
            ["00000009-0000-0000-c000-000000000000"] = "Power BI Service",
            ["0000000a-0000-0000-c000-000000000000"] = "Microsoft Intune",
            ["0000000c-0000-0000-c000-000000000000"] = "Microsoft App Access Panel",
            ["d4ebce55-015a-49b5-a083-c84d1797ae8c"] = "Microsoft Intune Enrollment",
            ["797f4846-ba00-4fd7-ba43-dac1f8f63013"] = "Windows Azure Service Management API",
            ["c44b4083-3bb0-49c1-b47d-974e53cbdf3c"] = "Azure Portal",
            ["cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"] = "Microsoft Teams Services",
            ["1fec8e78-bce4-4aaf-ab1b-5451cc387264"] = "Microsoft Teams",
            ["499b84ac-1321-427f-aa17-267ca6975798"] = "Azure DevOps",
            ["04b07795-8ddb-461a-bbee-02f9e1bf7b46"] = "Microsoft Azure CLI",
            ["1950a258-227b-4e31-a9cf-717495945fc2"] = "Microsoft Azure PowerShell",
            ["14d82eec-204b-4c2f-b7e8-296a70dab67e"] = "Microsoft Graph Command Line Tools",
            ["fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd"] = "Microsoft Partner Center",
        };

        /// <summary>The first-party resources the Office365 app group stands for (those a sign-in check needs).</summary>
        public static readonly IReadOnlyCollection<string> Office365Members = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "00000002-0000-0ff1-ce00-000000000000", "00000003-0000-0ff1-ce00-000000000000", "00000004-0000-0ff1-ce00-000000000000",
            "00000006-0000-0ff1-ce00-000000000000", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "1fec8e78-bce4-4aaf-ab1b-5451cc387264",
        };

        /// <summary>The admin portals the MicrosoftAdminPortals group stands for (those a sign-in check needs).</summary>
        public static readonly IReadOnlyCollection<string> AdminPortalMembers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "00000006-0000-0ff1-ce00-000000000000",
        };

        private readonly IReadOnlyDictionary<string, string> _tenant;

        /// <param name="tenantServicePrincipals">Display names by appId of the tenant's service principals (may be empty).</param>
        public ApplicationNames(IReadOnlyDictionary<string, string>? tenantServicePrincipals = null) =>
            _tenant = tenantServicePrincipals ?? new Dictionary<string, string>();

        public static ApplicationNames Default { get; } = new ApplicationNames();

        public string Name(string applicationId) =>
            WellKnown.TryGetValue(applicationId, out var known) ? known
            : _tenant.TryGetValue(applicationId, out var name) && !string.IsNullOrWhiteSpace(name) ? name
            : applicationId;

        /// <summary>"Office 365, Microsoft Intune Enrollment".</summary>
        public string Names(IEnumerable<string> applicationIds) => string.Join(", ", applicationIds.Select(Name));

        /// <summary>Whether the app id is one of the special values or a well-known first-party app (no lookup needed).</summary>
        public static bool IsWellKnown(string applicationId) => WellKnown.ContainsKey(applicationId);

        /// <summary>Whether a policy's application list names this app, directly or through an app group.</summary>
        public static bool Names(IReadOnlyList<string> list, string applicationId) =>
            list.Any(a => string.Equals(a, applicationId, StringComparison.OrdinalIgnoreCase)
                || (string.Equals(a, Office365, StringComparison.OrdinalIgnoreCase) && Office365Members.Contains(applicationId))
                || (string.Equals(a, MicrosoftAdminPortals, StringComparison.OrdinalIgnoreCase) && AdminPortalMembers.Contains(applicationId)));
    }
}
