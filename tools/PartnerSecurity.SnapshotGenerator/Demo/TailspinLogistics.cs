using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Demo.DemoPlaces;
using static PartnerSecurity.SnapshotGenerator.Graph.ConditionalAccessPolicyBuilder;
using static PartnerSecurity.SnapshotGenerator.Model.Verdicts;
using R = PartnerSecurity.SnapshotGenerator.Model.ContractRule;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Customer 2: a logistics company with Entra ID P1 whose conditional access only partly covers it: the
    /// all-users policy is report-only, the enforced one skips the Rotterdam office, only IT has a real
    /// policy; per-user MFA for a few dispatchers; legacy protocols still in daily use. GDAP active.
    /// </summary>
    internal static class TailspinLogistics
    {
        public const string Key = "tailspin";
        public const string Domain = "tailspinlogistics.onmicrosoft.com";
        public const string MailDomain = "tailspinlogistics.com";

        public static CustomerDraft Build(string partnerTenantId)
        {
            var t = new TenantDraft(Key, "Tailspin Logistics", Domain, premiumLicense: true, securityDefaults: false);
            var f = new PeopleFactory(t, MailDomain, "Tailspin Logistics", "NL", "Rotterdam HQ");

            var henrik = f.Staff("henrik.larsen", "Henrik", "Larsen", "IT Manager", "IT", 5.0)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Global Administrator in the Tailspin IT group: TCA03 (group-scoped) covers him Always.", ConditionalAccess);
            var amara = f.Staff("amara.okoye", "Amara", "Okoye", "IT Support Specialist", "IT", 2.2)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Helpdesk Administrator, eligible Security Administrator; TCA03 reaches her through Tailspin IT > Tailspin IT - Service Desk.", ConditionalAccess);
            var breakGlass = f.Account("breakglass@" + Domain, "Emergency Access", "Emergency access account", "IT", 5.0)
                .Registers(Registration.Fido2)
                .Expect(NotCompliant, R.NotCompliantUser, admin: true,
                    "Global Administrator excluded by user from TCA01 and TCA02 and covered by nothing else.");
            var liam = f.Staff("liam.o'connor", "Liam", "O'Connor", "Operations Manager", "Operations", 4.1)
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false,
                    "Apostrophe in the UPN; TCA02 excludes the Rotterdam office, where his POP3 mail client signs in with a password alone.");
            var carmen = f.Staff("carmen.ortiz", "Carmen", "Ortiz", "Dispatch Lead", "Dispatch", 3.3)
                .Registers(Registration.Phone).PerUser("enforced")
                .Expect(Compliant, R.CompliantPerUserMfa, admin: false, "Per-user MFA 'enforced'; TCA02 is also listed as Conditional.", PerUserMfa);
            var wei = f.Staff("wei.zhang", "Wei", "Zhang", "Dispatcher", "Dispatch", 0.4).PerUser("enabled")
                .Expect(Compliant, R.CompliantNotRegistered, admin: false,
                    "Per-user MFA 'enabled' covers him; he has not registered yet (his MFA prompts fail with 50076).", PerUserMfa);
            var jonas = f.Staff("jonas.becker", "Jonas", "Becker", "Fleet Manager", "Operations", 6.0)
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false, "TCA02 only outside the office; his IMAP4 client signs in from the office with a password.");
            var kwame = f.Staff("kwame.mensah", "Kwame", "Mensah", "Driver", "Drivers", 2.9)
                .Registers(Registration.Phone)
                .Expect(Partial, R.PartialLocations, admin: false, "TCA02 only; his phone uses Exchange ActiveSync on the office Wi-Fi.");
            var sofia = f.Staff("sofia.marino", "Sofia", "Marino", "Driver", "Drivers", 0.9)
                .Expect(Partial, R.PartialLocations, admin: false, "TCA02 only, and not registered.");
            var scanner = f.Account("scanner-dock3@" + MailDomain, "Dock 3 Scanner", "Service account", "Warehouse", 3.0, mail: "scanner-dock3@" + MailDomain)
                .Expect(NotCompliant, R.NotCompliantUser, admin: false, "Sends delivery notes over Authenticated SMTP; excluded by user from TCA02. TCA01 names it but is report-only.");
            var ingrid = f.Staff("ingrid.nilsson", "Ingrid", "Nilsson", "Finance Controller", "Finance", 4.6)
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false, "TCA02 only.");
            var patrick = f.Staff("patrick.dunne", "Patrick", "Dunne", "HR Officer", "HR", 1.8)
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false, "TCA02 only.");
            var marco = f.Staff("marco.bianchi", "Marco", "Bianchi", "Driver (left 2026-07)", "Drivers", 3.7, enabled: false)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: false, "Disabled leaver.");
            var nadia = f.External(AccountKind.B2bCollaborationGuest, "nadia.haddad@fourthcoffee.com", "Nadia", "Haddad", "Fourth Coffee Freight", "Freight Broker", 1.0)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantGuest, admin: false, "b2bCollaborationGuest named by TCA04's includeGuestsOrExternalUsers.", ConditionalAccess);
            var aaliyah = f.Staff("aaliyah.brown", "Aaliyah", "Brown", "Account Manager", "Sales", 2.5).PerUser("disabled")
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false, "Per-user MFA explicitly 'disabled'; TCA02 only.");

            var created = SnapshotTime.YearsAgo(5);
            var it = t.Group("Tailspin IT", null, created, new[] { henrik.Id, t.NewId("group", "Tailspin IT - Service Desk") });
            t.Group("Tailspin IT - Service Desk", null, created, new[] { amara.Id });
            t.Group("Dispatch", null, created, new[] { carmen.Id, wei.Id });
            t.Group("Drivers", null, created, new[] { kwame.Id, sofia.Id, marco.Id });
            t.Group("Office Staff", null, created, new[] { liam.Id, jonas.Id, ingrid.Id, patrick.Id, aaliyah.Id });
            t.Group("Devices - Scanners", null, created, new[] { scanner.Id });

            t.Assign(henrik.Id, Roles.GlobalAdministrator);
            t.Assign(breakGlass.Id, Roles.GlobalAdministrator);
            t.Assign(amara.Id, Roles.HelpdeskAdministrator);
            t.Eligible(amara.Id, Roles.SecurityAdministrator, SnapshotTime.DaysAgo(90));

            var hq = t.NewId("namedLocation", "Tailspin HQ - Rotterdam");
            t.NamedLocations.Add(NamedLocationBuilder.Ip(hq, "Tailspin HQ - Rotterdam", true, SnapshotTime.YearsAgo(2), TailspinRotterdamRange));

            t.Add(t.Policy("TCA01: Require MFA for all users")
                .State(ReportOnly)
                .Dates(SnapshotTime.YearsAgo(1), SnapshotTime.DaysAgo(200))
                .IncludeUsers("All")
                .ExcludeUsers(breakGlass.Id));
            t.Add(t.Policy("TCA02: Require MFA outside the Rotterdam office")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(180))
                .IncludeUsers("All")
                .ExcludeUsers(breakGlass.Id, scanner.Id)
                .Locations(new[] { "All" }, hq));
            t.Add(t.Policy("TCA03: Require MFA for IT staff")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(180))
                .IncludeGroups(it));
            t.Add(t.Policy("TCA04: Require MFA for guests")
                .Dates(SnapshotTime.YearsAgo(1), SnapshotTime.DaysAgo(150))
                .IncludeGuestTypes("b2bCollaborationGuest"));
            t.Add(t.Policy("TCA05: Block legacy authentication")
                .State(Disabled)
                .Dates(SnapshotTime.YearsAgo(1), SnapshotTime.DaysAgo(95))
                .IncludeUsers("All")
                .ClientAppTypes("exchangeActiveSync", "other")
                .Block());

            var s = new SignInScript(t);
            foreach (var day in new[] { 0.4, 1.4, 2.4, 3.4, 6.4, 7.4, 8.4, 9.4 })
                s.Legacy(liam, day, ClientApps.Pop, SignInOutcome.Success, Rotterdam, "notApplied");
            s.SingleFactor(liam, 1.1, Apps.OfficeHome, ClientApps.Browser, Rotterdam);
            s.Failure(liam, 2.7, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.InvalidPassword, RotterdamHome);
            s.Add(liam, 2.69, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.AuthenticatorPush, true, RotterdamHome, "success");
            s.BrowserWithMfa(liam, 5.8, Apps.OfficeHome, RotterdamHome);
            foreach (var day in new[] { 0.35, 1.35, 4.35, 5.35, 8.35 })
                s.Legacy(jonas, day, ClientApps.Imap, SignInOutcome.Success, Rotterdam.At("203.0.113.141"), "notApplied");
            foreach (var day in new[] { 0.2, 3.2, 10.2 })
                s.Legacy(kwame, day, ClientApps.ActiveSync, SignInOutcome.Success, Rotterdam.At("203.0.113.150"), "notApplied");
            foreach (var day in new[] { 0.1, 0.6, 1.1, 2.1, 3.1, 4.1, 7.1 })
                s.Legacy(scanner, day, ClientApps.Smtp, SignInOutcome.Success, Antwerp, "notApplied");
            s.BrowserWithMfa(henrik, 0.25, Apps.AzurePortal, Rotterdam);
            s.Refresh(henrik, 0.2, Apps.Teams, Rotterdam);
            s.BrowserWithMfa(amara, 1.6, Apps.AzurePortal, Rotterdam);
            s.BrowserWithMfa(carmen, 2.3, Apps.OfficeHome, RotterdamHome, SignInMfa.Sms);
            s.Failure(wei, 0.9, Apps.OfficeHome, ClientApps.Browser, SignInOutcome.MfaRequired, Rotterdam, mfaRequired: true);
            s.SingleFactor(sofia, 3.9, Apps.Teams, ClientApps.MobileAndDesktop, Rotterdam, os: "Android");
            s.SingleFactor(ingrid, 1.3, Apps.OfficeHome, ClientApps.Browser, Rotterdam);
            s.BrowserWithMfa(patrick, 4.7, Apps.OfficeHome, RotterdamHome);
            s.BrowserWithMfa(nadia, 6.1, Apps.OfficeHome, London, homeTenantId: StableIds.Guid("tenant/fourth-coffee"));
            s.SingleFactor(aaliyah, 2.8, Apps.Outlook, ClientApps.MobileAndDesktop, Rotterdam);

            var customer = PartnerCenterBuilders.Customer(t.Id, t.DisplayName, Domain);
            var current = PartnerCenterBuilders.GdapRelationship(partnerTenantId, t.Id, t.DisplayName, "Northwind MSP - Tailspin Logistics 2026", "active",
                SnapshotTime.DaysAgo(260), 730, autoExtend: true,
                new[] { Roles.HelpdeskAdministrator, Roles.UserAdministrator, Roles.SecurityAdministrator, Roles.ConditionalAccessAdministrator, Roles.GlobalReader, Roles.AuthenticationPolicyAdministrator });
            var previous = PartnerCenterBuilders.GdapRelationship(partnerTenantId, t.Id, t.DisplayName, "Northwind MSP - Tailspin Logistics 2024", "expired",
                SnapshotTime.DaysAgo(640), 365, autoExtend: false,
                new[] { Roles.GlobalAdministrator }, lastModified: SnapshotTime.DaysAgo(275));
            return new CustomerDraft(customer, new[] { current, previous }, t);
        }
    }
}
