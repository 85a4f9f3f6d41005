using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.Runtime;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Sets users' per-user MFA state (Disabled, Enabled, Enforced) in the connected tenant or in customer tenants.
    /// Users come by user principal name, from the pipeline too (a verdict of Get-PartnerMfaStatus carries the
    /// UserPrincipalName and TenantId it needs); they are resolved in bulk, their states written through $batch,
    /// each after ShouldProcess; one error per user that cannot be set.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "PartnerUserMfaState", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = TenantSet)]
    [OutputType(typeof(UserMfaState))]
    public sealed class SetPartnerUserMfaStateCommand : TenantScopedCmdlet
    {
        private readonly TenantUsers _users = new TenantUsers();
        private readonly HashSet<string> _searched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>The users to change.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string[] UserPrincipalName { get; set; } = Array.Empty<string>();

        /// <summary>The per-user MFA state to set.</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("Disabled", "Enabled", "Enforced", IgnoreCase = true)]
        public string State { get; set; } = string.Empty;

        protected override string ProgressActivity => "Setting per-user MFA";
        protected override string? EvaluatedUnit => "users";

        protected override void ProcessRecord()
        {
            RecordUsers(_users, UserPrincipalName);
            base.ProcessRecord();
        }

        private protected override async Task<TenantOutput> ProcessTenantAsync(PartnerConnection connection, TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            var upns = _users.For(tenant) ?? Array.Empty<string>();
            if (upns.Count == 0) return new TenantOutput(Array.Empty<object>());
            activity.Report($"Looking up {upns.Count} user(s)");
            var found = await PerUserMfaWriter.FindUsersAsync(connection, tenant, upns, cancellationToken).ConfigureAwait(false);
            lock (_searched)
            {
                foreach (var upn in upns) _searched.Add(upn);
                foreach (var upn in found.Keys) _found.Add(upn);
            }
            var users = upns.Where(found.ContainsKey).Select(u => found[u]).ToList();
            if (users.Count == 0) return new TenantOutput(Array.Empty<object>());

            activity.Report($"Reading the per-user MFA state of {users.Count} user(s)");
            var states = await PerUserMfaWriter.ReadStatesAsync(connection, tenant, users, cancellationToken).ConfigureAwait(false);
            var wanted = State.ToLowerInvariant();
            var results = new List<object>();
            var toWrite = new List<MfaUser>();
            foreach (var user in users)
            {
                var current = states[user.Id];
                if (current == wanted)
                {
                    Pump.Verbose($"{user.UserPrincipalName} in {tenant.Label} already has per-user MFA {wanted}: nothing was changed.");
                    results.Add(Result(tenant, user, wanted, current, changed: false));
                    continue;
                }
                var target = $"{user.UserPrincipalName} in {tenant.Label}";
                if (await Pump.ShouldProcessAsync(target, $"Set per-user MFA to {Capitalize(wanted)} (now {(current == null ? "unknown" : Capitalize(current))})").ConfigureAwait(false))
                    toWrite.Add(user);
            }
            if (toWrite.Count > 0)
            {
                activity.Report($"Setting per-user MFA to {wanted} for {toWrite.Count} user(s)");
                var written = await PerUserMfaWriter.WriteAsync(connection, tenant, toWrite.Select(u => u.Id).ToList(), wanted,
                    done => activity.Report($"Per-user MFA: {done} of {toWrite.Count} user(s) set"), cancellationToken).ConfigureAwait(false);
                foreach (var user in toWrite)
                {
                    var result = written[user.Id];
                    if (result.Succeeded) results.Add(Result(tenant, user, wanted, states[user.Id], changed: true));
                    else Pump.WriteError(ErrorRecords.From(PerUserMfaWriter.WriteError(result, tenant, user.UserPrincipalName)));
                }
            }
            return new TenantOutput(results, evaluated: users.Count);
        }

        private protected override void EndTenants(CmdletPump pump)
        {
            foreach (var upn in _users.AllNamed())
            {
                bool searched, found;
                lock (_searched)
                {
                    searched = _searched.Contains(upn);
                    found = _found.Contains(upn);
                }
                if (searched && !found)
                    pump.WriteError(ErrorRecords.Create("UserNotFound", ErrorKind.ObjectNotFound,
                        $"No user '{upn}' in the tenants looked in; nothing was changed for it.",
                        "Check the user principal name, or name the user's tenant with -CustomerTenantId.", upn));
            }
        }

        private static UserMfaState Result(TenantTarget tenant, MfaUser user, string state, string? previous, bool changed) => new UserMfaState
        {
            TenantId = tenant.Id,
            TenantName = tenant.Name ?? tenant.Id,
            UserPrincipalName = user.UserPrincipalName,
            DisplayName = user.DisplayName,
            UserId = user.Id,
            PerUserMfaState = state,
            PreviousState = previous,
            Changed = changed,
        };

        private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);
    }
}
