using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>The authentication methods a user has registered, as the registration report summarises them.</summary>
    internal enum Registration
    {
        /// <summary>Nothing registered.</summary>
        None,
        /// <summary>Only an email address for self-service password reset: not an MFA method.</summary>
        EmailOnly,
        /// <summary>Microsoft Authenticator push plus its one-time passcode.</summary>
        Authenticator,
        /// <summary>Authenticator and a mobile phone.</summary>
        AuthenticatorAndPhone,
        /// <summary>Text message / voice on a mobile phone only.</summary>
        Phone,
        /// <summary>FIDO2 security keys only (emergency access accounts).</summary>
        Fido2,
        /// <summary>Windows Hello for Business and Authenticator.</summary>
        WindowsHello,
    }

    /// <summary>Graph v1.0 userRegistrationDetails, verbatim (userType in lower case, unlike user.userType).</summary>
    internal static class RegistrationDetailsBuilder
    {
        public static bool IsMfaRegistered(Registration r) => r != Registration.None && r != Registration.EmailOnly;

        public static JsonObject Build(string userId, string userPrincipalName, string displayName, bool isGuest, bool isAdmin,
            Registration registration, DateTimeOffset lastUpdated)
        {
            string[] methods;
            string preferred;
            string[] systemPreferred;
            bool passwordless = false;
            switch (registration)
            {
                case Registration.EmailOnly:
                    methods = new[] { "email" }; preferred = "none"; systemPreferred = Array.Empty<string>(); break;
                case Registration.Authenticator:
                    methods = new[] { "microsoftAuthenticatorPush", "softwareOneTimePasscode" }; preferred = "push"; systemPreferred = new[] { "push" }; break;
                case Registration.AuthenticatorAndPhone:
                    methods = new[] { "mobilePhone", "microsoftAuthenticatorPush", "softwareOneTimePasscode" }; preferred = "push"; systemPreferred = new[] { "push" }; break;
                case Registration.Phone:
                    methods = new[] { "mobilePhone" }; preferred = "sms"; systemPreferred = new[] { "sms" }; break;
                case Registration.Fido2:
                    methods = new[] { "fido2" }; preferred = "none"; systemPreferred = Array.Empty<string>(); passwordless = true; break;
                case Registration.WindowsHello:
                    methods = new[] { "windowsHelloForBusiness", "microsoftAuthenticatorPush", "softwareOneTimePasscode" }; preferred = "push"; systemPreferred = new[] { "push" }; passwordless = true; break;
                default:
                    methods = Array.Empty<string>(); preferred = ""; systemPreferred = Array.Empty<string>(); break;
            }
            bool mfa = IsMfaRegistered(registration);
            bool sspr = registration != Registration.None && registration != Registration.Fido2;
            return new JsonObject
            {
                ["id"] = userId,
                ["userPrincipalName"] = userPrincipalName,
                ["userDisplayName"] = displayName,
                ["userType"] = isGuest ? "guest" : "member",
                ["isAdmin"] = isAdmin,
                ["isSsprRegistered"] = sspr,
                ["isSsprEnabled"] = !isGuest,
                ["isSsprCapable"] = sspr && !isGuest,
                ["isMfaRegistered"] = mfa,
                ["isMfaCapable"] = mfa,
                ["isPasswordlessCapable"] = passwordless,
                ["methodsRegistered"] = SnapshotJson.Strings(methods),
                ["isSystemPreferredAuthenticationMethodEnabled"] = true,
                ["systemPreferredAuthenticationMethods"] = SnapshotJson.Strings(systemPreferred),
                ["userPreferredMethodForSecondaryAuthentication"] = preferred,
                ["lastUpdatedDateTime"] = SnapshotTime.IsoPrecise(lastUpdated),
            };
        }
    }
}
