using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Graph.ConditionalAccessPolicyBuilder;

namespace PartnerSecurity.SnapshotGenerator.Scale
{
    /// <summary>
    /// A synthetic partner tenant for benchmarks, in realistic proportions: ~3% guests of the three external
    /// types, ~4% disabled, ~0.5% service accounts, one group per ~60 users (departments nested up to five
    /// levels), role-assignable groups, PIM eligibility for ~1%, per-user MFA for ~3%, a registration row for
    /// every user, conditional access naming groups and roles. The first user is an MFA-registered Global
    /// Administrator in AdminAgents, so the emulator finds whom to sign in as at once.
    /// </summary>
    internal static class ScaleTenant
    {
        private const string AllGuestTypes = "internalGuest,b2bCollaborationGuest,b2bCollaborationMember,b2bDirectConnectUser,otherExternalUser,serviceProvider";

        public static TenantDraft Build(ScaleOptions options)
        {
            options.Validate();
            var partner = BuildTenant(new Profile($"scale-{options.Seed}/partner", $"Scale Partner ({options.Users.ToString(CultureInfo.InvariantCulture)} users)",
                "scalepartner", options.Users, options.SignIns, options.Seed, IsPartner: true, Premium: true, SecurityDefaults: false));
            var rng = DeterministicRandom.For(options.Seed, "customers");
            for (int i = 1; i <= options.Customers; i++)
            {
                int users = Math.Max(8, (int)Math.Round(options.CustomerUsers * (0.5 + rng.NextDouble())));
                bool securityDefaults = rng.Chance(0.35);
                bool premium = !securityDefaults || rng.Chance(0.3);
                var number = i.ToString("D4", CultureInfo.InvariantCulture);
                var tenant = BuildTenant(new Profile($"scale-{options.Seed}/customer-{number}", $"Scale Customer {number}", $"scalecustomer{number}",
                    users, premium ? options.CustomerSignIns : 0, options.Seed * 7919 + i, IsPartner: false, Premium: premium, SecurityDefaults: securityDefaults));
                double roll = rng.NextDouble();
                var status = roll < 0.85 ? "active" : roll < 0.95 ? "expired" : "terminated";
                var created = SnapshotTime.DaysAgo(rng.Between(status == "active" ? 30 : 400, status == "active" ? 700 : 1100));
                var gdap = PartnerCenterBuilders.GdapRelationship(partner.Id, tenant.Id, tenant.DisplayName, $"Scale Partner - {tenant.DisplayName}", status,
                    created, 730, autoExtend: status == "active",
                    new[] { Roles.HelpdeskAdministrator, Roles.UserAdministrator, Roles.GlobalReader, Roles.SecurityReader },
                    lastModified: status == "active" ? null : SnapshotTime.DaysAgo(rng.Between(1, 60)));
                partner.Customers.Add(new CustomerDraft(PartnerCenterBuilders.Customer(tenant.Id, tenant.DisplayName, tenant.DefaultDomain), new[] { gdap }, tenant));
            }
            return partner;
        }

        private sealed record Profile(string Key, string DisplayName, string DomainPrefix, int Users, int SignIns, long Seed, bool IsPartner, bool Premium, bool SecurityDefaults);

