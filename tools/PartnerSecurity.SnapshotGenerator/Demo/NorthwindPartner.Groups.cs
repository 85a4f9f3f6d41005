using System.Linq;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>Northwind's groups (Partner Center, role-assignable, organisational, CA exceptions) and directory roles.</summary>
    internal sealed partial class NorthwindPartner
    {
        private string[] Ids(params string[] aliases) => aliases.Select(a => P(a).Id).ToArray();

        private void AddGroupsAndRoles()
        {
            var old = SnapshotTime.YearsAgo(6);

            // Partner Center's own groups: the display names are what Partner Center looks for.
            _t.Group("AdminAgents", "Admin Agents: administer customer tenants on behalf of the partner.", old,
                Ids("ava.thompson", "marcus.chen", "priya.nair", "daniel.kowalski", "fatima.alsayed", "robert.hayes", "svc-pc-automation"));
            _t.Group("HelpdeskAgents", "Helpdesk Agents: reset passwords and manage service requests for customers.", old,
                Ids("sophie.martin", "james.whitaker", "aisha.bello", "lucas.moreau", "yusuf.demir", "connor.walsh"));
            _t.Group("SalesAgents", "Sales Agents: manage customers, orders and subscriptions in Partner Center.", old,
                Ids("shannon.o'brien", "ethan.brooks", "chloe.dubois", "thomas.meyer", "diego.ramirez", "hannah.schmidt", "brian.kelly"));

            // Role-assignable groups (they cannot contain groups, as in Entra ID).
            var created = SnapshotTime.YearsAgo(2.5);
            var secOps = _t.Group("RA-Security-Operations", "Security Administrator role holders.", created, Ids("daniel.kowalski", "samuel.okafor"), roleAssignable: true);
            var messaging = _t.Group("RA-Messaging-Admins", "Exchange Administrator role holders.", created, Ids("priya.nair"), roleAssignable: true);
            var helpdesk = _t.Group("RA-Helpdesk-Admins", "Helpdesk Administrator role holders.", created, Ids("sophie.martin", "james.whitaker", "aisha.bello", "lucas.moreau"), roleAssignable: true);
            var finance = _t.Group("RA-Finance-Admins", "Billing Administrator role holders.", created, Ids("michael.grant", "nora.lindqvist"), roleAssignable: true);
            var architects = _t.Group("RA-Cloud-Architects", "PIM-eligible Application Administrators.", created, Ids("oliver.bennett", "isabella.rossi"), roleAssignable: true);

            // Organisation: All Staff > Engineering > Engineering-Cloud > Engineering-Cloud-Platform > people.
            var org = SnapshotTime.YearsAgo(5);
            _t.Group("All Staff", "Every Northwind employee, by department.", org, new[]
            {
                GroupId("Leadership"), GroupId("Cloud Operations"), GroupId("Security"), GroupId("Support"), GroupId("Sales"),
                GroupId("Engineering"), GroupId("Finance"), GroupId("Marketing"), GroupId("People & Operations"), GroupId("Service Delivery"),
            });
            _t.Group("Leadership", null, org, Ids("lena.forsberg", "michael.grant"));
            _t.Group("Cloud Operations", null, org, Ids("ava.thompson", "priya.nair", "robert.hayes"));
            _t.Group("Security", null, org, Ids("marcus.chen", "daniel.kowalski", "samuel.okafor"));
            _t.Group("Support", null, org, Ids("sophie.martin", "james.whitaker", "aisha.bello", "lucas.moreau", "yusuf.demir", "connor.walsh"));
            _t.Group("Sales", null, org, new[] { GroupId("Sales-Field") }.Concat(Ids("shannon.o'brien", "ethan.brooks", "chloe.dubois", "thomas.meyer", "brian.kelly")));
            _t.Group("Sales-Field", "Field sales, all regions.", org, new[] { GroupId("Sales-Field-EMEA") });
            _t.Group("Sales-Field-EMEA", "Field sales, Europe, Middle East and Africa.", org, Ids("diego.ramirez", "hannah.schmidt"));
            _t.Group("Engineering", null, org, new[] { GroupId("Engineering-Cloud") }.Concat(Ids("ravi.patel", "carlos.mendes")));
            _t.Group("Engineering-Cloud", null, org, new[] { GroupId("Engineering-Cloud-Platform") }.Concat(Ids("mia.johansson", "kenji.watanabe", "ahmed.hassan")));
            _t.Group("Engineering-Cloud-Platform", null, org, Ids("oliver.bennett", "elena.petrova", "grace.liu", "noah.williams", "isabella.rossi", "william.foster"));
            _t.Group("Finance", null, org, Ids("michael.grant", "gary.holt", "nora.lindqvist", "leah.fischer"));
            _t.Group("Marketing", null, org, Ids("zoe.carter", "ben.adeyemi", "maya.goldberg", "pat.kim"));
            _t.Group("People & Operations", null, org, Ids("laura.novak", "kate.sullivan", "rosa.delgado"));
            _t.Group("Service Delivery", null, org, Ids("fatima.alsayed", "omar.farouk", "hiroshi.tanaka", "emma.wilson", "olivia.harper", "sarah.jenkins"));
            _t.Groups.Add(GroupBuilder.Microsoft365(_t.NewId("group", "Northwind Marketing"), "Northwind Marketing", "Marketing team site and mailbox.", MailDomain,
                SnapshotTime.YearsAgo(3), Ids("zoe.carter", "ben.adeyemi", "maya.goldberg", "pat.kim")));
            _t.Group("NWC File Share Users", "Synchronized from the on-premises domain nwc.local.", SnapshotTime.YearsAgo(7),
                Ids("aisha.bello", "carlos.mendes", "ahmed.hassan", "gary.holt", "sarah.jenkins"), onPremisesSync: true);
            _t.Group("Service-Accounts", "Non-personal accounts.", SnapshotTime.YearsAgo(4), Ids("svc-pc-automation", "svc-scanner", "svc-backup"));

            // Conditional access exceptions: one top-level exclusion group holding one group per exception.
            var ca = SnapshotTime.YearsAgo(1.5);
            _t.Group("CA-Excluded-Baseline-MFA", "Excluded from CA001. Every member group must have its own compensating policy.", ca, new[]
            {
                GroupId("CA-Exception-Field-Sales"), GroupId("CA-Exception-Executives"), GroupId("CA-Exception-Linux-Workstations"),
                GroupId("CA-Exception-Marketing-O365"), GroupId("CA-Exception-Managed-Laptops"), GroupId("CA-Exception-Browser-Only"),
                GroupId("CA-Exception-Unmanaged-Devices"), GroupId("CA-Exception-Device-Code"), GroupId("CA-Exception-Vendors"),
                GroupId("CA-Exception-Regional-IT"), GroupId("CA-Exception-Contractors"), GroupId("CA-Exception-Low-Risk-Apps"),
            });
            _t.Group("CA-Exception-Field-Sales", "CA010: MFA outside trusted locations.", ca, new[] { GroupId("Sales-Field") });
            _t.Group("CA-Exception-Executives", "CA011: MFA on risky sign-ins.", ca, Ids("lena.forsberg", "michael.grant"));
            _t.Group("CA-Exception-Linux-Workstations", "CA012: MFA on every platform but Linux.", ca, Ids("elena.petrova"));
            _t.Group("CA-Exception-Marketing-O365", "CA013: MFA for Office 365 only.", ca, Ids("zoe.carter"));
            _t.Group("CA-Exception-Managed-Laptops", "CA014: MFA or a compliant device.", ca, Ids("kenji.watanabe"));
            _t.Group("CA-Exception-Browser-Only", "CA015: MFA in the browser only.", ca, Ids("rosa.delgado"));
            _t.Group("CA-Exception-Unmanaged-Devices", "CA016: MFA on unmanaged devices only.", ca, Ids("grace.liu"));
            _t.Group("CA-Exception-Device-Code", "CA017: MFA for the device code flow.", ca, Ids("ravi.patel"));
            _t.Group("CA-Exception-Vendors", "Vendors: MFA is enforced by the vendor (CA090 is report-only).", ca, new[] { GroupId("Vendors-Managed-SOC") });
            _t.Group("Vendors-Managed-SOC", "Contoso Security Services, managed SOC.", ca, new[] { GroupId("Vendors-Managed-SOC-Analysts") });
            _t.Group("Vendors-Managed-SOC-Analysts", "Contoso Security Services analysts.", ca, Ids("jordan.blake", "casey.morgan"));
            _t.Group("CA-Exception-Regional-IT", "Regional IT coordinators: CA003 is meant to cover them as Helpdesk Administrators.", ca, Ids("nadia.karim"));
            _t.Group("CA-Exception-Contractors", "CA018: the contractors' own MFA policy.", ca, Ids("felix.wagner"));
            _t.Group("CA-Exception-Low-Risk-Apps", "CA019: MFA except for applications tagged low-risk.", ca, Ids("ingrid.svensson"));

            // Active role assignments, direct and through role-assignable groups.
            _t.Assign(P("ava.thompson").Id, Roles.GlobalAdministrator);
            _t.Assign(P("breakglass01").Id, Roles.GlobalAdministrator);
            _t.Assign(P("breakglass02").Id, Roles.GlobalAdministrator);
            _t.Assign(P("robert.hayes").Id, Roles.GlobalAdministrator);
            _t.Assign(P("marcus.chen").Id, Roles.PrivilegedRoleAdministrator);
            _t.Assign(P("daniel.kowalski").Id, Roles.ConditionalAccessAdministrator);
            _t.Assign(P("fatima.alsayed").Id, Roles.UserAdministrator);
            _t.Assign(P("mia.johansson").Id, Roles.IntuneAdministrator);
            _t.Assign(P("sync").Id, Roles.DirectorySynchronizationAccounts);
            _t.Assign(P("alex.rivera").Id, Roles.GlobalReader);
            _t.Assign(secOps, Roles.SecurityAdministrator);
            _t.Assign(messaging, Roles.ExchangeAdministrator);
            _t.Assign(helpdesk, Roles.HelpdeskAdministrator);
            _t.Assign(finance, Roles.BillingAdministrator);
            // Scoped to one administrative unit: an admin, but not one conditional access targets by role.
            _t.Assign(P("nadia.karim").Id, Roles.HelpdeskAdministrator, "/administrativeUnits/" + _t.NewId("administrativeUnit", "Dublin Office"));

            // PIM-eligible (not active) assignments.
            _t.Eligible(P("marcus.chen").Id, Roles.GlobalAdministrator, SnapshotTime.DaysAgo(200), SnapshotTime.DaysAgo(200).AddDays(365));
            _t.Eligible(P("priya.nair").Id, Roles.SharePointAdministrator, SnapshotTime.DaysAgo(420));
            _t.Eligible(P("oliver.bennett").Id, Roles.GlobalAdministrator, SnapshotTime.DaysAgo(510));
            _t.Eligible(P("mia.johansson").Id, Roles.ExchangeAdministrator, SnapshotTime.DaysAgo(150));
            _t.Eligible(P("sophie.martin").Id, Roles.UserAdministrator, SnapshotTime.DaysAgo(300));
            _t.Eligible(P("jordan.blake").Id, Roles.SecurityAdministrator, SnapshotTime.DaysAgo(30), SnapshotTime.DaysAgo(30).AddDays(180));
            _t.Eligible(architects, Roles.ApplicationAdministrator, SnapshotTime.DaysAgo(240));
        }

        private void AddNamedLocations()
        {
            var created = SnapshotTime.YearsAgo(2);
            _t.NamedLocations.Add(NamedLocationBuilder.Ip(LocationId("Northwind HQ - Seattle"), "Northwind HQ - Seattle", true, created, DemoPlaces.NorthwindSeattleRange));
            _t.NamedLocations.Add(NamedLocationBuilder.Ip(LocationId("Northwind Office - Dublin"), "Northwind Office - Dublin", true, created, DemoPlaces.NorthwindDublinRange));
            _t.NamedLocations.Add(NamedLocationBuilder.Countries(LocationId("Sanctioned countries"), "Sanctioned countries", created, "CU", "IR", "KP", "SY"));
        }

        private string LocationId(string displayName) => _t.NewId("namedLocation", displayName);
    }
}
