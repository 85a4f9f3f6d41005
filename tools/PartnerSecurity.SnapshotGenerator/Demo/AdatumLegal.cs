using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Demo.DemoPlaces;
using static PartnerSecurity.SnapshotGenerator.Model.Verdicts;
using R = PartnerSecurity.SnapshotGenerator.Model.ContractRule;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Customer 3: a law firm whose only GDAP relationship expired a month before capture, so the partner
    /// can no longer get tokens there. Its directory is still in the snapshot (what a re-established
    /// relationship would show).
    /// </summary>
    internal static class AdatumLegal
    {
        public const string Key = "adatum";
        public const string Domain = "adatumlegal.onmicrosoft.com";
        public const string MailDomain = "adatumlegal.com";

        public static CustomerDraft Build(string partnerTenantId)
        {
            var t = new TenantDraft(Key, "Adatum Legal", Domain, premiumLicense: true, securityDefaults: false);
            var f = new PeopleFactory(t, MailDomain, "Adatum Legal", "US", "Boston");

            var rebecca = f.Staff("rebecca.stone", "Rebecca", "Stone", "Managing Partner", "Partners", 9.0)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Global Administrator; ACA01.", ConditionalAccess);
            var daniel = f.Staff("daniel.cho", "Daniel", "Cho", "Partner", "Partners", 7.0)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "ACA01.", ConditionalAccess);
            var fiona = f.Staff("fiona.macleod", "Fiona", "MacLeod", "Associate", "Litigation", 0.1)
                .Expect(Compliant, R.CompliantNotRegistered, admin: false, "ACA01 covers her; not registered yet.", ConditionalAccess);
            var hugo = f.Staff("hugo.laurent", "Hugo", "Laurent", "Associate", "Corporate", 2.3)
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "ACA01.", ConditionalAccess);
            var tanya = f.Staff("tanya.ivanova", "Tanya", "Ivanova", "Paralegal", "Litigation", 3.4)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "ACA01.", ConditionalAccess);
            var neil = f.Staff("neil.gupta", "Neil", "Gupta", "IT Consultant", "Operations", 1.5)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "User Administrator; ACA01.", ConditionalAccess);
            var breakGlass = f.Account("breakglass@" + Domain, "Emergency Access", "Emergency access account", "Operations", 4.0)
                .Registers(Registration.Fido2)
                .Expect(NotCompliant, R.NotCompliantUser, admin: true, "Global Administrator excluded by user from ACA01, the only MFA policy.");
            var george = f.Staff("george.ward", "George", "Ward", "Associate (left 2026-06)", "Corporate", 3.0, enabled: false)
                .Registers(Registration.Authenticator)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: false, "Disabled leaver.");

            var created = SnapshotTime.YearsAgo(8);
            t.Group("Attorneys", null, created, new[] { rebecca.Id, daniel.Id, fiona.Id, hugo.Id, george.Id });
            t.Group("Staff", null, created, new[] { t.NewId("group", "Attorneys"), tanya.Id, neil.Id });

            t.Assign(rebecca.Id, Roles.GlobalAdministrator);
            t.Assign(breakGlass.Id, Roles.GlobalAdministrator);
            t.Assign(neil.Id, Roles.UserAdministrator);

            t.Add(t.Policy("ACA01: Require MFA for all users")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(300))
                .IncludeUsers("All")
                .ExcludeUsers(breakGlass.Id));
            t.Add(t.Policy("ACA02: Block legacy authentication")
                .Dates(SnapshotTime.YearsAgo(2), SnapshotTime.DaysAgo(300))
                .IncludeUsers("All")
                .ClientAppTypes("exchangeActiveSync", "other")
                .Block());

            var s = new SignInScript(t);
            s.BrowserWithMfa(rebecca, 0.4, Apps.OfficeHome, Boston);
            s.BrowserWithMfa(daniel, 1.2, Apps.Outlook, BostonHome);
            s.BrowserWithMfa(tanya, 2.5, Apps.OfficeHome, Boston);
            s.Refresh(hugo, 3.1, Apps.Teams, Boston);
            s.Legacy(hugo, 6.6, ClientApps.Imap, SignInOutcome.BlockedByConditionalAccess, BostonHome, "failure");

            var customer = PartnerCenterBuilders.Customer(t.Id, t.DisplayName, Domain);
            var expired = PartnerCenterBuilders.GdapRelationship(partnerTenantId, t.Id, t.DisplayName, "Northwind MSP - Adatum Legal", "expired",
                SnapshotTime.DaysAgo(760), 730, autoExtend: false,
                new[] { Roles.HelpdeskAdministrator, Roles.UserAdministrator, Roles.GlobalReader }, lastModified: SnapshotTime.DaysAgo(30));
            return new CustomerDraft(customer, new[] { expired }, t);
        }
    }
}
