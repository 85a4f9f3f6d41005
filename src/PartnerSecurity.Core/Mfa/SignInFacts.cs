using System;
using System.Collections.Generic;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// One concrete sign-in, as conditional access sees it: what the evaluator's "Always" quantifies over and what the
    /// tenant emulator checks at each token issue (<see cref="PolicyConditions.AppliesTo"/>). Defaults describe a
    /// modern client on an unknown, unregistered device from an untrusted location with no risk.
    /// </summary>
    public sealed class SignInFacts
    {
        /// <summary>The resource signed in to and the client app: a policy applies when it targets either.</summary>
        public IReadOnlyCollection<string> ApplicationIds { get; set; } = Array.Empty<string>();
        /// <summary>browser, mobileAppsAndDesktopClients, exchangeActiveSync or other.</summary>
        public string ClientAppType { get; set; } = "mobileAppsAndDesktopClients";
        /// <summary>android, iOS, windows, macOS, linux...; null when the platform cannot be told.</summary>
        public string? Platform { get; set; }
        /// <summary>The named locations (ids) the sign-in comes from.</summary>
        public IReadOnlyCollection<string> NamedLocationIds { get; set; } = Array.Empty<string>();
        public bool FromTrustedLocation { get; set; }
        /// <summary>none, low, medium or high.</summary>
        public string SignInRisk { get; set; } = "none";
        public string UserRisk { get; set; } = "none";
        /// <summary>deviceCodeFlow or authenticationTransfer when the sign-in used one; null otherwise.</summary>
        public string? TransferMethod { get; set; }
        public bool DeviceCompliant { get; set; }
        public bool DeviceDomainJoined { get; set; }
        /// <summary>Whether device and application filters match this sign-in's device and apps (no attributes: they match nothing).</summary>
        public bool DeviceFilterMatches { get; set; }
        public bool ApplicationFilterMatches { get; set; }
        public bool ApprovedClientApp { get; set; }
        public bool CompliantClientApp { get; set; }
        /// <summary>Terms of use and password change can always be completed by the person signing in.</summary>
        public bool CanAcceptTermsOfUse { get; set; } = true;
    }
}