        private static TenantDraft BuildTenant(Profile p)
        {
            var domain = p.DomainPrefix + ".onmicrosoft.com";
            var mailDomain = p.DomainPrefix + ".com";
            var t = new TenantDraft(p.Key, p.DisplayName, domain, p.Premium, p.SecurityDefaults);
            var rng = DeterministicRandom.For(p.Seed, p.Key + "/directory");

            // --- users, in the order: admin agent, two break-glass, sync, service accounts, guests, members.
            Person Add(UserSpec spec) => t.Add(spec);
            UserSpec Member(int i, bool enabled)
            {
                var given = rng.Pick(ScaleNames.Given);
                var surname = rng.Pick(ScaleNames.Surnames);
                var alias = $"{AliasPart(given)}.{AliasPart(surname)}{i.ToString("D5", CultureInfo.InvariantCulture)}";
                return new UserSpec
                {
                    Id = t.NewId("user", alias), UserPrincipalName = alias + "@" + mailDomain, Mail = alias + "@" + mailDomain,
                    DisplayName = given + " " + surname, GivenName = given, Surname = surname,
                    JobTitle = rng.Pick(ScaleNames.JobTitles), Department = rng.Pick(ScaleNames.Departments), CompanyName = p.DisplayName,
                    AccountEnabled = enabled, OnPremisesSync = rng.Chance(0.3), Created = SnapshotTime.DaysAgo(rng.Between(3, 3000)),
                };
            }

            var admin = Add(new UserSpec
            {
                Id = t.NewId("user", "admin.agent"), UserPrincipalName = "admin.agent@" + mailDomain, Mail = "admin.agent@" + mailDomain,
                DisplayName = "Admin Agent", GivenName = "Admin", Surname = "Agent", JobTitle = "Operations Lead", Department = "Operations",
                CompanyName = p.DisplayName, Created = SnapshotTime.DaysAgo(2500),
            }).Registers(Registration.Authenticator);
            var breakGlass = Enumerable.Range(1, 2).Select(i => Add(new UserSpec
            {
                Id = t.NewId("user", "breakglass" + i), UserPrincipalName = $"breakglass0{i}@{domain}", DisplayName = $"Emergency Access 0{i}",
                CompanyName = p.DisplayName, Created = SnapshotTime.DaysAgo(2400),
            }).Registers(Registration.Fido2)).ToList();
            var sync = Add(new UserSpec
            {
                Id = t.NewId("user", "sync"), UserPrincipalName = $"Sync_AADC01_{StableIds.Hex(p.Key + "/sync", 12)}@{domain}",
                DisplayName = "On-Premises Directory Synchronization Service Account", Created = SnapshotTime.DaysAgo(2000),
            });

            int serviceCount = Math.Max(1, p.Users / 200);
            int guestCount = p.Users * 3 / 100;
            var services = new List<Person>();
            for (int i = 0; i < serviceCount; i++)
            {
                var alias = "svc-" + i.ToString("D4", CultureInfo.InvariantCulture);
                services.Add(Add(new UserSpec
                {
                    Id = t.NewId("user", alias), UserPrincipalName = alias + "@" + domain, DisplayName = "Service account " + i.ToString(CultureInfo.InvariantCulture),
                    JobTitle = "Service account", CompanyName = p.DisplayName, Created = SnapshotTime.DaysAgo(rng.Between(30, 2500)),
                }).Registers(rng.Chance(0.05) ? Registration.Phone : Registration.None));
            }
            var guests = new List<Person>();
            for (int i = 0; i < guestCount; i++)
            {
                double roll = rng.NextDouble();
                var kind = roll < 0.6 ? AccountKind.B2bCollaborationGuest : roll < 0.8 ? AccountKind.B2bCollaborationMember : AccountKind.InternalGuest;
                var given = rng.Pick(ScaleNames.Given);
                var surname = rng.Pick(ScaleNames.Surnames);
                var number = i.ToString("D5", CultureInfo.InvariantCulture);
                var homeMail = $"{AliasPart(given)}.{AliasPart(surname)}{number}@partner{i % 40}.example";
                var upn = kind == AccountKind.InternalGuest ? $"guest{number}@{mailDomain}" : UserBuilder.ExternalUpn(homeMail, domain);
                guests.Add(Add(new UserSpec
                {
                    Id = t.NewId("user", upn), UserPrincipalName = upn, Mail = kind == AccountKind.InternalGuest ? upn : homeMail,
                    DisplayName = $"{given} {surname} (external)", GivenName = given, Surname = surname, UsageLocation = null,
                    Kind = kind, AccountEnabled = !rng.Chance(0.04), Created = SnapshotTime.DaysAgo(rng.Between(3, 1500)),
                }).Registers(rng.Chance(0.5) ? Registration.Authenticator : Registration.None));
            }
            var members = new List<Person>();
            int memberCount = p.Users - t.People.Count;
            for (int i = 0; i < memberCount; i++)
            {
                var person = Add(Member(i, enabled: !rng.Chance(0.04)));
                double roll = rng.NextDouble();
                person.Registers(roll < 0.45 ? Registration.Authenticator : roll < 0.65 ? Registration.AuthenticatorAndPhone : roll < 0.8 ? Registration.Phone
                    : roll < 0.88 ? Registration.WindowsHello : roll < 0.92 ? Registration.EmailOnly : Registration.None);
                if (rng.Chance(0.03)) person.PerUser(rng.Chance(0.6) ? "enforced" : "enabled");
                else if (rng.Chance(0.005)) person.PerUser("disabled");
                members.Add(person);
            }

            // --- groups: departments nested into teams, role-assignable groups, CA exceptions, Partner Center groups.
            var groupMembers = new List<(string Name, string? Description, List<string> Members, bool RoleAssignable)>();
            int targetGroups = Math.Max(24, p.Users / 60);
            List<string> NewGroup(string name, string? description = null, bool roleAssignable = false)
            {
                var list = new List<string>();
                groupMembers.Add((name, description, list, roleAssignable));
                return list;
            }
            if (p.IsPartner)
            {
                NewGroup("AdminAgents", "Admin Agents").AddRange(new[] { admin.Id }.Concat(members.Where((_, i) => i % 97 == 0).Take(20).Select(m => m.Id)).Concat(services.Take(1).Select(s => s.Id)));
                NewGroup("HelpdeskAgents", "Helpdesk Agents").AddRange(members.Where((_, i) => i % 89 == 1).Take(40).Select(m => m.Id));
                NewGroup("SalesAgents", "Sales Agents").AddRange(members.Where((_, i) => i % 83 == 2).Take(60).Select(m => m.Id));
            }
            string[] raRoles = { Roles.SecurityAdministrator, Roles.ExchangeAdministrator, Roles.HelpdeskAdministrator, Roles.BillingAdministrator, Roles.UserAdministrator, Roles.IntuneAdministrator };
            var raGroups = new List<string>();
            foreach (var role in raRoles)
            {
                var name = "RA-" + role.Substring(0, 8);
                var list = NewGroup(name, "Role-assignable group", roleAssignable: true);
                int size = Math.Min(members.Count, Math.Max(1, Math.Min(12, p.Users / 1500 + 2)));
                for (int k = 0; k < size; k++) { var id = rng.Pick(members).Id; if (!list.Contains(id)) list.Add(id); }
                raGroups.Add(name);
            }
            var exclusions = NewGroup("CA-Excluded-Baseline", "Excluded from the baseline MFA policy");
            var exceptionNames = new[] { "CA-Exception-Locations", "CA-Exception-Devices", "CA-Exception-Platforms" };
            foreach (var name in exceptionNames) exclusions.Add(t.NewId("group", name));
            var exceptionLists = exceptionNames.Select(n => NewGroup(n)).ToList();
            var vendorList = NewGroup("CA-Exception-Vendors-Nested");
            exceptionLists[2].Add(t.NewId("group", "CA-Exception-Vendors-Nested"));
            for (int i = 0; i < members.Count; i++)
            {
                if (!rng.Chance(0.012)) continue;
                (rng.Chance(0.25) ? vendorList : exceptionLists[rng.Next(exceptionLists.Count)]).Add(members[i].Id);
            }
            var externals = NewGroup("External Collaborators");
            externals.AddRange(guests.Select(g => g.Id));
            var serviceGroup = NewGroup("Service Accounts");
            serviceGroup.AddRange(services.Select(s => s.Id));

            var departments = ScaleNames.Departments.Take(Math.Max(3, Math.Min(10, p.Users / 20))).ToList();
            var allStaff = NewGroup("All Staff");
            var teams = new List<(string Name, int Depth, List<string> Members)>();
            foreach (var dept in departments)
            {
                allStaff.Add(t.NewId("group", dept));
                teams.Add((dept, 1, NewGroup(dept)));
            }
            int teamCount = Math.Max(0, targetGroups - groupMembers.Count);
            for (int j = 0; j < teamCount; j++)
            {
                var deptIndex = j % departments.Count;
                var candidates = teams.Where(x => x.Name.StartsWith(departments[deptIndex], StringComparison.Ordinal) && x.Depth < 4).ToList();
                var parent = candidates[rng.Next(candidates.Count)];
                var name = $"{departments[deptIndex]}-Team-{j.ToString("D4", CultureInfo.InvariantCulture)}";
                parent.Members.Add(t.NewId("group", name));
                teams.Add((name, parent.Depth + 1, NewGroup(name)));
            }
            foreach (var m in members)
            {
                teams[rng.Next(teams.Count)].Members.Add(m.Id);
                if (rng.Chance(0.2)) { var extra = teams[rng.Next(teams.Count)].Members; if (!extra.Contains(m.Id)) extra.Add(m.Id); }
            }
            var created = SnapshotTime.DaysAgo(1500);
            foreach (var g in groupMembers) t.Group(g.Name, g.Description, created, g.Members, g.RoleAssignable);

            // --- roles: active (direct and via groups) and PIM-eligible.
            t.Assign(admin.Id, Roles.GlobalAdministrator);
            foreach (var b in breakGlass) t.Assign(b.Id, Roles.GlobalAdministrator);
            t.Assign(sync.Id, Roles.DirectorySynchronizationAccounts);
            for (int i = 0; i < raRoles.Length; i++) t.Assign(t.NewId("group", raGroups[i]), raRoles[i]);
            var directAdmins = new HashSet<string>();
            int directCount = Math.Max(2, members.Count / 250);
            for (int k = 0; k < directCount && members.Count > 0; k++)
            {
                var m = rng.Pick(members);
                var role = k < 2 ? Roles.GlobalAdministrator : rng.Pick(Roles.Privileged);
                if (directAdmins.Add(m.Id + role)) t.Assign(m.Id, role);
            }
            int eligibleCount = Math.Max(1, members.Count / 100);
            var eligible = new HashSet<string>();
            for (int k = 0; k < eligibleCount && members.Count > 0; k++)
            {
                var m = rng.Pick(members);
                var role = rng.Pick(Roles.Privileged);
                if (eligible.Add(m.Id + role)) t.Eligible(m.Id, role, SnapshotTime.DaysAgo(rng.Between(10, 700)), rng.Chance(0.3) ? SnapshotTime.DaysAgo(-rng.Between(10, 300)) : null);
            }
            t.Eligible(t.NewId("group", raGroups[0]), Roles.GlobalReader, SnapshotTime.DaysAgo(200));

            // --- conditional access (not for security-defaults tenants).
            if (!p.SecurityDefaults)
            {
                var trusted = t.NewId("namedLocation", "Head office");
                t.NamedLocations.Add(NamedLocationBuilder.Ip(trusted, "Head office", true, SnapshotTime.DaysAgo(900), "203.0.113.0/24"));
                string[] all = { "All" };
                var bg = breakGlass.Select(b => b.Id).ToArray();
                t.Add(t.Policy("S01: Require MFA for all users").IncludeUsers("All").ExcludeUsers(bg)
                    .ExcludeGroups(t.NewId("group", "CA-Excluded-Baseline")).ExcludeRoles(Roles.DirectorySynchronizationAccounts).ExcludeGuestTypes(AllGuestTypes));
                t.Add(t.Policy("S02: Require MFA for guests").IncludeUsers("GuestsOrExternalUsers").ExcludeGuestTypes("b2bCollaborationMember"));
                t.Add(t.Policy("S03: Require MFA for administrators").IncludeRoles(Roles.Privileged).ExcludeUsers(bg));
                t.Add(t.Policy("S04: Phishing-resistant MFA for emergency access").IncludeUsers(bg).RequireStrength(AuthenticationStrengths.PhishingResistant));
                t.Add(t.Policy("S05: MFA outside the head office").IncludeGroups(t.NewId("group", exceptionNames[0])).Locations(all, trusted));
                t.Add(t.Policy("S06: MFA or a compliant device").IncludeGroups(t.NewId("group", exceptionNames[1])).Grant("OR", "mfa", "compliantDevice"));
                t.Add(t.Policy("S07: MFA except on macOS").IncludeGroups(t.NewId("group", exceptionNames[2])).Platforms(new[] { "all" }, "macOS"));
                t.Add(t.Policy("S08: MFA for Office 365").IncludeGroups(teams.Take(3).Select(x => t.NewId("group", x.Name)).ToArray()).Applications(new[] { "Office365" }));
                t.Add(t.Policy("S09: MFA on risky sign-ins").IncludeUsers("All").SignInRisk("high", "medium"));
                t.Add(t.Policy("S10: Require compliant devices (report-only)").State(ReportOnly).IncludeUsers("All").Grant("OR", "compliantDevice"));
                t.Add(t.Policy("S11: MFA for service accounts (disabled)").State(Disabled).IncludeGroups(t.NewId("group", "Service Accounts")));
                t.Add(t.Policy("S12: Block legacy authentication").IncludeUsers("All").ClientAppTypes("exchangeActiveSync", "other").Block());
                t.Add(t.Policy("S13: MFA for legacy clients").IncludeUsers("All").ClientAppTypes("exchangeActiveSync", "other"));
                t.Add(t.Policy("S14: MFA to register security info").IncludeUsers("All").UserAction("urn:user:registersecurityinfo"));
            }

            AddSignIns(t, p);
            return t;
        }

