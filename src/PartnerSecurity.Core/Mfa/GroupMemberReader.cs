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
    /// or a page that stays unusable after the retries, fails the read with the group named: a group is never read as emptier than it is.
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
            var policy = connection.RetryPolicy;
            var pending = new List<(string Group, int Page, string Url, int Attempt)>();
            foreach (var id in groupIds.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!GraphPath.IsSendable(id))
                {
                    // Not an id any group can have (docs/reliability.md, "Input"): like a deleted group, it has no members.
                    result.Missing.Add(id);
                    continue;
                }
                result.Members[id] = new List<string>();
                pending.Add((id, 1, string.Format(CultureInfo.InvariantCulture, FirstPage, GraphPath.Segment(id)), 1));
            }
            int done = result.Missing.Count;
            while (pending.Count > 0)
            {
                // Keys are "<group id>|<page>", so a group's pages never collide in one round.
                var answers = await batch.GetAsync(pending.Select(p => (Key(p.Group, p.Page), p.Url)).ToList(), "Reading the members of the groups policies name",
                    null, cancellationToken).ConfigureAwait(false);
                var next = new List<(string Group, int Page, string Url, int Attempt)>();
                TimeSpan wait = TimeSpan.Zero;
                foreach (var (group, page, url, attempt) in pending)
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
                    var problem = ReadPage(answer.Body, out var members, out var link);
                    if (problem != null)
                    {
                        // A page that cannot be used is asked for again, then fails the read: never a group emptier than it is.
                        if (attempt > policy.MaxRetries)
                            throw new PartnerSecurityException("ResponseMalformed", ErrorKind.InvalidData,
                                $"Reading the members of group {group} failed in tenant '{tenantId}' at page {page}: it came back as {problem} {attempt} times. Reading stopped rather than return an incomplete list.",
                                "Run the command again. If it keeps happening, something between this computer and Microsoft (a proxy, a gateway) may be altering answers.", null, tenantId);
                        OperationLog.Verbose($"Reading the members of group {group} in tenant '{tenantId}': page {page} came back as {problem}; asking for it again.");
                        next.Add((group, page, url, attempt + 1));
                        var backoff = policy.Backoff(attempt);
                        if (backoff > wait) wait = backoff;
                        continue;
                    }
                    result.Members[group].AddRange(members);
                    if (link != null) next.Add((group, page + 1, RelativeToVersion(link), 1));
                    else done++;
                }
                groupsDone?.Invoke(done);
                pending = next;
                if (wait > TimeSpan.Zero) await policy.Clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            return result;
        }

        /// <summary>The user ids of one page and its next link, or what makes the page unusable.</summary>
        private static string? ReadPage(object? answerBody, out List<string> users, out string? next)
        {
            users = new List<string>();
            next = null;
            if (!(answerBody is JsonElement body) || body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                return "a page without its list of members";
            int index = 0;
            foreach (var member in value.EnumerateArray())
            {
                index++;
                if (member.ValueKind != JsonValueKind.Object || !member.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
                    return $"a page whose item {index} is empty";
                if (IsUser(member)) users.Add(id.GetString()!);
            }
            if (body.TryGetProperty("@odata.nextLink", out var n) && n.ValueKind != JsonValueKind.Null)
            {
                if (n.ValueKind != JsonValueKind.String) return "a page whose next link is not a link";
                next = n.GetString();
            }
            return null;
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
