using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator.Directory
{
    /// <summary>
    /// Puts a snapshot's sign-ins in the shape Entra ID's log stores them, whatever shape they were captured or
    /// written in (lenient on input, strict on output):
    /// <list type="bullet">
    /// <item>userPrincipalName in lowercase, and a guest's under the address they signed in with (their home
    /// account), not the #EXT# user principal name of their user object;</item>
    /// <item>signInEventTypes on every record: a v1.0-shaped record (isInteractive, no event types) is an
    /// interactive or non-interactive user sign-in by its isInteractive;</item>
    /// <item>beta mfaDetail null, as Graph now serves it: how MFA was met is in authenticationDetails (a record
    /// that had only mfaDetail keeps the method as an authentication step).</item>
    /// </list>
    /// </summary>
    public static class SignInRecords
    {
        public const string MfaStepRequirement = "Multifactor authentication";

        public static void Normalize(TenantSnapshot snapshot)
        {
            var users = snapshot.Users.ToDictionary(u => (string)u["id"]!, StringComparer.OrdinalIgnoreCase);
            foreach (var signIn in snapshot.SignIns) Normalize(signIn, users);
        }

        private static void Normalize(JsonObject signIn, IReadOnlyDictionary<string, JsonObject> users)
        {
            var upn = Text(signIn["userPrincipalName"]);
            var userId = Text(signIn["userId"]);
            if (upn != null)
            {
                if (userId != null && users.TryGetValue(userId, out var user) && IsExternalUpn(upn))
                    upn = SignInAddress(user) ?? upn;
                signIn["userPrincipalName"] = upn.ToLowerInvariant();
            }

            if (!(signIn["signInEventTypes"] is JsonArray))
            {
                bool interactive = !(signIn["isInteractive"] is JsonValue v && v.TryGetValue(out bool i) && !i);
                signIn["signInEventTypes"] = new JsonArray(interactive ? "interactiveUser" : "nonInteractiveUser");
            }

            if (signIn["mfaDetail"] is JsonObject mfa)
            {
                var method = Text(mfa["authMethod"]);
                if (!string.IsNullOrEmpty(method) && !HasMfaStep(signIn["authenticationDetails"] as JsonArray))
                {
                    if (!(signIn["authenticationDetails"] is JsonArray steps)) signIn["authenticationDetails"] = steps = new JsonArray();
                    steps.Add(new JsonObject
                    {
                        ["authenticationStepDateTime"] = signIn["createdDateTime"]?.DeepClone(),
                        ["authenticationMethod"] = method,
                        ["authenticationMethodDetail"] = mfa["authDetail"]?.DeepClone(),
                        ["succeeded"] = true,
                        ["authenticationStepResultDetail"] = "MFA successfully completed",
                        ["authenticationStepRequirement"] = MfaStepRequirement,
                    });
                }
            }
            if (signIn.ContainsKey("mfaDetail")) signIn["mfaDetail"] = null;
        }

        /// <summary>The address a guest signs in with: their mail, else the one their #EXT# user principal name encodes.</summary>
        public static string? SignInAddress(JsonObject user)
        {
            var mail = Text(user["mail"]);
            if (!string.IsNullOrEmpty(mail)) return mail;
            var upn = Text(user["userPrincipalName"]);
            if (upn == null) return null;
            int ext = upn.IndexOf("#EXT#", StringComparison.OrdinalIgnoreCase);
            if (ext <= 0) return null;
            var local = upn.Substring(0, ext);
            int underscore = local.LastIndexOf('_');
            return underscore <= 0 ? null : local.Substring(0, underscore) + "@" + local.Substring(underscore + 1);
        }

        private static bool IsExternalUpn(string upn) => upn.IndexOf("#EXT#", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool HasMfaStep(JsonArray? steps) =>
            steps != null && steps.OfType<JsonObject>().Any(s => IsMfaRequirement(Text(s["authenticationStepRequirement"])));

        /// <summary>"MFA", "Multifactor authentication", "Multi-factor authentication": the wordings seen for the second step.</summary>
        public static bool IsMfaRequirement(string? requirement) =>
            requirement != null && (requirement.IndexOf("mfa", StringComparison.OrdinalIgnoreCase) >= 0
                || requirement.Replace("-", string.Empty).IndexOf("multifactor", StringComparison.OrdinalIgnoreCase) >= 0);

        private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
    }
}
