using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Runtime;
using PartnerSecurity.SignIns;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Base of the sign-in log cmdlets: the tenant scope, the time window (-StartDate, -EndDate; the connection's
    /// clock is "now") and the users (-UserPrincipalName, from the pipeline too, paired with each record's tenant).
    /// </summary>
    public abstract class SignInCommandBase : TenantScopedCmdlet
    {
        private protected readonly TenantUsers Users = new TenantUsers();

        /// <summary>The start of the window (the default window is the cmdlet's).</summary>
        [Parameter]
        public DateTime? StartDate { get; set; }

        /// <summary>The end of the window; now by default.</summary>
        [Parameter]
        public DateTime? EndDate { get; set; }

        /// <summary>Only these users' sign-ins.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("UPN")]
        [ValidateNotNullOrEmpty]
        public string[]? UserPrincipalName { get; set; }

        /// <summary>Only these users' sign-ins, by object id (a verdict of Get-PartnerMfaStatus carries it beside the UPN).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? UserId { get; set; }

        /// <summary>How far back the window reaches when -StartDate is not given.</summary>
        private protected abstract TimeSpan DefaultWindow { get; }

        protected override string? EvaluatedUnit => "sign-ins read";

        protected override void ProcessRecord()
        {
            RecordUsers(Users, UserPrincipalName, UserId);
            base.ProcessRecord();
        }

        /// <summary>The window as a query, or a terminating error for a window that ends before it starts.</summary>
        private protected SignInQuery Window()
        {
            var now = RequireConnection().Now;
            SignInQuery query;
            try
            {
                query = SignInQuery.Window(now, Utc(StartDate), Utc(EndDate), DefaultWindow);
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, EndDate));
                throw;
            }
            var oldest = now - SignInQuery.Retention;
            if (StartDate != null && query.Start < oldest)
                WriteWarning(string.Format(CultureInfo.InvariantCulture,
                    "Entra ID keeps sign-ins for 30 days (with Entra ID P1 or P2): nothing before {0:yyyy-MM-dd HH:mm} UTC can be read, however early -StartDate is.", oldest.UtcDateTime));
            return query;
        }

        /// <summary>The users asked for in this tenant as the sign-in reader takes them: null for everyone.</summary>
        private protected IReadOnlyList<SignInUser>? SignInUsers(Tenants.TenantTarget tenant) =>
            Users.Named(tenant)?.Select(u => new SignInUser(u.Upn, u.Id)).ToList();

        private static DateTimeOffset? Utc(DateTime? value) =>
            value is DateTime d ? new DateTimeOffset(d.Kind == DateTimeKind.Utc ? d : d.ToUniversalTime(), TimeSpan.Zero) : (DateTimeOffset?)null;
    }
}
