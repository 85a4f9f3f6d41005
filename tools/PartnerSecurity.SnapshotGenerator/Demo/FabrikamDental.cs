using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Model.Verdicts;
using R = PartnerSecurity.SnapshotGenerator.Model.ContractRule;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Customer 1: a dental practice on Entra ID Free (premiumLicense false: sign-in logs answer 403) with
    /// security defaults on, no conditional access, on-premises AD synchronized by Entra Connect. GDAP active.
    /// </summary>
    internal static class FabrikamDental
    {
        public const string Key = "fabrikam";
        public const string Domain = "fabrikamdental.onmicrosoft.com";
        public const string MailDomain = "fabrikamdental.com";

        public static CustomerDraft Build(string partnerTenantId)
        {
            var t = new TenantDraft(Key, "Fabrikam Dental", Domain, premiumLicense: false, securityDefaults: true);
            var f = new PeopleFactory(t, MailDomain, "Fabrikam Dental", "US", "Portland Clinic");

            var helen = f.Staff("helen.park", "Helen", "Park", "Practice Owner, DDS", "Management", 6.5)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: true, "Global Administrator of a tenant with security defaults on.", SecurityDefaults);
            var maria = f.Staff("maria.gonzalez", "Maria", "Gonzalez", "Practice Manager", "Management", 5.2)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: true, "User Administrator; security defaults.", SecurityDefaults);
            var samir = f.Staff("samir.khan", "Samir", "Khan", "Associate Dentist", "Clinical", 4.0, synced: true)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "Synchronized from on-premises AD; security defaults.", SecurityDefaults);
            var julia = f.Staff("julia.weber", "Julia", "Weber", "Associate Dentist", "Clinical", 0.2, synced: true)
                .Expect(Compliant, R.CompliantNotRegistered, admin: false, "Security defaults cover her; she has not registered yet and will be asked to at next sign-in.", SecurityDefaults);
            var tyler = f.Staff("tyler.ross", "Tyler", "Ross", "Dental Hygienist", "Clinical", 3.1, synced: true)
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "Security defaults.", SecurityDefaults);
            var mei = f.Staff("mei.lin", "Mei", "Lin", "Dental Hygienist", "Clinical", 2.4, synced: true)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "Security defaults.", SecurityDefaults);
            var paula = f.Staff("paula.souza", "Paula", "Souza", "Front Desk Coordinator", "Front Office", 3.8, synced: true)
                .Registers(Registration.Phone).PerUser("enforced")
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "Security defaults, plus per-user MFA 'enforced' from before they were turned on.", SecurityDefaults, PerUserMfa);
            var derek = f.Staff("derek.olsen", "Derek", "Olsen", "Billing Coordinator", "Front Office", 1.9, synced: true)
                .Registers(Registration.EmailOnly)
                .Expect(Compliant, R.CompliantNotRegistered, admin: false, "Security defaults; only an SSPR email registered, which is not an MFA method.", SecurityDefaults);
            var lily = f.Staff("lily.evans", "Lily", "Evans", "Dental Assistant", "Clinical", 1.1, synced: true)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "Security defaults.", SecurityDefaults);
            var sync = f.Account($"Sync_FABDC01_{StableIds.Hex("fabrikam/sync", 12)}@{Domain}", "On-Premises Directory Synchronization Service Account", null, null, 4.2)
                .Expect(Exempt, R.Exempt, admin: true,
                    "Directory Synchronization Accounts role: security defaults exclude it by design, and nothing else covers it.");
            var kelly = f.Staff("kelly.nguyen", "Kelly", "Nguyen", "Dental Hygienist (left 2026-08)", "Clinical", 3.5, enabled: false, synced: true)
                .Registers(Registration.Phone)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: false, "Disabled leaver.");
            var raj = f.External(AccountKind.B2bCollaborationGuest, "raj.malhotra@contoso-itpro.com", "Raj", "Malhotra", "Contoso IT Pro", "IT Consultant", 2.0)
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantSecurityDefaults, admin: false, "b2bCollaborationGuest: security defaults cover guests too.", SecurityDefaults);

            var created = SnapshotTime.YearsAgo(6);
            t.Group("Fabrikam Staff", "Synchronized from FABRIKAM.LOCAL.", created,
                new[] { t.NewId("group", "Clinical Team"), helen.Id, maria.Id, paula.Id, derek.Id, kelly.Id }, onPremisesSync: true);
            t.Group("Clinical Team", "Synchronized from FABRIKAM.LOCAL.", created, new[] { t.NewId("group", "Hygienists"), samir.Id, julia.Id, lily.Id }, onPremisesSync: true);
            t.Group("Hygienists", "Synchronized from FABRIKAM.LOCAL.", created, new[] { tyler.Id, mei.Id, kelly.Id }, onPremisesSync: true);
            t.Group("IT Support (external)", null, SnapshotTime.YearsAgo(2), new[] { raj.Id });

            t.Assign(helen.Id, Roles.GlobalAdministrator);
            t.Assign(maria.Id, Roles.UserAdministrator);
            t.Assign(sync.Id, Roles.DirectorySynchronizationAccounts);

            var customer = PartnerCenterBuilders.Customer(t.Id, t.DisplayName, Domain);
            var gdap = PartnerCenterBuilders.GdapRelationship(partnerTenantId, t.Id, t.DisplayName, "Northwind MSP - Fabrikam Dental", "active",
                SnapshotTime.DaysAgo(410), 730, autoExtend: true,
                // Security Administrator lets the partner change security defaults; without Authentication Policy
                // Administrator its per-user MFA writes are refused (the demo's customer where GDAP does not allow a write).
                new[] { Roles.HelpdeskAdministrator, Roles.UserAdministrator, Roles.ExchangeAdministrator, Roles.GlobalReader, Roles.SecurityReader, Roles.SecurityAdministrator });
            return new CustomerDraft(customer, new[] { gdap }, t);
        }
    }
}
