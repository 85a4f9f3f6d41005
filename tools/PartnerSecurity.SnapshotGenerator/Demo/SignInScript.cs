using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Graph;
using PartnerSecurity.SnapshotGenerator.Model;

namespace PartnerSecurity.SnapshotGenerator.Demo
{
    /// <summary>
    /// Writes a tenant's sign-in log one event at a time, in terms of what happened ("Shannon's Outlook
    /// failed MFA from home"); ids derive from the tenant, the user and the event's position in the script.
    /// </summary>
    internal sealed class SignInScript
    {
        private readonly TenantDraft _tenant;
        private int _sequence;

        public SignInScript(TenantDraft tenant) => _tenant = tenant;

        /// <summary>Interactive browser sign-in completed with MFA that a policy required.</summary>
        public void BrowserWithMfa(Person p, double daysAgo, Apps.App app, Place place, SignInMfa mfa = SignInMfa.AuthenticatorPush, bool compliantDevice = false, string? homeTenantId = null) =>
            Add(p, daysAgo, app, ClientApps.Browser, SignInOutcome.Success, mfa, true, place, "success", compliantDevice: compliantDevice, homeTenantId: homeTenantId);

        /// <summary>Interactive sign-in with a password alone, no policy requiring more.</summary>
        public void SingleFactor(Person p, double daysAgo, Apps.App app, string clientApp, Place place, string conditionalAccessStatus = "notApplied",
            bool compliantDevice = false, string os = "Windows10", string? homeTenantId = null) =>
            Add(p, daysAgo, app, clientApp, SignInOutcome.Success, SignInMfa.None, false, place, conditionalAccessStatus, os: os, compliantDevice: compliantDevice, homeTenantId: homeTenantId);

        /// <summary>Token refresh in the background, MFA satisfied by the earlier token.</summary>
        public void Refresh(Person p, double daysAgo, Apps.App app, Place place) =>
            Add(p, daysAgo, app, ClientApps.MobileAndDesktop, SignInOutcome.Success, SignInMfa.PreviouslySatisfied, true, place, "success", interactive: false);

        /// <summary>A legacy protocol (IMAP4, POP3, Authenticated SMTP, Exchange ActiveSync, MAPI Over HTTP, Other clients).</summary>
        public void Legacy(Person p, double daysAgo, string clientApp, SignInOutcome outcome, Place place, string conditionalAccessStatus) =>
            Add(p, daysAgo, Apps.ExchangeOnline, clientApp, outcome, SignInMfa.None, false, place, conditionalAccessStatus,
                userAgent: clientApp == ClientApps.ActiveSync ? SignInBuilder.ActiveSyncUserAgent : SignInBuilder.LegacyUserAgent,
                os: clientApp == ClientApps.ActiveSync ? "Ios" : "Windows");

        public void Failure(Person p, double daysAgo, Apps.App app, string clientApp, SignInOutcome outcome, Place place, bool mfaRequired = false, string conditionalAccessStatus = "notApplied") =>
            Add(p, daysAgo, app, clientApp, outcome, SignInMfa.None, mfaRequired, place, conditionalAccessStatus);

        public void Add(Person p, double daysAgo, Apps.App app, string clientApp, SignInOutcome outcome, SignInMfa mfa, bool mfaRequired, Place place,
            string conditionalAccessStatus, bool interactive = true, string os = "Windows10", string? userAgent = null, bool compliantDevice = false, string? homeTenantId = null)
        {
            bool browser = clientApp == ClientApps.Browser;
            _tenant.AddSignIn(new SignInSpec
            {
                Key = $"{_tenant.Key}/{p.Upn}/{_sequence++}",
                UserId = p.Id,
                UserPrincipalName = p.SignInName,
                UserDisplayName = p.DisplayName,
                IsGuest = p.IsGuestUserType,
                TenantId = _tenant.Id,
                HomeTenantId = homeTenantId ?? _tenant.Id,
                When = SnapshotTime.DaysAgo(daysAgo),
                App = app,
                ClientAppUsed = clientApp,
                Outcome = outcome,
                Mfa = mfa,
                MfaRequired = mfaRequired,
                Place = place,
                Interactive = interactive,
                OperatingSystem = os,
                Browser = browser ? (os == "MacOs" ? "Safari 18.1" : "Edge 131.0.0") : null,
                UserAgent = userAgent ?? (browser ? (os == "MacOs" ? SignInBuilder.MacUserAgent : SignInBuilder.BrowserUserAgent) : SignInBuilder.OutlookUserAgent),
                DeviceCompliant = compliantDevice,
                ConditionalAccessStatus = conditionalAccessStatus,
            });
        }
    }
}
