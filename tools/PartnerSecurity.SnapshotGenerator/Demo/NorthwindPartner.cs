using System.Collections.Generic;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Model.Verdicts;
using R = PartnerSecurity.SnapshotGenerator.Model.ContractRule;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// The demo partner: Northwind Cloud Partners, a CSP with about sixty users, whose conditional access
    /// grew policy by policy into exactly the mess the MFA coverage rules are written for. Each persona
    /// carries the verdict worked out by hand from docs/mfa-coverage-rules.md; docs/demo-tenant.md
    /// tells the story.
    /// </summary>
    internal sealed partial class NorthwindPartner
    {
        public const string Key = "northwind";
        public const string Domain = "northwindcloud.onmicrosoft.com";
        public const string MailDomain = "northwindcloud.com";

        private readonly TenantDraft _t = new TenantDraft(Key, "Northwind Cloud Partners", Domain, premiumLicense: true, securityDefaults: false);
        private readonly Dictionary<string, Person> _people = new Dictionary<string, Person>();

        public static TenantDraft Build()
        {
            var partner = new NorthwindPartner();
            partner.AddUsers();
            partner.AddGroupsAndRoles();
            partner.AddNamedLocations();
            partner.AddPolicies();
            partner.AddSignIns();
            partner.AddAutomation();
            return partner._t;
        }

        private Person P(string alias) => _people[alias];

        private Person Keep(string alias, Person person)
        {
            _people.Add(alias, person);
            return person;
        }

        private string GroupId(string displayName) => _t.NewId("group", displayName);

        private void AddUsers()
        {
            var f = new PeopleFactory(_t, MailDomain, "Northwind Cloud Partners", "US", "Seattle HQ");

            // --- Admin agents and other administrators -------------------------------------------------
            // Ava comes first: she is the first enabled Global Administrator in document order, whom
            // Connect-PartnerSecurity -Demo signs in as. She must stay enabled, registered and in AdminAgents.
            Keep("ava.thompson", f.Staff("ava.thompson", "Ava", "Thompson", "Cloud Operations Lead", "Cloud Operations", 6.2))
                .Registers(Registration.WindowsHello)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Admin agent and first Global Administrator (the demo signs in as her); CA001, CA003 and CA005 cover her.", ConditionalAccess);
            Keep("marcus.chen", f.Staff("marcus.chen", "Marcus", "Chen", "Security Engineer", "Security", 5.1))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Privileged Role Administrator (active, direct) and PIM-eligible Global Administrator; CA001 and CA003.", ConditionalAccess);
            Keep("priya.nair", f.Staff("priya.nair", "Priya", "Nair", "Modern Workplace Engineer", "Cloud Operations", 4.3))
                .Registers(Registration.AuthenticatorAndPhone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Exchange Administrator through the role-assignable group RA-Messaging-Admins, eligible SharePoint Administrator; CA001 and CA003.", ConditionalAccess);
            Keep("daniel.kowalski", f.Staff("daniel.kowalski", "Daniel", "Kowalski", "Identity Engineer", "Security", 3.8))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Conditional Access Administrator (direct) and Security Administrator through RA-Security-Operations; CA001 and CA003.", ConditionalAccess);
            Keep("fatima.alsayed", f.Staff("fatima.alsayed", "Fatima", "Al-Sayed", "Service Delivery Manager", "Service Delivery", 4.9))
                .Registers(Registration.Authenticator).PerUser("enabled")
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "User Administrator; per-user MFA 'enabled' left over from before conditional access, so EnforcedBy lists both mechanisms.", PerUserMfa, ConditionalAccess);
            Keep("breakglass01", f.Account("breakglass01@" + Domain, "Emergency Access 01", "Emergency access account", "IT", 5.9))
                .Registers(Registration.Fido2)
                .Expect(Compliant, R.CompliantAuthenticationStrength, admin: true,
                    "Global Administrator excluded by user from CA001, CA003 and CA005, but CA004 requires the phishing-resistant authentication strength of it.", ConditionalAccess);
            Keep("breakglass02", f.Account("breakglass02@" + Domain, "Emergency Access 02", "Emergency access account", "IT", 5.9))
                .Registers(Registration.Fido2)
                .Expect(Compliant, R.CompliantAuthenticationStrength, admin: true,
                    "Second emergency access account: as breakglass01, covered only by CA004's authentication strength.", ConditionalAccess);
            Keep("sync", f.Account($"Sync_NWC-AADC01_{StableIds.Hex("northwind/sync", 12)}@{Domain}", "On-Premises Directory Synchronization Service Account", null, null, 3.5))
                .Expect(NotCompliant, R.NotCompliantRole, admin: true,
                    "Directory Synchronization Accounts role: CA001 excludes that role, and security defaults are off, so it is not Exempt but NotCompliant.");
            Keep("robert.hayes", f.Staff("robert.hayes", "Robert", "Hayes", "Cloud Architect (left 2026-09)", "Cloud Operations", 7.4, enabled: false))
                .Registers(Registration.Authenticator)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: true,
                    "Disabled leaver who still holds Global Administrator and AdminAgents membership: out of scope while disabled.");

            // --- Helpdesk agents ---------------------------------------------------------------------------
            Keep("sophie.martin", f.Staff("sophie.martin", "Sophie", "Martin", "Helpdesk Lead", "Support", 4.0))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Helpdesk Administrator through RA-Helpdesk-Admins, eligible User Administrator; CA001 and CA003.", ConditionalAccess);
            Keep("james.whitaker", f.Staff("james.whitaker", "James", "Whitaker", "Support Engineer", "Support", 2.7))
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Helpdesk Administrator through RA-Helpdesk-Admins; SMS as his only method.", ConditionalAccess);
            Keep("aisha.bello", f.Staff("aisha.bello", "Aisha", "Bello", "Support Engineer", "Support", 2.2, synced: true))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Helpdesk Administrator through RA-Helpdesk-Admins; synchronized from on-premises AD.", ConditionalAccess);
            Keep("lucas.moreau", f.Staff("lucas.moreau", "Lucas", "Moreau", "Support Engineer", "Support", 1.6, office: "Dublin", country: "IE"))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Helpdesk Administrator through RA-Helpdesk-Admins, based in Dublin.", ConditionalAccess);
            Keep("yusuf.demir", f.Staff("yusuf.demir", "Yusuf", "Demir", "Support Engineer", "Support", 0.8))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "HelpdeskAgents member without a directory role in the partner tenant; CA001.", ConditionalAccess);
            Keep("connor.walsh", f.Staff("connor.walsh", "Connor", "Walsh", "Support Engineer", "Support", 1.1, office: "Dublin", country: "IE"))
                .Registers(Registration.AuthenticatorAndPhone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "HelpdeskAgents member in Dublin; CA001.", ConditionalAccess);

            // --- Sales -----------------------------------------------------------------------------------
            Keep("shannon.o'brien", f.Staff("shannon.o'brien", "Shannon", "O'Brien", "Account Executive", "Sales", 3.3))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false,
                    "Apostrophe in the UPN (quote it in OData filters); sales agent with the busiest sign-in log, including a blocked ActiveSync phone.", ConditionalAccess);
            Keep("ethan.brooks", f.Staff("ethan.brooks", "Ethan", "Brooks", "Sales Director", "Sales", 5.6))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Sales agent; target of an IMAP password spray that CA030 and bad passwords stopped.", ConditionalAccess);
            Keep("chloe.dubois", f.Staff("chloe.dubois", "Chloe", "Dubois", "Inside Sales Representative", "Sales", 1.9))
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Sales agent; an IMAP sign-in with her correct password was blocked by CA030.", ConditionalAccess);
            Keep("thomas.meyer", f.Staff("thomas.meyer", "Thomas", "Meyer", "Sales Engineer", "Sales", 2.4))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Sales agent; CA001.", ConditionalAccess);
            Keep("diego.ramirez", f.Staff("diego.ramirez", "Diego", "Ramirez", "Field Sales Executive, EMEA", "Sales", 2.9, office: "Remote - Madrid", country: "ES"))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialLocations, admin: false,
                    "Excluded from CA001 through CA-Excluded-Baseline-MFA > CA-Exception-Field-Sales > Sales-Field > Sales-Field-EMEA; CA010 asks for MFA only outside trusted locations.");
            Keep("hannah.schmidt", f.Staff("hannah.schmidt", "Hannah", "Schmidt", "Field Sales Executive, EMEA", "Sales", 0.6, office: "Remote - Munich", country: "DE"))
                .Expect(Partial, R.PartialLocations, admin: false,
                    "Same nested exclusion and location-narrowed CA010 as Diego, and not MFA-registered either.");
            Keep("brian.kelly", f.Staff("brian.kelly", "Brian", "Kelly", "Account Executive (left 2026-10)", "Sales", 4.4, enabled: false))
                .Registers(Registration.Authenticator)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: false, "Disabled leaver still in SalesAgents.");

            // --- Engineering -----------------------------------------------------------------------------
            Keep("oliver.bennett", f.Staff("oliver.bennett", "Oliver", "Bennett", "Principal Cloud Architect", "Engineering", 6.0))
                .Registers(Registration.WindowsHello)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "PIM-eligible Global Administrator and, through RA-Cloud-Architects, eligible Application Administrator; four levels deep in All Staff; CA001.", ConditionalAccess);
            Keep("mia.johansson", f.Staff("mia.johansson", "Mia", "Johansson", "Cloud Engineer", "Engineering", 3.1))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Intune Administrator (active, direct), eligible Exchange Administrator; CA001 and CA003.", ConditionalAccess);
            Keep("kenji.watanabe", f.Staff("kenji.watanabe", "Kenji", "Watanabe", "Cloud Engineer", "Engineering", 2.5))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialAlternativeGrant, admin: false,
                    "Excluded from CA001 through CA-Exception-Managed-Laptops; CA014 grants MFA OR a compliant device, so a compliant laptop gets in without MFA.");
            Keep("elena.petrova", f.Staff("elena.petrova", "Elena", "Petrova", "DevOps Engineer", "Engineering", 2.0))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialPlatforms, admin: false,
                    "Excluded from CA001 through CA-Exception-Linux-Workstations; CA012 includes all platforms but excludes linux, her workstation.");
            Keep("samuel.okafor", f.Staff("samuel.okafor", "Samuel", "Okafor", "Security Analyst", "Security", 1.4))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Security Administrator through RA-Security-Operations; CA001 and CA003.", ConditionalAccess);
            Keep("grace.liu", f.Staff("grace.liu", "Grace", "Liu", "Data Engineer", "Engineering", 1.8))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialDeviceFilter, admin: false,
                    "Excluded from CA001 through CA-Exception-Unmanaged-Devices; CA016 has a device filter, so compliant or hybrid-joined devices are out of its scope.");
            Keep("noah.williams", f.Staff("noah.williams", "Noah", "Williams", "Junior Cloud Engineer", "Engineering", 0.01))
                .Expect(Compliant, R.CompliantNotRegistered, admin: false,
                    "Joined three days ago and has not registered a method: CA001 covers him, so Compliant; Reason says he will be asked to register at next sign-in.", ConditionalAccess);
            Keep("ravi.patel", f.Staff("ravi.patel", "Ravi", "Patel", "Network Engineer", "Engineering", 3.6))
                .Registers(Registration.AuthenticatorAndPhone)
                .Expect(Partial, R.PartialAuthenticationFlows, admin: false,
                    "Excluded from CA001 through CA-Exception-Device-Code; CA017 names him but only applies to the device code flow (authenticationFlows).");
            Keep("isabella.rossi", f.Staff("isabella.rossi", "Isabella", "Rossi", "Cloud Engineer", "Engineering", 2.8))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true,
                    "Admin only by PIM eligibility held through the group RA-Cloud-Architects (Application Administrator); CA001.", ConditionalAccess);
            Keep("william.foster", f.Staff("william.foster", "William", "Foster", "Cloud Engineer", "Engineering", 3.9)).PerUser("disabled")
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Per-user MFA listed explicitly as 'disabled': CA001 alone.", ConditionalAccess);
            Keep("carlos.mendes", f.Staff("carlos.mendes", "Carlos", "Mendes", "Solutions Architect", "Engineering", 4.7, synced: true))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Synchronized from on-premises AD; CA001.", ConditionalAccess);
            Keep("ahmed.hassan", f.Staff("ahmed.hassan", "Ahmed", "Hassan", "Cloud Engineer", "Engineering", 2.1, synced: true))
                .Registers(Registration.AuthenticatorAndPhone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "Synchronized from on-premises AD; CA001.", ConditionalAccess);

            // --- Where conditional access does not reach as it seems to ----------------------------------------
            Keep("nadia.karim", f.Staff("nadia.karim", "Nadia", "Karim", "IT Coordinator, Dublin office", "Support", 2.4, office: "Dublin", country: "IE"))
                .Registers(Registration.Authenticator)
                .Expect(NotCompliant, R.NotCompliantScopedRole, admin: true,
                    "Helpdesk Administrator scoped to the administrative unit 'Dublin Office', excluded from CA001 through CA-Exception-Regional-IT in the belief that CA003 covers her: conditional access does not target role assignments scoped to an administrative unit.");
            Keep("felix.wagner", f.Staff("felix.wagner", "Felix", "Wagner", "Contract Cloud Engineer", "Engineering", 0.4))
                .Registers(Registration.Authenticator)
                .Expect(NotCompliant, R.NotCompliantNoApplication, admin: false,
                    "Excluded from CA001 through CA-Exception-Contractors; CA018, the contractors' own policy, names him but its resources were never chosen (includeApplications None), so it applies to nothing.");
            Keep("ingrid.svensson", f.Staff("ingrid.svensson", "Ingrid", "Svensson", "Data Analyst", "Finance", 1.1))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialApplicationFilter, admin: false,
                    "Excluded from CA001 through CA-Exception-Low-Risk-Apps; CA019 covers all resources except Northwind Timesheets and the apps an application filter tags low-risk.");

            // --- Leadership and business -----------------------------------------------------------------
            Keep("lena.forsberg", f.Staff("lena.forsberg", "Lena", "Forsberg", "Chief Executive Officer", "Leadership", 8.0))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialRisk, admin: false,
                    "Excluded from CA001 through CA-Exception-Executives; CA011 asks for MFA only on medium or high sign-in risk (or high user risk).");
            Keep("michael.grant", f.Staff("michael.grant", "Michael", "Grant", "Chief Financial Officer", "Leadership", 7.5))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantThroughRoleGroup, admin: true,
                    "Excluded from CA001 with the executives, but Billing Administrator through RA-Finance-Admins brings him into CA003; CA011 (risk) is also listed as Conditional.", ConditionalAccess);
            Keep("gary.holt", f.Staff("gary.holt", "Gary", "Holt", "Accounts Payable Specialist", "Finance", 9.2, synced: true))
                .Registers(Registration.Phone).PerUser("enforced")
                .Expect(Compliant, R.CompliantPerUserMfa, admin: false,
                    "Excluded by user from CA001 years ago for an old Outlook; per-user MFA 'enforced' is the only thing that covers him.", PerUserMfa);
            Keep("nora.lindqvist", f.Staff("nora.lindqvist", "Nora", "Lindqvist", "Finance Manager", "Finance", 4.1))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: true, "Billing Administrator through RA-Finance-Admins; CA001 and CA003.", ConditionalAccess);
            Keep("leah.fischer", f.Staff("leah.fischer", "Leah", "Fischer", "Billing Specialist", "Finance", 1.3))
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001; one of the password-spray targets.", ConditionalAccess);
            Keep("zoe.carter", f.Staff("zoe.carter", "Zoe", "Carter", "Marketing Specialist", "Marketing", 1.7))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialApplications, admin: false,
                    "Excluded from CA001 through CA-Exception-Marketing-O365; CA013 covers only the Office365 application group.");
            Keep("ben.adeyemi", f.Staff("ben.adeyemi", "Ben", "Adeyemi", "Marketing Manager", "Marketing", 3.4))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001; his old POP3 client was blocked by CA030.", ConditionalAccess);
            Keep("maya.goldberg", f.Staff("maya.goldberg", "Maya", "Goldberg", "Content Strategist", "Marketing", 0.9))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001.", ConditionalAccess);
            Keep("laura.novak", f.Staff("laura.novak", "Laura", "Novak", "HR Manager", "People & Operations", 5.0))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001.", ConditionalAccess);
            Keep("kate.sullivan", f.Staff("kate.sullivan", "Kate", "Sullivan", "Recruiter", "People & Operations", 1.2))
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001; an 'Other clients' legacy sign-in was blocked by CA030.", ConditionalAccess);
            Keep("rosa.delgado", f.Staff("rosa.delgado", "Rosa", "Delgado", "Office Manager", "People & Operations", 6.6))
                .Registers(Registration.Authenticator)
                .Expect(Partial, R.PartialClientAppTypes, admin: false,
                    "Excluded from CA001 through CA-Exception-Browser-Only; CA015 applies to the browser client type only, so desktop apps get in with a password.");
            Keep("omar.farouk", f.Staff("omar.farouk", "Omar", "Farouk", "Project Manager", "Service Delivery", 2.3))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001.", ConditionalAccess);
            Keep("hiroshi.tanaka", f.Staff("hiroshi.tanaka", "Hiroshi", "Tanaka", "Project Manager", "Service Delivery", 3.0))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001; his Outlook 2010 (MAPI over HTTP, basic auth) was blocked by CA030.", ConditionalAccess);
            Keep("emma.wilson", f.Staff("emma.wilson", "Emma", "Wilson", "Customer Success Manager", "Service Delivery", 2.6))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001.", ConditionalAccess);
            Keep("olivia.harper", f.Staff("olivia.harper", "Olivia", "Harper", "Technical Account Manager", "Service Delivery", 3.7))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001; a password-spray target.", ConditionalAccess);
            Keep("sarah.jenkins", f.Staff("sarah.jenkins", "Sarah", "Jenkins", "Customer Success Manager", "Service Delivery", 4.2, synced: true))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantConditionalAccess, admin: false, "CA001.", ConditionalAccess);

            // --- Service accounts ------------------------------------------------------------------------
            Keep("svc-pc-automation", f.Account("svc-pc-automation@" + Domain, "Partner Center Automation (legacy)", "Service account", "Cloud Operations", 5.4))
                .Expect(NotCompliant, R.NotCompliantUser, admin: false,
                    "AdminAgents member used by nightly scripts with a password: excluded by user from CA001, and CA091 (service accounts) is disabled. The Secure Application Model replaces it.");
            Keep("svc-scanner", f.Account("svc-scanner@" + MailDomain, "Scan to Email - 3rd Floor MFP", "Service account", "People & Operations", 4.8, mail: "svc-scanner@" + MailDomain))
                .Expect(NotCompliant, R.NotCompliantUser, admin: false,
                    "Multifunction printer sending over Authenticated SMTP: excluded by user from CA001 and from the legacy-authentication block CA030.");
            Keep("svc-backup", f.Account("svc-backup@" + Domain, "Microsoft 365 Backup Service", "Service account", "Cloud Operations", 1.0))
                .Expect(Compliant, R.CompliantNotRegistered, admin: false,
                    "Service account inside CA001 that never registered a method: Compliant, and flagged as not registered.", ConditionalAccess);

            // --- Vendor accounts (managed SOC) -----------------------------------------------------------
            Keep("jordan.blake", f.Staff("jordan.blake", "Jordan", "Blake", "Managed SOC Analyst", "Contoso Security Services", 0.7, office: "Vendor - Bengaluru", country: "IN"))
                .Registers(Registration.Authenticator)
                .Expect(NotCompliant, R.NotCompliantEligibleOnly, admin: true,
                    "Admin only by PIM eligibility (Security Administrator), which neither brings him into CA003 nor anything else; excluded from CA001 four groups deep; CA090 is report-only.");
            Keep("casey.morgan", f.Staff("casey.morgan", "Casey", "Morgan", "Managed SOC Analyst", "Contoso Security Services", 0.7, office: "Vendor - Bengaluru", country: "IN"))
                .Registers(Registration.Authenticator)
                .Expect(NotCompliant, R.NotCompliantNestedGroup, admin: false,
                    "Excluded from CA001 through CA-Excluded-Baseline-MFA > CA-Exception-Vendors > Vendors-Managed-SOC > Vendors-Managed-SOC-Analysts; only the report-only CA090 names her.");

            // --- Guests and external users ---------------------------------------------------------------
            Keep("alex.rivera", f.External(AccountKind.B2bCollaborationGuest, "alex.rivera@woodgroveaudit.com", "Alex", "Rivera", "Woodgrove Audit", "IT Auditor", 0.9))
                .Registers(Registration.Authenticator)
                .Expect(Compliant, R.CompliantGuest, admin: true,
                    "b2bCollaborationGuest (#EXT#, Guest) with Global Reader: CA002 (GuestsOrExternalUsers, browser + mobile/desktop) and CA003.", ConditionalAccess);
            Keep("megan.lee", f.External(AccountKind.B2bCollaborationGuest, "megan.lee@litwareinc.com", "Megan", "Lee", "Litware", "Consultant", 0.4))
                .Expect(Compliant, R.CompliantGuest, admin: false,
                    "b2bCollaborationGuest covered by CA002; not registered in this tenant yet.", ConditionalAccess);
            Keep("tobias.klein", f.External(AccountKind.B2bCollaborationMember, "tobias.klein@northwindcloud.de", "Tobias", "Klein", "Northwind Cloud GmbH", "Cloud Consultant", 1.5))
                .Registers(Registration.Authenticator)
                .Expect(NotCompliant, R.NotCompliantGuestType, admin: false,
                    "b2bCollaborationMember (#EXT#, Member) from the sister company: CA001 excludes every guest type and CA002 excludes b2bCollaborationMember.");
            Keep("pat.kim", f.InternalGuest("pat.kim", "Pat", "Kim", "Intern", "Marketing", 0.3))
                .Registers(Registration.Phone)
                .Expect(Compliant, R.CompliantGuest, admin: false,
                    "internalGuest (userType Guest without #EXT#): excluded from CA001 by guest type, covered by CA002 through GuestsOrExternalUsers.", ConditionalAccess);
            Keep("victor.hughes", f.External(AccountKind.B2bCollaborationGuest, "victor.hughes@adventure-works.com", "Victor", "Hughes", "Adventure Works", "Contractor", 2.5, enabled: false))
                .Registers(Registration.Phone)
                .Expect(NotApplicable, R.NotApplicableDisabled, admin: false, "Disabled guest whose contract ended.");
        }
    }
}
