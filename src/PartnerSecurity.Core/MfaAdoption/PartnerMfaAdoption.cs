using System;
using PartnerSecurity.Output;

namespace PartnerSecurity.MfaAdoption
{
    /// <summary>
    /// One application's App+User calls to Partner Center, day by day, with and without MFA: the work list of
    /// integrations that Partner Center's MFA enforcement (since April 2026) breaks.
    /// </summary>
    public sealed class ApplicationMfaAdoption
    {
        public const string AllWithMfa = "All calls with MFA";
        public const string SomeWithoutMfa = "Calls without MFA";

        public string ApplicationId { get; set; } = string.Empty;
        /// <summary>As Partner Center sends it: often empty.</summary>
        public string ApplicationName { get; set; } = string.Empty;
        /// <summary>The name, or the application id when Partner Center gives none.</summary>
        public string DisplayName => ApplicationName.Length > 0 ? ApplicationName : ApplicationId;
        public long TotalRequests { get; set; }
        public long MfaRequests { get; set; }
        public long NonMfaRequests => TotalRequests - MfaRequests;
        /// <summary>Whether every App+User call of the period carried MFA.</summary>
        public bool AllCallsWithMfa => NonMfaRequests == 0;
        public string Status => AllCallsWithMfa ? AllWithMfa : SomeWithoutMfa;
        public DateTime FirstDate { get; set; }
        public DateTime LastDate { get; set; }
        /// <summary>The last day with a call without MFA; null when there was none.</summary>
        public DateTime? LastDateWithoutMfa { get; set; }
        public JoinedList<ApplicationMfaAdoptionDay> Days { get; set; } = Array.Empty<ApplicationMfaAdoptionDay>();
        /// <summary>What to do about it; null when every call carried MFA.</summary>
        public string? Recommendation { get; set; }

        public override string ToString() => $"{DisplayName}: {Status}";
    }

    /// <summary>One application's App+User calls on one day.</summary>
    public sealed class ApplicationMfaAdoptionDay
    {
        public DateTime Date { get; set; }
        public long TotalRequests { get; set; }
        public long MfaRequests { get; set; }
        public long NonMfaRequests => TotalRequests - MfaRequests;

        public override string ToString() => $"{Date:yyyy-MM-dd}: {MfaRequests} of {TotalRequests} with MFA";
    }

    /// <summary>A partner user who used Partner Center (the portal or the API) without MFA in the last 7 days.</summary>
    public sealed class NonMfaPartnerUser
    {
        public string UserPrincipalName { get; set; } = string.Empty;
        public string? ObjectId { get; set; }
        public string? TenantId { get; set; }
        public DateTimeOffset LastRequestWithoutMfa { get; set; }

        public override string ToString() => UserPrincipalName;
    }

    /// <summary>One App+User request to Partner Center in the last 7 days, and whether it carried MFA.</summary>
    public sealed class PartnerApiRequest
    {
        public DateTimeOffset RequestDateTime { get; set; }
        public string OperationName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string ApplicationId { get; set; } = string.Empty;
        public bool MfaCompliant { get; set; }
        /// <summary>Partner Center names it sourceIpAddress or ipAddress depending on the version of its documentation; either is read.</summary>
        public string? SourceIpAddress { get; set; }
        public string? RequestId { get; set; }
        public string? CorrelationId { get; set; }
        public string? ObjectId { get; set; }
        public string? TenantId { get; set; }

        public override string ToString() => $"{RequestDateTime:u} {OperationName} by {UserPrincipalName}";
    }
}
