using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>Graph v1.0 group objects plus the snapshot's <c>members</c> extension (direct members' ids).</summary>
    internal static class GroupBuilder
    {
        public static JsonObject Security(string id, string displayName, string? description, DateTimeOffset created,
            IEnumerable<string> memberIds, bool roleAssignable = false, bool onPremisesSync = false)
        {
            var members = new JsonArray();
            foreach (var m in memberIds) members.Add(m);
            return new JsonObject
            {
                ["id"] = id,
                ["createdDateTime"] = SnapshotTime.Iso(created),
                ["description"] = description,
                ["displayName"] = displayName,
                ["groupTypes"] = new JsonArray(),
                ["isAssignableToRole"] = roleAssignable ? true : null,
                ["mail"] = null,
                ["mailEnabled"] = false,
                ["mailNickname"] = MailNickname(displayName),
                ["membershipRule"] = null,
                ["membershipRuleProcessingState"] = null,
                ["onPremisesSyncEnabled"] = onPremisesSync ? true : null,
                ["securityEnabled"] = true,
                ["securityIdentifier"] = StableIds.SecurityIdentifier(id),
                ["visibility"] = roleAssignable ? "Private" : null,
                ["members"] = members,
            };
        }

        /// <summary>A Microsoft 365 (Unified) group: mail-enabled, not a security group.</summary>
        public static JsonObject Microsoft365(string id, string displayName, string? description, string domain, DateTimeOffset created, IEnumerable<string> memberIds)
        {
            var members = new JsonArray();
            foreach (var m in memberIds) members.Add(m);
            var nickname = MailNickname(displayName);
            return new JsonObject
            {
                ["id"] = id,
                ["createdDateTime"] = SnapshotTime.Iso(created),
                ["description"] = description,
                ["displayName"] = displayName,
                ["groupTypes"] = SnapshotJson.Strings("Unified"),
                ["isAssignableToRole"] = null,
                ["mail"] = nickname + "@" + domain,
                ["mailEnabled"] = true,
                ["mailNickname"] = nickname,
                ["membershipRule"] = null,
                ["membershipRuleProcessingState"] = null,
                ["onPremisesSyncEnabled"] = null,
                ["securityEnabled"] = false,
                ["securityIdentifier"] = StableIds.SecurityIdentifier(id),
                ["visibility"] = "Private",
                ["members"] = members,
            };
        }

        private static string MailNickname(string displayName)
        {
            var chars = new List<char>();
            foreach (var c in displayName)
            {
                if (char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.') chars.Add(c);
            }
            return chars.Count == 0 ? "group" : new string(chars.ToArray());
        }
    }
}
