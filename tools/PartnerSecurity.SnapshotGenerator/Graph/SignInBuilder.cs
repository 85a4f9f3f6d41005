using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>Where a sign-in came from. Addresses are from the documentation ranges (RFC 5737, RFC 3849).</summary>
    internal sealed record Place(string City, string State, string CountryOrRegion, double Latitude, double Longitude, string IpAddress)
    {
        public Place At(string ipAddress) => this with { IpAddress = ipAddress };
    }

    /// <summary>How a sign-in ended: success, or the AADSTS error Entra ID recorded.</summary>
    internal enum SignInOutcome
    {
        Success,
        /// <summary>50126: invalid username or password.</summary>
        InvalidPassword,
        /// <summary>50076: MFA required and not performed.</summary>
        MfaRequired,
        /// <summary>53003: blocked by conditional access.</summary>
        BlockedByConditionalAccess,
        /// <summary>50057: the account is disabled.</summary>
        AccountDisabled,
    }

    /// <summary>The second factor a successful sign-in used, if any.</summary>
    internal enum SignInMfa
    {
        None,
        AuthenticatorPush,
        Sms,
        Fido2,
        /// <summary>MFA satisfied by a claim in an earlier token (non-interactive refreshes, SSO).</summary>
        PreviouslySatisfied,
    }

    /// <summary>One sign-in to build. Every value is explicit so the log tells a consistent story.</summary>
    internal sealed class SignInSpec
    {
        public string UserId { get; init; } = string.Empty;
        public string UserPrincipalName { get; init; } = string.Empty;
        public string UserDisplayName { get; init; } = string.Empty;
        public bool IsGuest { get; init; }
        public string TenantId { get; init; } = string.Empty;
        public string HomeTenantId { get; init; } = string.Empty;
        public DateTimeOffset When { get; init; }
        public Apps.App App { get; init; } = Apps.OfficeHome;
        public string ClientAppUsed { get; init; } = ClientApps.Browser;
        public SignInOutcome Outcome { get; init; } = SignInOutcome.Success;
        public SignInMfa Mfa { get; init; } = SignInMfa.None;
        /// <summary>Whether a policy required MFA (beta authenticationRequirement).</summary>
        public bool MfaRequired { get; init; }
        public Place Place { get; init; } = null!;
        public bool Interactive { get; init; } = true;
        public string OperatingSystem { get; init; } = "Windows10";
        public string? Browser { get; init; } = "Edge 131.0.0";
        public string UserAgent { get; init; } = string.Empty;
        public bool DeviceCompliant { get; init; }
        /// <summary>success, failure or notApplied.</summary>
        public string ConditionalAccessStatus { get; init; } = "notApplied";
        /// <summary>Stable name the id is derived from.</summary>
        public string Key { get; init; } = string.Empty;
    }

    /// <summary>Graph beta signIn objects (beta carries authenticationRequirement, mfaDetail, authenticationDetails).</summary>
    internal static class SignInBuilder
    {
        public const string BrowserUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        public const string MacUserAgent = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
        public const string LegacyUserAgent = "BAV2ROPC";
        public const string ActiveSyncUserAgent = "Apple-iPhone13C2/2008.84";
        public const string OutlookUserAgent = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.18129; Pro)";

        public static JsonObject Build(SignInSpec s)
        {
            var id = StableIds.Guid("signIn/" + s.Key);
            // Sub-second part derived from the key, so timestamps look like Graph's without any randomness.
            var when = s.When.AddTicks(-(Convert.ToInt64(StableIds.Hex("ticks/" + s.Key, 7), 16) % TimeSpan.TicksPerSecond));
            var (errorCode, failureReason, additionalDetails) = Status(s.Outcome, s.App);
            bool success = s.Outcome == SignInOutcome.Success;
            bool mfaDone = success && s.Mfa != SignInMfa.None;
            return new JsonObject
            {
                ["id"] = id,
                ["createdDateTime"] = SnapshotTime.IsoPrecise(when),
                ["userDisplayName"] = s.UserDisplayName,
                ["userPrincipalName"] = s.UserPrincipalName,
                ["userId"] = s.UserId,
                ["userType"] = s.IsGuest ? "guest" : "member",
                ["appId"] = s.App.Id,
                ["appDisplayName"] = s.App.DisplayName,
                ["ipAddress"] = s.Place.IpAddress,
                ["clientAppUsed"] = s.ClientAppUsed,
                ["userAgent"] = s.UserAgent,
                ["correlationId"] = StableIds.Guid("correlation/" + s.Key),
                ["conditionalAccessStatus"] = s.ConditionalAccessStatus,
                ["isInteractive"] = s.Interactive,
                ["signInEventTypes"] = SnapshotJson.Strings(s.Interactive ? "interactiveUser" : "nonInteractiveUser"),
                ["tokenIssuerType"] = "AzureAD",
                ["authenticationRequirement"] = s.MfaRequired || mfaDone ? "multiFactorAuthentication" : "singleFactorAuthentication",
                ["mfaDetail"] = mfaDone ? new JsonObject { ["authMethod"] = MfaMethodName(s.Mfa), ["authDetail"] = null } : null,
                ["authenticationDetails"] = Steps(s, when),
                ["resourceDisplayName"] = s.App.ResourceDisplayName,
                ["resourceId"] = s.App.ResourceId,
                ["resourceTenantId"] = s.TenantId,
                ["homeTenantId"] = s.HomeTenantId,
                ["riskDetail"] = "none",
                ["riskLevelAggregated"] = "none",
                ["riskLevelDuringSignIn"] = "none",
                ["riskState"] = "none",
                ["riskEventTypes_v2"] = new JsonArray(),
                ["status"] = new JsonObject
                {
                    ["errorCode"] = errorCode,
                    ["failureReason"] = failureReason,
                    ["additionalDetails"] = additionalDetails,
                },
                ["deviceDetail"] = new JsonObject
                {
                    ["deviceId"] = s.DeviceCompliant ? StableIds.Guid("device/" + s.UserId) : "",
                    ["displayName"] = s.DeviceCompliant ? "NWC-" + StableIds.Hex(s.UserId, 6).ToUpperInvariant() : null,
                    ["operatingSystem"] = s.OperatingSystem,
                    ["browser"] = s.Browser,
                    ["isCompliant"] = s.DeviceCompliant,
                    ["isManaged"] = s.DeviceCompliant,
                    ["trustType"] = s.DeviceCompliant ? "Azure AD joined" : null,
                },
                ["location"] = new JsonObject
                {
                    ["city"] = s.Place.City,
                    ["state"] = s.Place.State,
                    ["countryOrRegion"] = s.Place.CountryOrRegion,
                    ["geoCoordinates"] = new JsonObject
                    {
                        ["altitude"] = null,
                        ["latitude"] = s.Place.Latitude,
                        ["longitude"] = s.Place.Longitude,
                    },
                },
            };
        }

        private static (int, string?, string?) Status(SignInOutcome outcome, Apps.App app) => outcome switch
        {
            SignInOutcome.InvalidPassword => (50126, "Error validating credentials due to invalid username or password.",
                "The user didn't enter the right credentials. It's expected to see some number of these errors in your logs due to users making mistakes."),
            SignInOutcome.MfaRequired => (50076, $"Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '{app.ResourceId}'.", null),
            SignInOutcome.BlockedByConditionalAccess => (53003, "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.", null),
            SignInOutcome.AccountDisabled => (50057, "User account is disabled. The account has been disabled by an administrator.", null),
            _ => (0, null, null),
        };

        private static string MfaMethodName(SignInMfa mfa) => mfa switch
        {
            SignInMfa.AuthenticatorPush => "Mobile app notification",
            SignInMfa.Sms => "Text message",
            SignInMfa.Fido2 => "FIDO2 security key",
            SignInMfa.PreviouslySatisfied => "Previously satisfied",
            _ => "None",
        };

        private static JsonArray Steps(SignInSpec s, DateTimeOffset when)
        {
            var steps = new List<JsonObject>();
            var t = when.AddSeconds(-20);
            JsonObject Step(DateTimeOffset at, string method, string? detail, bool ok, string result, string requirement) => new JsonObject
            {
                ["authenticationStepDateTime"] = SnapshotTime.IsoPrecise(at),
                ["authenticationMethod"] = method,
                ["authenticationMethodDetail"] = detail,
                ["succeeded"] = ok,
                ["authenticationStepResultDetail"] = result,
                ["authenticationStepRequirement"] = requirement,
            };

            if (s.Mfa == SignInMfa.PreviouslySatisfied && s.Outcome == SignInOutcome.Success)
            {
                steps.Add(Step(t, "Previously satisfied", null, true, "First factor requirement satisfied by claim in the token", "Primary authentication"));
                steps.Add(Step(t, "Previously satisfied", null, true, "MFA requirement satisfied by claim in the token", "MFA"));
            }
            else if (s.Mfa == SignInMfa.Fido2 && s.Outcome == SignInOutcome.Success)
            {
                steps.Add(Step(t, "FIDO2 security key", "YubiKey 5 NFC", true, "Correct FIDO2 security key", "Primary authentication"));
            }
            else
            {
                switch (s.Outcome)
                {
                    case SignInOutcome.InvalidPassword:
                        steps.Add(Step(t, "Password", "Password in the cloud", false, "Invalid username or password or Invalid on-premise username or password.", "Primary authentication"));
                        break;
                    case SignInOutcome.AccountDisabled:
                        steps.Add(Step(t, "Password", "Password in the cloud", false, "User account is disabled", "Primary authentication"));
                        break;
                    case SignInOutcome.MfaRequired:
                        steps.Add(Step(t, "Password", "Password in the cloud", true, "Correct password", "Primary authentication"));
                        steps.Add(Step(when, "Mobile app notification", null, false, "MFA required in Azure AD", "MFA"));
                        break;
                    default:
                        steps.Add(Step(t, "Password", "Password in the cloud", true, "Correct password", "Primary authentication"));
                        if (s.Outcome == SignInOutcome.Success && s.Mfa != SignInMfa.None)
                            steps.Add(Step(when.AddSeconds(-4), MfaMethodName(s.Mfa), null, true, "MFA successfully completed", "MFA"));
                        break;
                }
            }
            var array = new JsonArray();
            foreach (var step in steps) array.Add(step);
            return array;
        }
    }
}