        private static void AddSignIns(TenantDraft t, Profile p)
        {
            if (p.SignIns == 0) return;
            var rng = DeterministicRandom.For(p.Seed, p.Key + "/sign-ins");
            var candidates = t.People.Where(x => x.Enabled).ToList();
            var places = new[]
            {
                new Place("Seattle", "Washington", "US", 47.6062, -122.3321, ""), new Place("London", "England", "GB", 51.5072, -0.1276, ""),
                new Place("Amsterdam", "Noord-Holland", "NL", 52.3676, 4.9041, ""), new Place("Sydney", "New South Wales", "AU", -33.8688, 151.2093, ""),
                new Place("Toronto", "Ontario", "CA", 43.6532, -79.3832, ""), new Place("Singapore", "Singapore", "SG", 1.3521, 103.8198, ""),
            };
            for (int i = 0; i < p.SignIns; i++)
            {
                var person = candidates[rng.Next(candidates.Count)];
                var when = SnapshotTime.Captured.AddSeconds(-rng.Next(14 * 24 * 3600 - 1) - 1).AddTicks(-rng.Next(10_000_000));
                var place = rng.Pick(places);
                place = place.At(rng.Chance(0.5)
                    ? "203.0.113." + rng.Between(1, 254).ToString(CultureInfo.InvariantCulture)
                    : "2001:db8:" + rng.Next(0x10000).ToString("x", CultureInfo.InvariantCulture) + "::" + rng.Next(0x10000).ToString("x", CultureInfo.InvariantCulture));
                bool legacy = rng.Chance(0.08);
                string client = legacy ? rng.Pick(ClientApps.Legacy) : rng.Chance(0.65) ? ClientApps.Browser : ClientApps.MobileAndDesktop;
                double roll = rng.NextDouble();
                SignInOutcome outcome;
                if (legacy) outcome = roll < 0.55 ? SignInOutcome.BlockedByConditionalAccess : roll < 0.7 ? SignInOutcome.InvalidPassword : SignInOutcome.Success;
                else outcome = roll < 0.93 ? SignInOutcome.Success : roll < 0.96 ? SignInOutcome.InvalidPassword : SignInOutcome.MfaRequired;
                bool interactive = legacy || !rng.Chance(0.25);
                var mfa = outcome != SignInOutcome.Success || legacy || !person.IsMfaRegistered ? SignInMfa.None
                    : !interactive ? SignInMfa.PreviouslySatisfied : rng.Chance(0.85) ? SignInMfa.AuthenticatorPush : SignInMfa.Sms;
                t.AddSignIn(new SignInSpec
                {
                    Key = $"{p.Key}/{i.ToString(CultureInfo.InvariantCulture)}",
                    UserId = person.Id, UserPrincipalName = person.SignInName, UserDisplayName = person.DisplayName, IsGuest = person.IsGuestUserType,
                    TenantId = t.Id, HomeTenantId = t.Id, When = when,
                    App = legacy ? Apps.ExchangeOnline : rng.Pick(Apps.Modern), ClientAppUsed = client, Outcome = outcome, Mfa = mfa,
                    MfaRequired = mfa != SignInMfa.None || outcome == SignInOutcome.MfaRequired, Place = place, Interactive = interactive,
                    Browser = client == ClientApps.Browser ? "Edge 131.0.0" : null,
                    UserAgent = legacy ? SignInBuilder.LegacyUserAgent : client == ClientApps.Browser ? SignInBuilder.BrowserUserAgent : SignInBuilder.OutlookUserAgent,
                    ConditionalAccessStatus = outcome == SignInOutcome.BlockedByConditionalAccess ? "failure" : mfa != SignInMfa.None ? "success" : "notApplied",
                });
            }
        }

        private static string AliasPart(string name)
        {
            var sb = new StringBuilder();
            foreach (var c in name.Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == ' ' || c == '-') continue;
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }
    }
}
