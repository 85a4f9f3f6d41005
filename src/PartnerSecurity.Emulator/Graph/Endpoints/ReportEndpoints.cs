using System;
using System.Linq;

namespace PartnerSecurity.Emulator.Graph.Endpoints
{
    /// <summary>
    /// GET /reports/authenticationMethods/userRegistrationDetails (v1.0 and beta), the bulk registration
    /// report, and one row by user id. A tenant without a premium licence gets the 403 that third-party
    /// code assumes (Authentication_RequestFromNonPremiumTenantOrB2CTenant; unverified for this report).
    /// </summary>
    internal static class ReportEndpoints
    {
        private const string Path = "/reports/authenticationMethods/userRegistrationDetails";

        // Page sizes and $top/$select support are undocumented for this report; these are the users limits.
        private static readonly CollectionPolicy s_policy = new CollectionPolicy("reports/authenticationMethods/userRegistrationDetails", "microsoft.graph.userRegistrationDetails")
        {
            DefaultPageSize = 100,
            MaxPageSize = 999,
            CountNeedsConsistencyLevel = false,
        }
        .Supports("$orderby", "$count")
        .Undocumented("$top", "$select", "$count")
        .WithProperties(GraphProperties.UserRegistrationDetails)
        .OrderedBy("userPrincipalName", "userDisplayName")
        .Filter("id", "eq")
        .Filter("isMfaCapable", "eq")
        .Filter("isMfaRegistered", "eq")
        .Filter("isPasswordlessCapable", "eq")
        .Filter("isSsprCapable", "eq")
        .Filter("isSsprEnabled", "eq")
        .Filter("isSsprRegistered", "eq")
        .Filter("isSystemPreferredAuthenticationMethodEnabled", "eq")
        .Filter("methodsRegistered", "any", "eq")
        .Filter("systemPreferredAuthenticationMethods", "any")
        .Filter("userPreferredMethodForSecondaryAuthentication", "eq", "any")
        .Filter("userPrincipalName", "eq", "startswith")
        .Filter("userDisplayName", "eq", "startswith");

        public static void Register(GraphService graph)
        {
            graph.Map("*", "GET", Path, (r, call) =>
            {
                RequirePremium(call);
                return call.Collection(call.Tenant.Snapshot.UserRegistrationDetails, s_policy);
            });
            graph.Map("*", "GET", Path + "/(?<id>[^/]+)", (r, call) =>
            {
                RequirePremium(call);
                var id = r.Route("id");
                var row = call.Tenant.Snapshot.UserRegistrationDetails.FirstOrDefault(d => string.Equals((string?)d["id"], id, StringComparison.OrdinalIgnoreCase))
                    ?? throw GraphException.NotFound($"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
                return call.Entity(row, "reports/authenticationMethods/userRegistrationDetails/$entity");
            });
        }

        private static void RequirePremium(GraphCall call)
        {
            if (!call.Tenant.PremiumLicense)
                throw GraphException.Forbidden("Neither tenant is B2C or tenant doesn't have premium license", "Authentication_RequestFromNonPremiumTenantOrB2CTenant");
        }
    }
}
