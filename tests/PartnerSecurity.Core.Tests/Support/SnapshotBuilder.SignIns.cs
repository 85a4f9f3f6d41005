using System.Globalization;
using System.Text.Json.Nodes;

namespace PartnerSecurity.Tests.Support;

/// <summary>Sign-ins (Graph beta signIn objects) for the sign-in log tests.</summary>
public sealed partial class SnapshotBuilder
{
    private int _signIns;

    /// <summary>The snapshot's capture time: "now" for the emulator's clock.</summary>
    public static readonly DateTimeOffset Captured = DateTimeOffset.Parse("2026-11-20T09:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>A sign-in of <paramref name="alias"/> <paramref name="daysAgo"/> days before capture.</summary>
    public SnapshotBuilder SignIn(string alias, double daysAgo, string client = "Browser", int errorCode = 0, bool interactive = true,
        bool multiFactor = true, string app = "Office 365", string? upn = null, bool v1Shape = false)
    {
        if (_root["signIns"] is not JsonArray signIns) _root["signIns"] = signIns = new JsonArray();
        var n = ++_signIns;
        bool mfaDone = multiFactor && errorCode == 0;
        var signIn = new JsonObject
        {
            ["id"] = Id($"{_domain}/signIn/{n}"),
            ["createdDateTime"] = (Captured - TimeSpan.FromDays(daysAgo)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["userDisplayName"] = alias,
            ["userPrincipalName"] = upn ?? Upn(alias),
            ["userId"] = UserId(alias),
            ["appDisplayName"] = app,
            ["appId"] = Id("app/" + app),
            ["ipAddress"] = "203.0.113." + (n % 250),
            ["clientAppUsed"] = client,
            ["conditionalAccessStatus"] = errorCode == 53003 ? "failure" : mfaDone ? "success" : "notApplied",
            ["isInteractive"] = interactive,
            ["signInEventTypes"] = new JsonArray(interactive ? "interactiveUser" : "nonInteractiveUser"),
            ["authenticationRequirement"] = multiFactor ? "multiFactorAuthentication" : "singleFactorAuthentication",
            ["mfaDetail"] = mfaDone ? new JsonObject { ["authMethod"] = interactive ? "Mobile app notification" : "Previously satisfied", ["authDetail"] = null } : null,
            ["status"] = new JsonObject { ["errorCode"] = errorCode, ["failureReason"] = errorCode == 0 ? null : "Failure " + errorCode, ["additionalDetails"] = null },
            ["location"] = new JsonObject { ["city"] = "Seattle", ["state"] = "Washington", ["countryOrRegion"] = "US" },
        };
        // As v1.0 serves it (a snapshot captured from v1.0): no event types, no authenticationRequirement, no mfaDetail.
        if (v1Shape) foreach (var betaOnly in new[] { "signInEventTypes", "authenticationRequirement", "mfaDetail" }) signIn.Remove(betaOnly);
        signIns.Add(signIn);
        return this;
    }
}
