using System.Collections.Generic;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;
using static PartnerSecurity.SnapshotGenerator.Demo.DemoPlaces;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Northwind's sign-in log over the fourteen days before capture: the stories behind the personas
    /// (legacy protocols, failures 50126/50076/53003/50057, a password spray), then everyday sign-ins.
    /// </summary>
    internal sealed partial class NorthwindPartner
    {
        private void AddSignIns()
        {
            var s = new SignInScript(_t);

            // Ava, the admin agent: portal and Graph PowerShell with MFA on a compliant laptop.
            s.BrowserWithMfa(P("ava.thompson"), 0.12, Apps.AzurePortal, Seattle, SignInMfa.AuthenticatorPush, compliantDevice: true);
            s.Add(P("ava.thompson"), 1.31, Apps.GraphPowerShell, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.AuthenticatorPush, true, Seattle, "success", compliantDevice: true);
            s.Refresh(P("ava.thompson"), 2.4, Apps.Teams, SeattleHome);
            s.BrowserWithMfa(P("ava.thompson"), 6.8, Apps.AzurePortal, Seattle, compliantDevice: true);

            // Shannon O'Brien: a wrong password, an MFA prompt she ignored, then success; an old iPhone
            // mail app on Exchange ActiveSync that CA030 blocks.
            var shannon = P("shannon.o'brien");
            s.BrowserWithMfa(shannon, 0.31, Apps.OfficeHome, Seattle);
            s.Failure(shannon, 1.93, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.InvalidPassword, SeattleHome);
            s.Failure(shannon, 1.925, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.MfaRequired, SeattleHome, mfaRequired: true, conditionalAccessStatus: "failure");
            s.Add(shannon, 1.92, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.AuthenticatorPush, true, SeattleHome, "success");
            s.Legacy(shannon, 4.2, ClientApps.ActiveSync, SignInOutcome.BlockedByConditionalAccess, SeattleHome, "failure");
            s.Legacy(shannon, 4.19, ClientApps.ActiveSync, SignInOutcome.BlockedByConditionalAccess, SeattleHome, "failure");
            s.Refresh(shannon, 5.5, Apps.Teams, SeattleHome);
            s.BrowserWithMfa(shannon, 11.0, Apps.OfficeHome, Dublin);

            // Service accounts: the printer's SMTP AUTH every day; the Partner Center script with a password at 02:00.
            foreach (var day in new[] { 0.3, 1.3, 2.3, 3.3, 6.3, 7.3, 8.3 })
                s.Legacy(P("svc-scanner"), day, ClientApps.Smtp, SignInOutcome.Success, Seattle.At("203.0.113.25"), "notApplied");
            foreach (var day in new[] { 0.29, 1.29, 2.29, 3.29, 4.29, 5.29, 6.29, 7.29, 8.29, 9.29 })
                s.SingleFactor(P("svc-pc-automation"), day, Apps.AzurePowerShell, ClientApps.MobileAndDesktop, Amsterdam);

            // The Partial personas use their gaps.
            s.SingleFactor(P("diego.ramirez"), 0.9, Apps.OfficeHome, ClientApps.Browser, Seattle);
            s.Add(P("diego.ramirez"), 3.3, Apps.Outlook, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.AuthenticatorPush, true, Madrid, "success");
            s.BrowserWithMfa(P("diego.ramirez"), 8.0, Apps.Teams, Lisbon);
            s.SingleFactor(P("hannah.schmidt"), 2.1, Apps.OfficeHome, ClientApps.Browser, Dublin);
            s.Failure(P("hannah.schmidt"), 6.2, Apps.OfficeHome, ClientApps.Browser, SignInOutcome.MfaRequired, Munich, mfaRequired: true, conditionalAccessStatus: "failure");
            s.SingleFactor(P("lena.forsberg"), 0.5, Apps.OfficeHome, ClientApps.Browser, Stockholm);
            s.SingleFactor(P("lena.forsberg"), 3.7, Apps.Outlook, ClientApps.MobileAndDesktop, Stockholm);
            s.SingleFactor(P("elena.petrova"), 1.1, Apps.AzureCli, ClientApps.MobileAndDesktop, SeattleHome, os: "Linux");
            s.BrowserWithMfa(P("zoe.carter"), 1.4, Apps.OfficeHome, Seattle);
            s.SingleFactor(P("zoe.carter"), 2.6, Apps.AzurePortal, ClientApps.Browser, SeattleHome);
            s.SingleFactor(P("kenji.watanabe"), 0.7, Apps.AzurePortal, ClientApps.Browser, SeattleHome, conditionalAccessStatus: "success", compliantDevice: true);
            s.SingleFactor(P("rosa.delgado"), 1.6, Apps.Outlook, ClientApps.MobileAndDesktop, Seattle);
            s.BrowserWithMfa(P("rosa.delgado"), 3.0, Apps.OfficeHome, SeattleHome);
            s.SingleFactor(P("grace.liu"), 2.2, Apps.OfficeHome, ClientApps.Browser, SeattleHome, compliantDevice: true);
            s.Add(P("ravi.patel"), 0.8, Apps.AzureCli, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.AuthenticatorPush, true, Seattle, "success");
            s.SingleFactor(P("ravi.patel"), 4.8, Apps.AzurePortal, ClientApps.Browser, Seattle);

            // NotCompliant users signing in with a password alone.
            s.SingleFactor(P("jordan.blake"), 0.6, Apps.AzurePortal, ClientApps.Browser, Bengaluru);
            s.SingleFactor(P("jordan.blake"), 2.6, Apps.AzurePortal, ClientApps.Browser, Bengaluru);
            s.SingleFactor(P("casey.morgan"), 1.7, Apps.OfficeHome, ClientApps.Browser, Bengaluru.At("198.51.100.202"));
            s.SingleFactor(P("tobias.klein"), 2.9, Apps.Teams, ClientApps.Browser, Munich.At("2001:db8:de:41::99"), homeTenantId: StableIds.Guid("tenant/northwind-gmbh"));

            // The quarterly test of an emergency access account, with its FIDO2 key.
            s.Add(P("breakglass01"), 9.5, Apps.AzurePortal, ClientApps.Browser, SignInOutcome.Success, SignInMfa.Fido2, true, Seattle, "success");

            // Guests and the disabled leaver.
            s.BrowserWithMfa(P("alex.rivera"), 4.4, Apps.AzurePortal, Toronto, homeTenantId: StableIds.Guid("tenant/woodgrove-audit"));
            s.BrowserWithMfa(P("pat.kim"), 3.4, Apps.OfficeHome, Seattle, SignInMfa.Sms);
            s.Failure(P("robert.hayes"), 5.2, Apps.OfficeHome, ClientApps.Browser, SignInOutcome.AccountDisabled, Tacoma);

            // Legacy protocols still tried by old clients; CA030 blocks them once the password is right.
            s.Legacy(P("chloe.dubois"), 9.6, ClientApps.Imap, SignInOutcome.BlockedByConditionalAccess, SeattleHome.At("2001:db8:4a1:22::8"), "failure");
            s.Legacy(P("ben.adeyemi"), 7.7, ClientApps.Pop, SignInOutcome.BlockedByConditionalAccess, Seattle, "failure");
            s.Legacy(P("hiroshi.tanaka"), 10.4, ClientApps.Mapi, SignInOutcome.BlockedByConditionalAccess, Seattle, "failure");
            s.Legacy(P("kate.sullivan"), 12.1, ClientApps.Other, SignInOutcome.BlockedByConditionalAccess, London, "failure");

            // A password spray over IMAP from two hostile addresses, thirteen days ago.
            var sprayed = new[] { "ethan.brooks", "leah.fischer", "olivia.harper", "shannon.o'brien", "emma.wilson", "thomas.meyer" };
            for (int i = 0; i < sprayed.Length; i++)
            {
                s.Legacy(P(sprayed[i]), 13.2 - i * 0.001, ClientApps.Imap, SignInOutcome.InvalidPassword, i % 2 == 0 ? HostileA : HostileB, "notApplied");
            }

            // Everyday sign-ins for everyone the stories above leave out: MFA in the browser, then token refreshes.
            var rng = DeterministicRandom.For(1, "northwind/everyday-sign-ins");
            var storied = new HashSet<string>
            {
                "ava.thompson", "shannon.o'brien", "svc-scanner", "svc-pc-automation", "diego.ramirez", "hannah.schmidt", "lena.forsberg",
                "elena.petrova", "zoe.carter", "kenji.watanabe", "rosa.delgado", "grace.liu", "ravi.patel", "jordan.blake", "casey.morgan",
                "tobias.klein", "alex.rivera", "pat.kim", "robert.hayes", "breakglass01", "breakglass02",
            };
            var storiedIds = new HashSet<string>();
            foreach (var alias in storied) storiedIds.Add(P(alias).Id);
            foreach (var person in _t.People)
            {
                if (storiedIds.Contains(person.Id) || !person.Enabled || !person.IsMfaRegistered || person.Expected?.Status != Verdicts.Compliant) continue;
                var place = person.Spec.UsageLocation == "IE" ? Dublin : rng.Chance(0.6) ? Seattle : SeattleHome;
                var app = rng.Pick(new[] { Apps.OfficeHome, Apps.Outlook, Apps.Teams, Apps.AzurePortal });
                var day = 0.2 + rng.NextDouble() * 13.5;
                s.BrowserWithMfa(person, day, app, place, person.Registration == Registration.Phone ? SignInMfa.Sms : SignInMfa.AuthenticatorPush);
                s.Refresh(person, day - 0.15, Apps.Teams, place);
            }
        }
    }
}
