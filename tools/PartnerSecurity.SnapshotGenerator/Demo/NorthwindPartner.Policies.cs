using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using static PartnerSecurity.SnapshotGenerator.Graph.ConditionalAccessPolicyBuilder;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Northwind's conditional access: a baseline with every kind of exclusion, the policies that cover
    /// the excluded, one narrowed policy per narrowing condition of the rules, and the policies that look
    /// like MFA enforcement but are not (report-only, disabled, block, legacy clients only, user action,
    /// authentication context).
    /// </summary>
    internal sealed partial class NorthwindPartner
    {
        private const string AllGuestTypes = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider";

        private void AddPolicies()
        {
            string[] all = { "All" };
            var breakGlass = Ids("breakglass01", "breakglass02");

            // Baseline: all users, minus break-glass, two service accounts, Gary (per-user MFA instead),
            // the exception groups (nested), the sync role and every guest type (CA002 handles guests).
            _t.Add(_t.Policy("CA001: Require MFA for all users")
                .Dates(SnapshotTime.YearsAgo(3), SnapshotTime.DaysAgo(41))
                .IncludeUsers("All")
                .ExcludeUsers(P("breakglass01").Id, P("breakglass02").Id, P("svc-pc-automation").Id, P("svc-scanner").Id, P("gary.holt").Id)
                .ExcludeGroups(GroupId("CA-Excluded-Baseline-MFA"))
                .ExcludeRoles(Roles.DirectorySynchronizationAccounts)
                .ExcludeGuestTypes(AllGuestTypes));

            // Guests: GuestsOrExternalUsers, minus the sister company's synchronized members. Browser plus
            // mobile/desktop clients is as good as "all" for the rules.
            _t.Add(_t.Policy("CA002: Require MFA for guests and external users")
                .Dates(SnapshotTime.YearsAgo(3), SnapshotTime.DaysAgo(200))
                .IncludeUsers("GuestsOrExternalUsers")
                .ExcludeGuestTypes("b2bCollaborationMember")
                .ClientAppTypes("browser", "mobileAppsAndDesktopClients"));

            // Administrators by active role; a platforms condition that includes all and excludes nothing does not narrow.
            _t.Add(_t.Policy("CA003: Require MFA for administrators")
                .Dates(SnapshotTime.YearsAgo(3), SnapshotTime.DaysAgo(95))
                .IncludeRoles(Roles.Privileged)
                .ExcludeUsers(breakGlass)
                .Platforms(new[] { "all" }));

            // Break-glass: phishing-resistant authentication strength; locations All with no exclusion does not narrow.
            _t.Add(_t.Policy("CA004: Require phishing-resistant MFA for emergency access accounts")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(300))
                .IncludeUsers(breakGlass)
                .Locations(all)
                .RequireStrength(AuthenticationStrengths.PhishingResistant));

            // Global Administrators: MFA AND a compliant device (AND cannot be met without MFA), 4-hour sign-in frequency.
            _t.Add(_t.Policy("CA005: Require MFA and a compliant device for Global Administrators")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(60))
                .IncludeRoles(Roles.GlobalAdministrator)
                .ExcludeUsers(breakGlass)
                .Grant("AND", "mfa", "compliantDevice")
                .SignInFrequencyHours(4));

            // One compensating policy per exception group, each narrowed by one condition.
            _t.Add(_t.Policy("CA010: Field sales - require MFA outside trusted locations")
                .Dates(SnapshotTime.YearsAgo(1.5), SnapshotTime.DaysAgo(120))
                .IncludeGroups(GroupId("CA-Exception-Field-Sales"))
                .Locations(all, "AllTrusted"));
            _t.Add(_t.Policy("CA011: Executives - require MFA for risky sign-ins")
                .Dates(SnapshotTime.YearsAgo(1.5), SnapshotTime.DaysAgo(120))
                .IncludeGroups(GroupId("CA-Exception-Executives"))
                .SignInRisk("high", "medium")
                .UserRisk("high"));
            _t.Add(_t.Policy("CA012: Linux workstations - require MFA on other platforms")
                .Dates(SnapshotTime.YearsAgo(1.2), SnapshotTime.DaysAgo(80))
                .IncludeGroups(GroupId("CA-Exception-Linux-Workstations"))
                .Platforms(new[] { "all" }, "linux"));
            _t.Add(_t.Policy("CA013: Marketing - require MFA for Office 365")
                .Dates(SnapshotTime.YearsAgo(1.2), SnapshotTime.DaysAgo(80))
                .IncludeGroups(GroupId("CA-Exception-Marketing-O365"))
                .Applications(new[] { "Office365" }));
            _t.Add(_t.Policy("CA014: Managed laptops - require MFA or a compliant device")
                .Dates(SnapshotTime.YearsAgo(1.1), SnapshotTime.DaysAgo(70))
                .IncludeGroups(GroupId("CA-Exception-Managed-Laptops"))
                .Grant("OR", "mfa", "compliantDevice"));
            _t.Add(_t.Policy("CA015: Front office - require MFA in the browser")
                .Dates(SnapshotTime.YearsAgo(1.0), SnapshotTime.DaysAgo(70))
                .IncludeGroups(GroupId("CA-Exception-Browser-Only"))
                .ClientAppTypes("browser"));
            _t.Add(_t.Policy("CA016: Require MFA on unmanaged devices")
                .Dates(SnapshotTime.YearsAgo(0.9), SnapshotTime.DaysAgo(50))
                .IncludeGroups(GroupId("CA-Exception-Unmanaged-Devices"))
                .DeviceFilter("exclude", "device.isCompliant -eq True -or device.trustType -eq \"ServerAD\""));
            _t.Add(_t.Policy("CA017: Require MFA for the device code flow")
                .Dates(SnapshotTime.YearsAgo(0.5), SnapshotTime.DaysAgo(45))
                .IncludeUsers(P("ravi.patel").Id)
                .AuthenticationFlows("deviceCodeFlow"));

            // A policy whose resources were never chosen applies to nothing; one with an application filter may miss apps.
            _t.Add(_t.Policy("CA018: Contractors - require MFA (resources not yet chosen)")
                .Dates(SnapshotTime.DaysAgo(35), SnapshotTime.DaysAgo(35))
                .IncludeGroups(GroupId("CA-Exception-Contractors"))
                .Applications(new[] { "None" }));
            var timesheets = _t.NewId("application", "Northwind Timesheets");
            _t.ServicePrincipals.Add(ServicePrincipalBuilder.Application(_t.NewId("servicePrincipal", "Northwind Timesheets"), timesheets, "Northwind Timesheets", _t.Id, SnapshotTime.YearsAgo(2)));
            _t.Add(_t.Policy("CA019: Require MFA except for low-risk applications")
                .Dates(SnapshotTime.DaysAgo(60), SnapshotTime.DaysAgo(20))
                .IncludeGroups(GroupId("CA-Exception-Low-Risk-Apps"))
                .Applications(all, timesheets)
                .ApplicationFilter("exclude", "CustomSecurityAttribute.AppRisk_Level -eq \"Low\""));

            // Not MFA enforcement, whatever the names suggest.
            _t.Add(_t.Policy("CA030: Block legacy authentication")
                .Dates(SnapshotTime.YearsAgo(3), SnapshotTime.DaysAgo(150))
                .IncludeUsers("All")
                .ExcludeUsers(P("svc-scanner").Id)
                .ClientAppTypes("exchangeActiveSync", "other")
                .Block());
            _t.Add(_t.Policy("CA031: Require MFA for legacy clients")
                .Dates(SnapshotTime.YearsAgo(4), SnapshotTime.YearsAgo(4))
                .IncludeUsers("All")
                .ClientAppTypes("exchangeActiveSync", "other"));
            _t.Add(_t.Policy("CA032: Block sign-ins from sanctioned countries")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(220))
                .IncludeUsers("All")
                .ExcludeUsers(breakGlass)
                .Locations(new[] { LocationId("Sanctioned countries") })
                .Block());
            _t.Add(_t.Policy("CA040: Require MFA to register security information outside trusted locations")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(220))
                .IncludeUsers("All")
                .UserAction("urn:user:registersecurityinfo")
                .Locations(all, "AllTrusted"));
            _t.Add(_t.Policy("CA041: Require phishing-resistant MFA for privileged operations")
                .Dates(SnapshotTime.YearsAgo(0.8), SnapshotTime.DaysAgo(100))
                .IncludeUsers("All")
                .AuthenticationContext("c1")
                .RequireStrength(AuthenticationStrengths.PhishingResistant));
            _t.Add(_t.Policy("CA090: Require MFA for vendors (report-only)")
                .State(ReportOnly)
                .Dates(SnapshotTime.DaysAgo(40), SnapshotTime.DaysAgo(12))
                .IncludeGroups(GroupId("CA-Exception-Vendors")));
            _t.Add(_t.Policy("CA091: Require MFA for service accounts (disabled)")
                .State(Disabled)
                .Dates(SnapshotTime.YearsAgo(1), SnapshotTime.DaysAgo(330))
                .IncludeGroups(GroupId("Service-Accounts")));
        }
    }
}
