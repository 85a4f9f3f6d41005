using System.Linq;
using System.Management.Automation;
using PartnerSecurity.MfaAdoption;
using PartnerSecurity.Runtime;

namespace PartnerSecurity.Cmdlets
{
    /// <summary>
    /// Partner Center's MFA telemetry of the partner's own App+User traffic: per application (default), the partner
    /// users seen without MFA (-User), or the requests (-Request). The work list of integrations that Partner Center's
    /// MFA enforcement breaks.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PartnerMfaAdoption", DefaultParameterSetName = ApplicationSet)]
    [OutputType(typeof(ApplicationMfaAdoption), ParameterSetName = new[] { ApplicationSet })]
    [OutputType(typeof(NonMfaPartnerUser), ParameterSetName = new[] { UserSet })]
    [OutputType(typeof(PartnerApiRequest), ParameterSetName = new[] { RequestSet })]
    public sealed class GetPartnerMfaAdoptionCommand : PartnerSecurityCmdlet
    {
        private const string ApplicationSet = "Application";
        private const string UserSet = "User";
        private const string RequestSet = "Request";

        /// <summary>One row per application: its App+User calls with and without MFA (the default).</summary>
        [Parameter(ParameterSetName = ApplicationSet)]
        public SwitchParameter Application { get; set; }

        /// <summary>The partner users who used Partner Center without MFA in the last 7 days.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UserSet)]
        public SwitchParameter User { get; set; }

        /// <summary>The App+User requests of the last 7 days, each with whether it carried MFA.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RequestSet)]
        public SwitchParameter Request { get; set; }

        /// <summary>Only what went without MFA: applications with such calls, or such requests.</summary>
        [Parameter]
        public SwitchParameter NonMfaOnly { get; set; }

        protected override void EndProcessing()
        {
            var connection = RequireConnection();
            Run(async (pump, ct) =>
            {
                switch (ParameterSetName)
                {
                    case UserSet:
                        foreach (var user in await PartnerMfaAdoptionReader.ReadNonMfaUsersAsync(connection, ct).ConfigureAwait(false)) pump.WriteObject(user);
                        break;
                    case RequestSet:
                        var requests = await PartnerMfaAdoptionReader.ReadRequestsAsync(connection, ct).ConfigureAwait(false);
                        foreach (var request in requests.Where(r => !NonMfaOnly || !r.MfaCompliant)) pump.WriteObject(request);
                        break;
                    default:
                        var applications = await PartnerMfaAdoptionReader.ReadApplicationsAsync(connection, ct).ConfigureAwait(false);
                        var withoutMfa = applications.Where(a => !a.AllCallsWithMfa).ToList();
                        if (withoutMfa.Count > 0)
                            pump.Warning($"{withoutMfa.Count} application(s) still call Partner Center without MFA, which it refuses since April 2026: " +
                                string.Join(", ", withoutMfa.Select(a => a.DisplayName)) + ". Move them to the Secure Application Model (see each one's Recommendation).");
                        foreach (var application in applications.Where(a => !NonMfaOnly || !a.AllCallsWithMfa)) pump.WriteObject(application);
                        break;
                }
            });
        }
    }
}
