using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;

namespace PartnerSecurity.Mfa
{
    /// <summary>
    /// The transitive user members of many groups through JSON batches: the first page of 20 groups per $batch, then every
    /// group's further pages (their @odata.nextLink) 20 per $batch, round after round. A policy naming 3,000 groups costs
    /// about 150 requests instead of 3,000. A group that does not exist (404) is reported missing; any other failure,
    /// or a page without a "value" list, fails the read with the group named: a group is never read as emptier than it is.
    /// </summary>
    internal static class GroupMemberReader
    {
        private const string FirstPage = "/groups/{0}/transitiveMembers?$select=id&$top=" + "999";

        public sealed class Result
        {
            public Dictionary<string, List<string>> Members { get; } = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            public HashSet<string> Missing { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        }

        public static async Task<Result> ReadAsync(PartnerConnection connection, string tenantId, IReadOnlyList<string> groupIds, int parallelism,
            Action<int>? groupsDone, CancellationToken cancellationToken)
        {
            var result = new Result();
            if (groupIds.Count == 0) return result;
            var batch = new GraphBatchClient(connection, tenantId, beta: false, parallelism);
            // Keys are "<group id>|<page>", so a group's pages never collide in one round.
            var pending = groupIds.Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(id => (Group: id, Page: 1, Url: string.Format(CultureInfo.InvariantCulture, FirstPage, Uri.EscapeDataString(id))))
                .ToList();
            foreach (var (group, _, _) in pending) result.Members[group] = new List<string>();
            int done = 0;
            while (pending.Count > 0)
            {
                var answers = await batch.GetAsync(pending.Select(p => (Key(p.Group, p.Page), p.Url)).ToList(), "Reading the members of the groups policies name",
                    null, cancellationToken).ConfigureAwait(false);
                var next = new List<(string Group, int Page, string Url)>();
                foreach (var (group, page, _) in pending)
                {
                    var answer = answers[Key(group, page)];
                    if (answer.Status == 404 && page == 1)
                    {
                        // A policy may name a group that has since been deleted: it has no members, and the caller says so.
                        result.Members.Remove(group);
                        result.Missing.Add(group);
                        done++;
                        continue;
                    }
                    if (!answer.Succeeded)
                        throw GraphErrors.Translate(answer.Status, answer.ErrorCode, answer.ErrorMessage ?? "the request failed", null, tenantId, $"Reading the members of group {group}");
                    if (!(answer.Body is JsonElement body) || body.ValueKind != JsonValueKind.Object
                        || !body.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                        throw new PartnerSecurityException("GraphResponseUnreadable", ErrorKind.InvalidData,
                            $"Reading the members of group {group} failed in tenant '{tenantId}': page {page} has no list of members.", "Run the command again.", null, tenantId);
                    var members = result.Members[group];
                    foreach (var member in value.EnumerateArray())
                    {
                        if (member.ValueKind != JsonValueKind.Object)
                            throw new PartnerSecurityException("GraphResponseUnreadable", ErrorKind.InvalidData,
                                $"Reading the members of group {group} failed in tenant '{tenantId}': page {page} holds an entry that is not an object.", "Run the command again.", null, tenantId);
                        if (IsUser(member) && member.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) members.Add(id.GetString()!);
                    }
                    var link = body.TryGetProperty("@odata.nextLink", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    if (link != null) next.Add((group, page + 1, RelativeToVersion(link)));
                    else done++;
                }
                groupsDone?.Invoke(done);
                pending = next;
            }
            return result;
        }

        private static string Key(string group, int page) => group + "|" + page.ToString(CultureInfo.InvariantCulture);

        private static bool IsUser(JsonElement member) =>
            member.TryGetProperty("@odata.type", out var type) && type.ValueKind == JsonValueKind.String
            && string.Equals(type.GetString(), "#microsoft.graph.user", StringComparison.OrdinalIgnoreCase);

        /// <summary>A next link ("https://graph.microsoft.com/v1.0/groups/...") as $batch wants it: relative to the version root.</summary>
        internal static string RelativeToVersion(string link)
        {
            var path = Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.PathAndQuery : link;
            foreach (var version in new[] { "/v1.0/", "/beta/" })
            {
                int at = path.IndexOf(version, StringComparison.OrdinalIgnoreCase);
                if (at >= 0) return path.Substring(at + version.Length - 1);
            }
            return path;
        }
    }
}
