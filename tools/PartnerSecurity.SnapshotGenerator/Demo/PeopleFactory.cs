using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>Adds the users of one demo tenant with that organisation's defaults (domain, company, country).</summary>
    internal sealed class PeopleFactory
    {
        private readonly TenantDraft _tenant;
        private readonly string _mailDomain;
        private readonly string _company;
        private readonly string _country;
        private readonly string _office;

        public PeopleFactory(TenantDraft tenant, string mailDomain, string company, string country, string office)
        {
            _tenant = tenant;
            _mailDomain = mailDomain;
            _company = company;
            _country = country;
            _office = office;
        }

        /// <summary>An employee whose UPN and mail are alias@mail domain.</summary>
        public Person Staff(string alias, string given, string surname, string jobTitle, string department, double yearsAgo,
            bool enabled = true, bool synced = false, string? office = null, string? country = null, AccountKind kind = AccountKind.Member) =>
            _tenant.Add(new UserSpec
            {
                Id = _tenant.NewId("user", alias),
                UserPrincipalName = alias + "@" + _mailDomain,
                Mail = alias + "@" + _mailDomain,
                DisplayName = given + " " + surname,
                GivenName = given,
                Surname = surname,
                JobTitle = jobTitle,
                Department = department,
                CompanyName = _company,
                OfficeLocation = office ?? _office,
                UsageLocation = country ?? _country,
                AccountEnabled = enabled,
                OnPremisesSync = synced,
                Kind = kind,
                Created = SnapshotTime.YearsAgo(yearsAgo),
            });

        /// <summary>A non-personal account (break-glass, sync, service): no mailbox, no given name.</summary>
        public Person Account(string upn, string displayName, string? jobTitle, string? department, double yearsAgo, string? mail = null) =>
            _tenant.Add(new UserSpec
            {
                Id = _tenant.NewId("user", upn),
                UserPrincipalName = upn,
                Mail = mail,
                DisplayName = displayName,
                JobTitle = jobTitle,
                Department = department,
                CompanyName = _company,
                UsageLocation = _country,
                Created = SnapshotTime.YearsAgo(yearsAgo),
            });

        /// <summary>An invited B2B user (#EXT#): userType Guest is b2bCollaborationGuest, Member is b2bCollaborationMember.</summary>
        public Person External(AccountKind kind, string homeMail, string given, string surname, string company, string? jobTitle, double yearsAgo, bool enabled = true) =>
            _tenant.Add(new UserSpec
            {
                Id = _tenant.NewId("user", homeMail),
                UserPrincipalName = UserBuilder.ExternalUpn(homeMail, _tenant.DefaultDomain),
                Mail = homeMail,
                DisplayName = $"{given} {surname} ({company})",
                GivenName = given,
                Surname = surname,
                JobTitle = jobTitle,
                CompanyName = company,
                UsageLocation = null,
                AccountEnabled = enabled,
                Kind = kind,
                Created = SnapshotTime.YearsAgo(yearsAgo),
                InvitationAccepted = SnapshotTime.YearsAgo(yearsAgo).AddHours(5),
            });

        /// <summary>A local account created with userType Guest (no #EXT#): an internalGuest.</summary>
        public Person InternalGuest(string alias, string given, string surname, string jobTitle, string department, double yearsAgo) =>
            Staff(alias, given, surname, jobTitle, department, yearsAgo, kind: AccountKind.InternalGuest);
    }
}
