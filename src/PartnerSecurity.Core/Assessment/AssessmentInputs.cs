using System;
using System.Collections.Generic;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.Mfa;
using PartnerSecurity.SecureAppModel;
using PartnerSecurity.SecurityAlerts;
using PartnerSecurity.SecurityScore;
using PartnerSecurity.SignIns;
using PartnerSecurity.Tenants;

namespace PartnerSecurity.Assessment
{
    /// <summary>
    /// One read for the assessment: its value, or why it could not be read (the requirement is then Unknown with that
    /// reason), or not asked for (null <see cref="Outcome{T}"/> on the inputs).
    /// </summary>
    public sealed class Outcome<T>
    {
        private Outcome(T? value, string? failure)
        {
            Value = value;
            Failure = failure;
        }

        public T? Value { get; }
        /// <summary>Why the data could not be read; null when it was.</summary>
        public string? Failure { get; }
        public bool Succeeded => Failure == null;

        public static Outcome<T> Of(T value) => new Outcome<T>(value, null);
        public static Outcome<T> Failed(string reason) => new Outcome<T>(default, reason);
    }

    /// <summary>A finding of Find-PartnerCredentialUsage's scanner as the assessment needs it (the core does not reference the scanner).</summary>
    public sealed class ScriptFinding
    {
        public string Path { get; set; } = string.Empty;
        public int Line { get; set; }
        public string Kind { get; set; } = string.Empty;
        public string Severity { get; set; } = string.Empty;
        public string Recommendation { get; set; } = string.Empty;
    }

    /// <summary>What the scanner found in the scripts given, and the files it could not scan (each with why).</summary>
    public sealed class ScriptScan
    {
        public IReadOnlyList<ScriptFinding> Findings { get; set; } = Array.Empty<ScriptFinding>();
        public IReadOnlyList<string> Problems { get; set; } = Array.Empty<string>();
    }

    /// <summary>
    /// Everything one tenant's assessment is built from, read by the existing readers (MFA posture, Microsoft's score,
    /// alerts, budgets, MFA adoption, the token store, the connection's token, sign-in logs, the scanner). The
    /// partner-wide reads (score, alerts, adoption, tokens, scripts) are set on the partner tenant; a customer gets its
    /// insight, its alerts and its budget. A null outcome means not asked for.
    /// </summary>
    public sealed class AssessmentInputs
    {
        public AssessmentInputs(TenantTarget tenant, DateTimeOffset now)
        {
            Tenant = tenant;
            Now = now;
        }

        public TenantTarget Tenant { get; }
        public DateTimeOffset Now { get; }
        public Outcome<MfaTenantResult> Mfa { get; set; } = Outcome<MfaTenantResult>.Failed("the MFA posture was not read");
        /// <summary>For a tenant that could not be read at all: what its error recommends, the remedy of every requirement it left unknown.</summary>
        public string? UnreadableRemedy { get; set; }

        // The partner tenant.
        public Outcome<PartnerSecurityScore>? Score { get; set; }
        public Outcome<IReadOnlyList<ApplicationMfaAdoption>>? Adoption { get; set; }
        public Outcome<IReadOnlyList<SecureAppModelTokenStatus>>? Tokens { get; set; }
        public Outcome<PartnerSecurityRequirementResult>? ConnectedToken { get; set; }
        public Outcome<ScriptScan>? Scripts { get; set; }

        // The partner tenant (every alert) or a customer (its own).
        public Outcome<IReadOnlyList<PartnerSecurityAlert>>? Alerts { get; set; }

        // A customer tenant.
        /// <summary>Microsoft's customer insight; a null value when Microsoft has none for this customer.</summary>
        public Outcome<CustomerMfaInsight?>? Insight { get; set; }
        /// <summary>The customer's Azure spending budget; a null value when none is set.</summary>
        public Outcome<decimal?>? Budget { get; set; }

        // With -IncludeSignIns.
        public Outcome<IReadOnlyList<LegacyAuthUsage>>? LegacyAuth { get; set; }
        /// <summary>Successful single-factor sign-ins.</summary>
        public Outcome<IReadOnlyList<SignInActivity>>? SingleFactor { get; set; }
        /// <summary>The windows the sign-in logs were read over, for the evidence ("last 30 days").</summary>
        public TimeSpan LegacyAuthWindow { get; set; } = SignInQuery.Retention;
        public TimeSpan SingleFactorWindow { get; set; } = SignInQuery.DefaultWindow;
    }
}
