using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Mfa;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.SecurityAlerts;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.SignIns;
using PartnerSecurity.SpendingBudgets;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Assessment
{
    /// <summary>What an assessment reads beyond the MFA posture.</summary>
    public sealed class AssessmentOptions
    {
        /// <summary>Read sign-in logs: legacy authentication (30 days) and single-factor sign-ins (7 days).</summary>
        public bool IncludeSignIns { get; set; }
        /// <summary>The scanner's findings in the scripts given; null when no script was given.</summary>
        public Outcome<ScriptScan>? Scripts { get; set; }
        /// <summary>The stored Secure Application Model tokens' status; null when not read.</summary>
        public Outcome<IReadOnlyList<SecureAppModelTokenStatus>>? Tokens { get; set; }
        /// <summary>A what-if to assess the tenants as if it were made.</summary>
        public MfaScenario? Scenario { get; set; }
    }

    /// <summary>
    /// One Invoke-PartnerSecurityAssessment run: the partner-wide reads (Microsoft's score, customer insights, alerts,
    /// MFA adoption, the connection's token) start once, at the first tenant, and every tenant waits for them; each
    /// tenant then reads its MFA posture (which fails the tenant when unreadable), its budget and its sign-ins. Every
    /// other read that fails becomes Unknown with the reason.
    /// </summary>
    public sealed class AssessmentRun
    {
        private readonly PartnerConnection _connection;
        private readonly AssessmentOptions _options;
        private readonly object _gate = new object();
        private Task<PartnerReads>? _partner;

        public AssessmentRun(PartnerConnection connection, AssessmentOptions options)
        {
            _connection = connection;
            _options = options;
        }

        private sealed class PartnerReads
        {
            public Outcome<PartnerSecurityScore> Score = null!;
            public Outcome<IReadOnlyList<CustomerMfaInsight>> Insights = null!;
            public Outcome<IReadOnlyList<PartnerSecurityAlert>> Alerts = null!;
            public Outcome<IReadOnlyList<ApplicationMfaAdoption>> Adoption = null!;
            public Outcome<PartnerSecurityRequirementResult> Token = null!;
        }

        private async Task<PartnerReads> ReadPartnerAsync(CancellationToken ct)
        {
            var score = Try(() => SecurityScoreReader.ReadScoreAsync(_connection, ct));
            var insights = Try(() => SecurityScoreReader.ReadCustomerInsightsAsync(_connection, ct));
            var alerts = Try(() => SecurityAlertClient.ListAsync(_connection, new AlertFilter(), ct));
            var adoption = Try(() => PartnerMfaAdoptionReader.ReadApplicationsAsync(_connection, ct));
            var token = Try(async () => PartnerSecurityRequirement.Test((await _connection.Tokens.AcquireAsync(ApiResource.Graph, _connection.HomeTenantId, ct).ConfigureAwait(false)).Claims));
            return new PartnerReads
            {
                Score = await score.ConfigureAwait(false),
                Insights = await insights.ConfigureAwait(false),
                Alerts = await alerts.ConfigureAwait(false),
                Adoption = await adoption.ConfigureAwait(false),
                Token = await token.ConfigureAwait(false),
            };
        }

        /// <summary>A read whose known failure becomes the reason of an Unknown (cancellation and bugs still throw).</summary>
        private static async Task<Outcome<T>> Try<T>(Func<Task<T>> read)
        {
            try
            {
                return Outcome<T>.Of(await read().ConfigureAwait(false));
            }
            catch (PartnerSecurityException ex)
            {
                return Outcome<T>.Failed(ex.Message);
            }
        }

        /// <summary>One tenant's assessment; throws when its MFA posture cannot be read (<see cref="Unreadable"/> then gives its object).</summary>
        public async Task<TenantAssessment> AssessAsync(TenantTarget tenant, TenantActivity activity, CancellationToken cancellationToken)
        {
            Task<PartnerReads> partnerTask;
            // Every tenant of a run shares the cmdlet's token, so the first one's cancels the partner-wide reads too.
            lock (_gate) partnerTask = _partner ??= ReadPartnerAsync(cancellationToken);
            var mfaOptions = new MfaReadOptions { Scenario = _options.Scenario, PerUserMfa = PerUserMfaNeed.WhereVerdictDepends };
            var mfaTask = MfaPostureReader.GetAsync(_connection, tenant, mfaOptions, activity, cancellationToken);
            var budgetTask = tenant.IsHome ? null : Try(() => SpendingBudgetClient.GetAsync(_connection, tenant.Id, cancellationToken));
            Task<Outcome<IReadOnlyList<LegacyAuthUsage>>>? legacyTask = null;
            Task<Outcome<IReadOnlyList<SignInActivity>>>? singleTask = null;
            var now = _connection.Now;
            if (_options.IncludeSignIns)
            {
                legacyTask = Try(() => ReadLegacyAsync(tenant, now, cancellationToken));
                singleTask = Try(() => ReadSingleFactorAsync(tenant, now, cancellationToken));
            }
            var mfa = await mfaTask.ConfigureAwait(false);
            activity.Report("Reading Microsoft's score, alerts and budgets");
            var partner = await partnerTask.ConfigureAwait(false);
            var inputs = new AssessmentInputs(tenant, now)
            {
                Mfa = Outcome<MfaTenantResult>.Of(mfa),
                Alerts = ForTenant(partner.Alerts, tenant),
                Budget = budgetTask == null ? null : await budgetTask.ConfigureAwait(false),
                LegacyAuth = legacyTask == null ? null : await legacyTask.ConfigureAwait(false),
                SingleFactor = singleTask == null ? null : await singleTask.ConfigureAwait(false),
            };
            if (tenant.IsHome)
            {
                inputs.Score = partner.Score;
                inputs.Adoption = partner.Adoption;
                inputs.ConnectedToken = partner.Token;
                inputs.Tokens = _options.Tokens;
                inputs.Scripts = _options.Scripts;
            }
            else
            {
                inputs.Insight = partner.Insights.Succeeded
                    ? Outcome<CustomerMfaInsight?>.Of(partner.Insights.Value!.FirstOrDefault(i => string.Equals(i.TenantId, tenant.Id, StringComparison.OrdinalIgnoreCase)))
                    : Outcome<CustomerMfaInsight?>.Failed(partner.Insights.Failure!);
            }
            return AssessmentBuilder.Build(inputs);
        }

        /// <summary>The object of a tenant that could not be read: every requirement of the tenant Unknown with the reason.</summary>
        public TenantAssessment Unreadable(TenantTarget tenant, string reason, string? remedy)
        {
            var failed = reason;
            var inputs = new AssessmentInputs(tenant, _connection.Now)
            {
                Mfa = Outcome<MfaTenantResult>.Failed(failed),
                UnreadableRemedy = remedy,
                Alerts = Outcome<IReadOnlyList<PartnerSecurityAlert>>.Failed(failed),
                Budget = tenant.IsHome ? null : Outcome<decimal?>.Failed(failed),
                LegacyAuth = _options.IncludeSignIns ? Outcome<IReadOnlyList<LegacyAuthUsage>>.Failed(failed) : null,
                SingleFactor = _options.IncludeSignIns ? Outcome<IReadOnlyList<SignInActivity>>.Failed(failed) : null,
            };
            if (tenant.IsHome)
            {
                inputs.Score = Outcome<PartnerSecurityScore>.Failed(failed);
                inputs.Adoption = Outcome<IReadOnlyList<ApplicationMfaAdoption>>.Failed(failed);
                inputs.ConnectedToken = Outcome<PartnerSecurityRequirementResult>.Failed(failed);
                inputs.Tokens = _options.Tokens;
                inputs.Scripts = _options.Scripts;
            }
            return AssessmentBuilder.Build(inputs);
        }

        private static Outcome<IReadOnlyList<PartnerSecurityAlert>> ForTenant(Outcome<IReadOnlyList<PartnerSecurityAlert>> alerts, TenantTarget tenant)
        {
            if (!alerts.Succeeded || tenant.IsHome) return alerts;
            return Outcome<IReadOnlyList<PartnerSecurityAlert>>.Of(alerts.Value!.Where(a => string.Equals(a.CustomerTenantId, tenant.Id, StringComparison.OrdinalIgnoreCase)).ToList());
        }

        private async Task<IReadOnlyList<LegacyAuthUsage>> ReadLegacyAsync(TenantTarget tenant, DateTimeOffset now, CancellationToken ct)
        {
            var query = SignInQuery.Window(now, null, null, SignInQuery.Retention);
            query.IncludeNonInteractive = true;
            query.LegacyAuthOnly = true;
            var rollup = new LegacyAuthRollup();
            await foreach (var signIn in SignInReader.ReadAsync(_connection, tenant, query, null, ct).ConfigureAwait(false)) rollup.Add(signIn);
            return rollup.Rows();
        }

        private async Task<IReadOnlyList<SignInActivity>> ReadSingleFactorAsync(TenantTarget tenant, DateTimeOffset now, CancellationToken ct)
        {
            var query = SignInQuery.Window(now, null, null, SignInQuery.DefaultWindow);
            query.SingleFactorOnly = true;
            query.SucceededOnly = true;
            var list = new List<SignInActivity>();
            await foreach (var signIn in SignInReader.ReadAsync(_connection, tenant, query, null, ct).ConfigureAwait(false)) list.Add(signIn);
            return list;
        }
    }
}
