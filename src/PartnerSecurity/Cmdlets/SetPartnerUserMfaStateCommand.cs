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
    /// each after ShouldProcess; one error per user that cannot be set. Disabling per-user MFA where it is a user's
    /// only MFA coverage (worked out by the evaluator's what-if) is said in a warning and asked as a high-impact
    /// change: confirmed even when $ConfirmPreference is High, unless -Force or -Confirm:$false.
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

        /// <summary>Disable per-user MFA without asking, even where it is a user's only MFA coverage (-WhatIf still only reports).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        private bool? _confirm;
        private bool _preferenceAsks;

        protected override string ProgressActivity => "Setting per-user MFA";

        private protected override void BeginTenants()
        {
            _confirm = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) ? LanguagePrimitives.IsTrue(confirm) : (bool?)null;
            // A high-impact change is confirmed unless $ConfirmPreference is None; Medium or Low already made ShouldProcess ask.
            var preference = GetVariableValue("ConfirmPreference");
            _preferenceAsks = !(preference is ConfirmImpact impact) || impact == ConfirmImpact.High;
        }
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
            var loss = wanted == "disabled" ? await CoverageLossAsync(connection, tenant, users, states, activity, cancellationToken).ConfigureAwait(false) : null;
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
                var action = $"Set per-user MFA to {Capitalize(wanted)} (now {(current == null ? "unknown" : Capitalize(current))})";
                bool losing = loss != null && loss.Loses(user.Id);
                if (losing) action += ": the user would lose their only MFA coverage";
                if (!await Pump.ShouldProcessAsync(target, action).ConfigureAwait(false)) continue;
                if (losing && !await ConfirmLossAsync(tenant, user).ConfigureAwait(false)) continue;
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

        /// <summary>
        /// Who would lose their only MFA coverage if per-user MFA were disabled for these users: the tenant's MFA data
        /// (per-user states as just read) evaluated as it is and with their per-user MFA disabled. Warns, naming them.
        /// </summary>
        private async Task<SecurityDefaults.CoverageLoss?> CoverageLossAsync(PartnerConnection connection, TenantTarget tenant, IReadOnlyList<MfaUser> users,
            IReadOnlyDictionary<string, string?> states, TenantActivity activity, CancellationToken cancellationToken)
        {
            var on = users.Where(u => states[u.Id] == "enabled" || states[u.Id] == "enforced").ToList();
            if (on.Count == 0) return null;
            activity.Report("Working out who would lose MFA coverage");
            var notes = new List<string>();
            var data = await MfaPostureReader.ReadAsync(connection, tenant, new MfaReadOptions { PerUserMfa = PerUserMfaNeed.None }, activity, notes, cancellationToken).ConfigureAwait(false);
            foreach (var note in notes) Pump.Verbose(note);
            var known = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var user in users)
                if (states[user.Id] is string state) known[user.Id] = state;
            data.PerUserMfaStates = known;
            var loss = SecurityDefaults.CoverageLoss.PerUserMfaDisabled(data, on.Select(u => u.Id), tenant.Label);
            if (loss.UserCount > 0) Pump.Warning(loss.Details);
            return loss;
        }

        /// <summary>The high-impact confirmation for a user who would lose their only coverage; -Force, -Confirm:$false or -WhatIf settle it.</summary>
        private async Task<bool> ConfirmLossAsync(TenantTarget tenant, MfaUser user)
        {
            // -WhatIf: ShouldProcess has already said what would happen and returned false; -Confirm asked already.
            if (Force || _confirm == false || _confirm == true || !_preferenceAsks) return true;
            try
            {
                return await Pump.ShouldContinueAsync(
                    $"Per-user MFA is the only thing that requires MFA of {user.UserPrincipalName} in {tenant.Label}: after this change nothing would. Disable it anyway?",
                    "Remove a user's only MFA coverage").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException || ex is NotImplementedException)
            {
                Pump.WriteError(ErrorRecords.Create("ConfirmationRequired", ErrorKind.InvalidOperation,
                    $"Per-user MFA was not disabled for {user.UserPrincipalName} in {tenant.Label}: it is their only MFA coverage, and this host cannot ask for confirmation.",
                    "Run it interactively, or add -Force (or -Confirm:$false) to disable it without asking.", user.UserPrincipalName));
                return false;
            }
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
