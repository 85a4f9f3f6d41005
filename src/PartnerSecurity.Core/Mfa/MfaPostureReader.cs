using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph.DirectoryObjects.GetByIds;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Mfa
{
    /// <summary>What to read and which verdicts to return.</summary>
    public sealed class MfaReadOptions
    {
        /// <summary>Whose per-user MFA state to read (it costs one batched request per user).</summary>
        public PerUserMfaNeed PerUserMfa { get; set; } = PerUserMfaNeed.WhereVerdictDepends;
        /// <summary>Only these users (UPNs, case-insensitive); null or empty for everyone.</summary>
        public IReadOnlyCollection<string>? UserPrincipalNames { get; set; }
        /// <summary>Only users holding a directory role, active or eligible.</summary>
        public bool AdminsOnly { get; set; }
        /// <summary>Only verdicts with one of these statuses; null or empty for all.</summary>
        public IReadOnlyCollection<MfaStatus>? Statuses { get; set; }
        /// <summary>How many $batch requests (and group reads) one tenant has in flight at once.</summary>
        public int Parallelism { get; set; } = 4;
        /// <summary>
        /// A what-if to evaluate beside the tenant as it is: the verdicts then describe the tenant after it, with Before and
        /// After, and the statuses filter on After. Its policies' groups are read with the tenant's own, in the same requests.
        /// </summary>
        public MfaScenario? Scenario { get; set; }
    }

    /// <summary>One tenant's verdicts, the data they came from, and what could not be read.</summary>
    public sealed class MfaTenantResult
    {
        public MfaTenantResult(TenantTarget tenant, MfaTenantData data, IReadOnlyList<MfaVerdict> verdicts, int usersEvaluated, IReadOnlyList<string> warnings)
        {
            Tenant = tenant;
            Data = data;
            Verdicts = verdicts;
            UsersEvaluated = usersEvaluated;
            Warnings = warnings;
        }

        public TenantTarget Tenant { get; }
        public MfaTenantData Data { get; }
        /// <summary>The verdicts the options ask for, sorted by UPN.</summary>
        public IReadOnlyList<MfaVerdict> Verdicts { get; }
        public int UsersEvaluated { get; }
        /// <summary>One line per thing that could not be read (registration report, per-user states), naming the tenant and the cause.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }

    /// <summary>
    /// Reads what one tenant's MFA verdicts depend on, in bulk: users ($top=999), the registration report,
    /// role definitions, active role assignments and eligibility schedules, conditional access policies,
    /// security defaults, transitive members of only the groups that policies name or that hold roles
    /// ($batch of 20, <see cref="GroupMemberReader"/>), the names of the tenant's applications policies name,
    /// and per-user MFA state (no bulk endpoint: $batch of 20) for only the users whose verdict it can
    /// still change. Then hands the plain data to <see cref="MfaEvaluator"/>.
    /// </summary>
    public static class MfaPostureReader
    {
        /// <summary>Role ids per "roleDefinitionId in (...)" filter.</summary>
        public const int RoleFilterChunk = 15;

        /// <summary>Role assignment chunks read at once in one tenant.</summary>
        public const int RoleChunkParallelism = 4;
        public const int UserPageSize = 999;

        public static async Task<MfaTenantResult> GetAsync(PartnerConnection connection, TenantTarget tenant, MfaReadOptions options, TenantActivity? activity, CancellationToken cancellationToken)
        {
            activity ??= TenantActivity.None;
            var warnings = new List<string>();
            var data = await ReadAsync(connection, tenant, options, activity, warnings, cancellationToken).ConfigureAwait(false);
            var upns = Upns(options);
            var statuses = options.Statuses is { Count: > 0 } ? new HashSet<MfaStatus>(options.Statuses) : null;
            Func<MfaUser, bool> scope = u => upns == null || upns.Contains(u.UserPrincipalName);
            var all = options.Scenario == null
                ? MfaEvaluator.Evaluate(data, scope)
                : MfaWhatIf.Compare(data, options.Scenario, tenant.Label, warnings, scope);
            // With a what-if, an admin before or after is an admin.
            var verdicts = all
                .Where(v => (!options.AdminsOnly || v.IsAdmin) && (statuses == null || statuses.Contains(v.Status)))
                .ToList();
            int evaluated = upns == null ? data.Users.Count : data.Users.Count(u => upns.Contains(u.UserPrincipalName));
            return new MfaTenantResult(tenant, data, verdicts, evaluated, warnings);
        }

        /// <summary>The plain data of one tenant (for the evaluator, or for what-if questions such as "without security defaults").</summary>
        public static async Task<MfaTenantData> ReadAsync(PartnerConnection connection, TenantTarget tenant, MfaReadOptions options, TenantActivity activity,
            IList<string> warnings, CancellationToken cancellationToken)
        {
            var tenantId = tenant.Id;
            var graph = connection.Graph(tenantId);
            activity.Report("Reading users, roles, policies and the registration report");

            var usersTask = Guard(ReadUsersAsync(connection, graph, tenantId, cancellationToken), tenantId, "Reading users");
            var registrationTask = ReadRegistrationsAsync(connection, graph, tenant, warnings, cancellationToken);
            var rolesTask = Guard(ReadRolesAsync(connection, graph, tenantId, cancellationToken), tenantId, "Reading directory role assignments");
            var eligibleTask = ReadEligibilityAsync(connection, graph, tenant, warnings, cancellationToken);
            var policiesTask = ReadPoliciesAsync(connection, tenantId, cancellationToken);
            var defaultsTask = Guard(SecurityDefaults.SecurityDefaultsReader.IsEnabledAsync(connection, tenantId, cancellationToken), tenantId, "Reading security defaults");

            var users = await usersTask.ConfigureAwait(false);
            var (roleNames, activeGrants, roleGroups) = await rolesTask.ConfigureAwait(false);
            var (eligibleGrants, eligibleGroups) = await eligibleTask.ConfigureAwait(false);
            var policies = await policiesTask.ConfigureAwait(false);
            var defaults = await defaultsTask.ConfigureAwait(false);
            var registrations = await registrationTask.ConfigureAwait(false);

            // Every policy's groups, disabled ones too: the remedy may be to turn one on. A what-if's groups come along.
            var scenarioGroups = options.Scenario?.GroupIds.ToList() ?? new List<string>();
            var policyGroupIds = policies
                .SelectMany(p => p.IncludeGroups.Concat(p.ExcludeGroups))
                .Concat(scenarioGroups)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            var knownNames = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var group in roleGroups.Concat(eligibleGroups)) knownNames[group.Key] = group.Value;
            var groupIds = policyGroupIds.Concat(knownNames.Keys).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            activity.Report($"Reading the members of {groupIds.Count} group(s)");
            var appNamesTask = ReadApplicationNamesAsync(connection, graph, tenant, policies.Concat(options.Scenario?.DeployedPolicies ?? Array.Empty<CaPolicy>()), cancellationToken);
            var groups = await ReadGroupsAsync(connection, graph, tenant, groupIds, policyGroupIds.Where(id => !knownNames.ContainsKey(id)).ToList(), knownNames,
                options.Parallelism, activity, cancellationToken).ConfigureAwait(false);

            var data = new MfaTenantData
            {
                TenantId = tenantId,
                TenantName = tenant.Name ?? tenantId,
                Users = users,
                Groups = groups,
                RoleGrants = activeGrants.Concat(eligibleGrants).ToList(),
                RoleNames = roleNames,
                Policies = policies,
                SecurityDefaultsEnabled = defaults,
                Registrations = registrations,
                ServicePrincipalNames = await appNamesTask.ConfigureAwait(false),
            };

            var upns = Upns(options);
            HashSet<string>? admins = null;
            if (options.AdminsOnly)
                admins = new HashSet<string>(MfaEvaluator.Evaluate(data).Where(v => v.IsAdmin).Select(v => v.UserId), StringComparer.OrdinalIgnoreCase);
            Func<MfaUser, bool> scope = u => (upns == null || upns.Contains(u.UserPrincipalName)) && (admins == null || admins.Contains(u.Id));
            var needing = MfaEvaluator.UsersNeedingPerUserState(data, options.PerUserMfa, scope).ToList();
            if (options.Scenario != null)
            {
                // The state matters where either side of the what-if leaves the user uncovered by everything else.
                var after = options.Scenario.Apply(data, tenant.Label, new List<string>());
                var ids = new HashSet<string>(needing.Select(u => u.Id), StringComparer.OrdinalIgnoreCase);
                needing.AddRange(MfaEvaluator.UsersNeedingPerUserState(after, options.PerUserMfa, scope).Where(u => ids.Add(u.Id)));
            }
            await ReadPerUserStatesAsync(connection, tenant, data, needing, options.Parallelism, activity, warnings, cancellationToken).ConfigureAwait(false);
            return data;
        }

        private static HashSet<string>? Upns(MfaReadOptions options) =>
            options.UserPrincipalNames is { Count: > 0 } ? new HashSet<string>(options.UserPrincipalNames, StringComparer.OrdinalIgnoreCase) : null;

        private static async Task<T> Guard<T>(Task<T> task, string tenantId, string operation)
        {
            try
            {
                return await task.ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                throw GraphErrors.Translate(ex, tenantId, operation);
            }
        }

        // ------------------------------------------------------------ users, registration

        private static async Task<List<MfaUser>> ReadUsersAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, string tenantId, CancellationToken cancellationToken)
        {
            var users = new List<MfaUser>();
            await foreach (var user in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading users", tenantId),
                ct => graph.Users.GetAsync(r =>
                {
                    r.QueryParameters.Select = new[] { "id", "userPrincipalName", "displayName", "userType", "accountEnabled" };
                    r.QueryParameters.Top = UserPageSize;
                }, ct),
                UserCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                users.Add(new MfaUser(user.Id, user.UserPrincipalName ?? user.Id, user.DisplayName, user.UserType, user.AccountEnabled != false));
            }
            return users;
        }

        /// <summary>The registration report by user id, or null with a warning when it cannot be read: the verdicts never depend on it.</summary>
        private static async Task<IReadOnlyDictionary<string, MfaRegistration>?> ReadRegistrationsAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph,
            TenantTarget tenant, IList<string> warnings, CancellationToken cancellationToken)
        {
            var rows = new Dictionary<string, MfaRegistration>(StringComparer.OrdinalIgnoreCase);
            try
            {
                try
                {
                    await ReadRegistrationRowsAsync(connection, graph, tenant.Id, rows, UserPageSize, cancellationToken).ConfigureAwait(false);
                }
                catch (ApiException ex) when (ex.ResponseStatusCode == 400)
                {
                    // $top is not documented for this report (docs/emulator.md, "Undocumented points"): read its default pages.
                    OperationLog.Verbose($"Tenant {tenant.Label}: the registration report refused $top; reading it in its default pages.");
                    rows.Clear();
                    await ReadRegistrationRowsAsync(connection, graph, tenant.Id, rows, null, cancellationToken).ConfigureAwait(false);
                }
                return rows;
            }
            catch (ApiException ex)
            {
                var error = GraphErrors.Translate(ex, tenant.Id, "Reading the MFA registration report");
                string cause = error.ErrorId switch
                {
                    ErrorIds.PremiumLicenseRequired => "the report needs Microsoft Entra ID P1 or P2, which the tenant does not have",
                    ErrorIds.GraphAccessDenied => "access denied: it needs AuditLog.Read.All and a Reports Reader, Security Reader or Global Reader role",
                    "GraphThrottled" => "Graph kept throttling it after every retry",
                    _ => error.Message,
                };
                lock (warnings)
                    warnings.Add($"Tenant {tenant.Label}: the MFA registration report could not be read ({cause}). IsMfaRegistered, IsMfaCapable and MethodsRegistered are empty for its users; the verdicts do not depend on them.");
                return null;
            }
        }

        private static async Task ReadRegistrationRowsAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, string tenantId,
            Dictionary<string, MfaRegistration> rows, int? top, CancellationToken cancellationToken)
        {
            await foreach (var row in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading the MFA registration report", tenantId),
                ct => graph.Reports.AuthenticationMethods.UserRegistrationDetails.GetAsync(r => r.QueryParameters.Top = top, ct),
                UserRegistrationDetailsCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                rows[row.Id!] = new MfaRegistration(row.IsMfaRegistered == true, row.IsMfaCapable == true, row.MethodsRegistered?.Where(m => m != null).Select(m => m!).ToArray() ?? Array.Empty<string>());
            }
        }

        // ------------------------------------------------------------ roles

        private static async Task<(Dictionary<string, string> Names, List<MfaRoleGrant> Grants, Dictionary<string, string?> Groups)> ReadRolesAsync(
            PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, string tenantId, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var ids = new List<string>();
            await foreach (var role in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading directory role definitions", tenantId),
                ct => graph.RoleManagement.Directory.RoleDefinitions.GetAsync(r => r.QueryParameters.Select = new[] { "id", "displayName", "templateId" }, ct),
                UnifiedRoleDefinitionCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                ids.Add(role.Id!);
                names[role.Id] = role.DisplayName ?? role.Id;
                if (role.TemplateId != null) names[role.TemplateId] = role.DisplayName ?? role.TemplateId;
            }

            // Listing role assignments requires a $filter: every role, a chunk of ids at a time. The list documents
            // $filter, $expand and $select only: no $top, and its examples use eq; where "in" is refused, one role at a time.
            // The chunks do not depend on one another: read side by side (a few at a time), not one round trip after
            // another (docs/benchmarks.md: 9 sequential reads were most of a small tenant's wall time). Each chunk
            // fills its own lists, merged in chunk order, so the result is the same as reading them in turn.
            var chunks = Enumerable.Range(0, (ids.Count + RoleFilterChunk - 1) / RoleFilterChunk)
                .Select(c => ids.Skip(c * RoleFilterChunk).Take(RoleFilterChunk).ToList()).ToList();
            using var gate = new SemaphoreSlim(RoleChunkParallelism);
            var read = await Task.WhenAll(chunks.Select(async chunk =>
            {
                var chunkGrants = new List<MfaRoleGrant>();
                var chunkGroups = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    try
                    {
                        await ReadAssignmentsAsync(connection, graph, tenantId, "roleDefinitionId in (" + string.Join(",", chunk.Select(ODataLiteral.String)) + ")", chunkGrants, chunkGroups, cancellationToken).ConfigureAwait(false);
                    }
                    catch (ApiException ex) when (ex.ResponseStatusCode == 400)
                    {
                        OperationLog.Verbose("Role assignments: a filter with 'in' was refused; reading them one role at a time.");
                        foreach (var id in chunk)
                            await ReadAssignmentsAsync(connection, graph, tenantId, "roleDefinitionId eq " + ODataLiteral.String(id), chunkGrants, chunkGroups, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    gate.Release();
                }
                return (Grants: chunkGrants, Groups: chunkGroups);
            })).ConfigureAwait(false);
            var grants = read.SelectMany(r => r.Grants).ToList();
            var groups = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in read.SelectMany(r => r.Groups)) groups[pair.Key] = pair.Value;
            return (names, grants, groups);
        }

        private static async Task ReadAssignmentsAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, string tenantId, string filter,
            List<MfaRoleGrant> grants, Dictionary<string, string?> groups, CancellationToken cancellationToken)
        {
            var found = new List<(MfaRoleGrant Grant, string? Group)>();
            await foreach (var assignment in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading directory role assignments", tenantId),
                ct => graph.RoleManagement.Directory.RoleAssignments.GetAsync(r =>
                {
                    r.QueryParameters.Filter = filter;
                    r.QueryParameters.Expand = new[] { "principal" };
                }, ct),
                UnifiedRoleAssignmentCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
            {
                if (assignment.PrincipalId == null || assignment.RoleDefinitionId == null) continue;
                found.Add((new MfaRoleGrant(assignment.PrincipalId, assignment.RoleDefinitionId, directoryScopeId: assignment.DirectoryScopeId), assignment.Principal is Group group ? group.DisplayName ?? string.Empty : null));
            }
            // Only a filter read to its end counts: a refusal midway leaves nothing half-added.
            foreach (var (grant, group) in found)
            {
                grants.Add(grant);
                if (group != null) groups[grant.PrincipalId] = group.Length == 0 ? null : group;
            }
        }

        /// <summary>PIM-eligible roles; a tenant without PIM (no P2) simply has none. Other failures warn.</summary>
        private static async Task<(List<MfaRoleGrant> Grants, Dictionary<string, string?> Groups)> ReadEligibilityAsync(PartnerConnection connection,
            Microsoft.Graph.GraphServiceClient graph, TenantTarget tenant, IList<string> warnings, CancellationToken cancellationToken)
        {
            var grants = new List<MfaRoleGrant>();
            var groups = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            try
            {
                await foreach (var schedule in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading PIM role eligibility", tenant.Id),
                    ct => graph.RoleManagement.Directory.RoleEligibilitySchedules.GetAsync(r => r.QueryParameters.Expand = new[] { "principal" }, ct),
                    UnifiedRoleEligibilityScheduleCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                {
                    if (schedule.PrincipalId == null || schedule.RoleDefinitionId == null) continue;
                    grants.Add(new MfaRoleGrant(schedule.PrincipalId, schedule.RoleDefinitionId, eligible: true, directoryScopeId: schedule.DirectoryScopeId));
                    if (schedule.Principal is Group group) groups[schedule.PrincipalId] = group.DisplayName;
                }
            }
            catch (ApiException ex)
            {
                var error = GraphErrors.Translate(ex, tenant.Id, "Reading PIM role eligibility");
                var code = (ex as Microsoft.Graph.Models.ODataErrors.ODataError)?.Error?.Code ?? string.Empty;
                if (code.IndexOf("License", StringComparison.OrdinalIgnoreCase) >= 0 || code.IndexOf("Premium", StringComparison.OrdinalIgnoreCase) >= 0)
                    OperationLog.Verbose($"Tenant {tenant.Label}: no PIM (it needs Microsoft Entra ID P2), so no eligible roles.");
                else
                    lock (warnings) warnings.Add($"Tenant {tenant.Label}: PIM-eligible roles could not be read ({error.Message}); IsAdmin and AdminRoles show active roles only.");
            }
            return (grants, groups);
        }


        // ------------------------------------------------------------ policies, groups

        /// <summary>Conditional access policies, read as Graph's JSON so that every condition keeps Graph's own strings.</summary>
        private static async Task<IReadOnlyList<CaPolicy>> ReadPoliciesAsync(PartnerConnection connection, string tenantId, CancellationToken cancellationToken)
        {
            try
            {
                var items = await GraphRest.GetAllAsync(connection, tenantId, GraphRest.Url(connection, false, "/identity/conditionalAccess/policies"),
                    "Reading conditional access policies", cancellationToken).ConfigureAwait(false);
                return items.Select(CaPolicy.FromJson).ToList();
            }
            catch (CaPolicyFormatException ex)
            {
                // A policy we cannot read in full could exclude anyone: no verdict is better than a wrong one.
                throw new PartnerSecurityException("ConditionalAccessPolicyUnreadable", ErrorKind.InvalidData,
                    $"Reading conditional access policies failed in tenant '{tenantId}': {ex.Message} No verdict was given for this tenant.",
                    "Check the policy in the Entra admin center; if Graph returns it so, report it with the policy's JSON.", ex, tenantId);
            }
            catch (PartnerSecurityException ex) when (ex.ErrorId == ErrorIds.PremiumLicenseRequired)
            {
                // Conditional access needs P1: a tenant without it has no policies to read.
                OperationLog.Verbose($"Tenant '{tenantId}': no conditional access (it needs Microsoft Entra ID P1).");
                return Array.Empty<CaPolicy>();
            }
        }

        private static async Task<Dictionary<string, MfaGroup>> ReadGroupsAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, TenantTarget tenant,
            IReadOnlyList<string> groupIds, IReadOnlyList<string> unnamed, Dictionary<string, string?> names, int parallelism, TenantActivity activity, CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, MfaGroup>(StringComparer.OrdinalIgnoreCase);
            if (groupIds.Count == 0) return result;
            var namesTask = ReadGroupNamesAsync(graph, tenant.Id, unnamed, cancellationToken);
            var members = await GroupMemberReader.ReadAsync(connection, tenant.Id, groupIds, parallelism,
                done => activity.Report($"Group members: {done} of {groupIds.Count} group(s) read"), cancellationToken).ConfigureAwait(false);
            foreach (var pair in await namesTask.ConfigureAwait(false)) names[pair.Key] = pair.Value;
            foreach (var missing in members.Missing)
                OperationLog.Verbose($"Tenant {tenant.Label}: group {missing}, named by a policy, does not exist.");
            foreach (var pair in members.Members)
                result[pair.Key] = new MfaGroup(pair.Key, names.TryGetValue(pair.Key, out var name) ? name : null, pair.Value);
            return result;
        }

        /// <summary>
        /// Display names of the tenant's service principals for the application ids policies name that are not well-known
        /// Microsoft apps ("appId in (...)", 15 at a time). Only names: when they cannot be read, ids are shown instead.
        /// </summary>
        private static async Task<IReadOnlyDictionary<string, string>> ReadApplicationNamesAsync(PartnerConnection connection, Microsoft.Graph.GraphServiceClient graph, TenantTarget tenant,
            IEnumerable<CaPolicy> policies, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var ids = policies.SelectMany(p => p.IncludeApplications.Concat(p.ExcludeApplications))
                .Where(a => !ApplicationNames.IsWellKnown(a) && Guid.TryParse(a, out _))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            try
            {
                for (int i = 0; i < ids.Count; i += RoleFilterChunk)
                {
                    var filter = "appId in (" + string.Join(",", ids.Skip(i).Take(RoleFilterChunk).Select(ODataLiteral.String)) + ")";
                    await foreach (var sp in GraphPaging.ReadAllAsync(graph, connection.Paged("Reading the names of applications", tenant.Id),
                        ct => graph.ServicePrincipals.GetAsync(r =>
                        {
                            r.QueryParameters.Filter = filter;
                            r.QueryParameters.Select = new[] { "id", "appId", "displayName" };
                            r.QueryParameters.Top = UserPageSize;
                        }, ct),
                        ServicePrincipalCollectionResponse.CreateFromDiscriminatorValue, page => page.Value, cancellationToken).ConfigureAwait(false))
                    {
                        if (sp.AppId != null && !string.IsNullOrWhiteSpace(sp.DisplayName)) names[sp.AppId] = sp.DisplayName!;
                    }
                }
            }
            catch (ApiException ex)
            {
                OperationLog.Verbose($"Tenant {tenant.Label}: the names of the applications policies name could not be read ({GraphErrors.Translate(ex, tenant.Id, "Reading service principals").Message}); their ids are shown instead.");
            }
            return names;
        }

        private static async Task<Dictionary<string, string?>> ReadGroupNamesAsync(Microsoft.Graph.GraphServiceClient graph, string tenantId, IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var names = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < ids.Count; i += 1000)
            {
                try
                {
                    var response = await graph.DirectoryObjects.GetByIds.PostAsGetByIdsPostResponseAsync(
                        new GetByIdsPostRequestBody { Ids = ids.Skip(i).Take(1000).ToList(), Types = new List<string> { "group" } },
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    foreach (var item in response?.Value ?? new List<DirectoryObject>())
                    {
                        if (item is Group group && group.Id != null) names[group.Id] = group.DisplayName;
                    }
                }
                catch (ApiException ex)
                {
                    throw GraphErrors.Translate(ex, tenantId, "Reading the names of the groups policies name");
                }
            }
            return names;
        }

        // ------------------------------------------------------------ per-user MFA

        private static async Task ReadPerUserStatesAsync(PartnerConnection connection, TenantTarget tenant, MfaTenantData data, IReadOnlyList<MfaUser> users,
            int parallelism, TenantActivity activity, IList<string> warnings, CancellationToken cancellationToken)
        {
            var states = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var unreadable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            data.PerUserMfaStates = states;
            data.PerUserMfaUnreadable = unreadable;
            if (users.Count == 0) return;
            activity.Report($"Reading the per-user MFA state of {users.Count} user(s)");
            var batch = new GraphBatchClient(connection, tenant.Id, beta: true, parallelism);
            var results = await batch.GetAsync(users.Where(u => GraphPath.IsSendable(u.Id)).Select(u => (u.Id, GraphPath.PerUserMfaRequirements(u.Id))).ToList(),
                "Reading per-user MFA states", done => activity.Report($"Per-user MFA state: {done} of {users.Count} user(s) read"), cancellationToken).ConfigureAwait(false);
            var failures = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var user in users)
            {
                if (!results.TryGetValue(user.Id, out var result))
                {
                    unreadable.Add(user.Id);
                    failures["an id that cannot be sent in a URL"] = failures.TryGetValue("an id that cannot be sent in a URL", out var bad) ? bad + 1 : 1;
                    continue;
                }
                string? state = null;
                if (result.Succeeded && result.Body is JsonElement body && body.ValueKind == JsonValueKind.Object
                    && body.TryGetProperty("perUserMfaState", out var value) && value.ValueKind == JsonValueKind.String)
                    state = value.GetString();
                if (state != null)
                {
                    states[user.Id] = state;
                    continue;
                }
                unreadable.Add(user.Id);
                var cause = result.Succeeded ? "an answer without perUserMfaState" : $"HTTP {result.Status}{(result.ErrorCode == null ? string.Empty : " " + result.ErrorCode)}";
                failures[cause] = failures.TryGetValue(cause, out var n) ? n + 1 : 1;
            }
            if (unreadable.Count > 0)
            {
                var causes = string.Join(", ", failures.Select(f => $"{f.Value} × {f.Key}"));
                lock (warnings)
                    warnings.Add($"Tenant {tenant.Label}: the per-user MFA state of {unreadable.Count} user(s) could not be read ({causes}); their verdicts count per-user MFA as off. Reading it needs Policy.Read.All and a Global Reader or Authentication Policy Administrator role.");
            }
        }
    }
}
