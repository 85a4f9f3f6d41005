using System;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Graph
{
    /// <summary>Turns Graph failures into errors that name the tenant and say what to do.</summary>
    public static class GraphErrors
    {
        public static PartnerSecurityException Translate(ApiException ex, string tenantId, string operation) =>
            Translate(ex.ResponseStatusCode, (ex as ODataError)?.Error?.Code, (ex as ODataError)?.Error?.Message ?? ex.Message, ex, tenantId, operation);

        /// <summary>
        /// What to do about Graph's 403 for an operation that needs a permission and one of some directory roles: in the
        /// partner's own tenant, a role of the signed-in account; in a customer tenant, a role of the GDAP relationship
        /// that reaches the partner user through the access assignment of their security group.
        /// </summary>
        public static string AccessAction(Tenants.TenantTarget tenant, string permission, string roles) => tenant.IsHome
            ? $"This needs the {permission} permission and the {roles} role: connect with an account that holds the role (or activate it in Privileged Identity Management), and consent to the permission (Connect-PartnerSecurity -Scopes {permission}); an application needs {permission} as an application permission with admin consent."
            : $"This needs the {roles} role in {tenant.Label} through GDAP: add it to your GDAP relationship with the customer and to the access assignment of the security group you belong to (Partner Center > Customers > {tenant.Label} > Admin relationships), or ask the customer's administrator to make the change. The module already asks for the {permission} permission.";

        /// <summary>The same translation for a response read without the SDK (raw JSON calls, $batch items).</summary>
        public static PartnerSecurityException Translate(int status, string? errorCode, string message, Exception? ex, string tenantId, string operation)
        {
            string code = errorCode ?? string.Empty;
            var detail = $"{operation} failed in tenant '{tenantId}': {message}" + (code.Length > 0 ? $" ({code}, HTTP {status})" : $" (HTTP {status})");
            if (code == "Authentication_RequestFromNonPremiumTenantOrB2CTenant")
                return new PartnerSecurityException(ErrorIds.PremiumLicenseRequired, ErrorKind.PermissionDenied, detail,
                    "This report needs Microsoft Entra ID P1 or P2 in the tenant.", ex, tenantId);
            switch (status)
            {
                case 401:
                    return new PartnerSecurityException("GraphUnauthorized", ErrorKind.AuthenticationError, detail, "Run Connect-PartnerSecurity again.", ex, tenantId);
                case 403:
                    return new PartnerSecurityException(ErrorIds.GraphAccessDenied, ErrorKind.PermissionDenied, detail,
                        "Grant the signed-in account or application the permission this needs (see the cmdlet's help), or use a GDAP role that includes it.", ex, tenantId);
                case 404:
                    return new PartnerSecurityException(ErrorIds.GraphNotFound, ErrorKind.ObjectNotFound, detail, null, ex, tenantId);
                case 429:
                    return new PartnerSecurityException("GraphThrottled", ErrorKind.LimitsExceeded, detail, "Graph kept throttling after the retries; run again later or on fewer tenants at once.", ex, tenantId);
                default:
                    if (status >= 500)
                        return new PartnerSecurityException("GraphUnavailable", ErrorKind.ResourceUnavailable, detail, "Graph is unavailable; run again later.", ex, tenantId);
                    return new PartnerSecurityException(ErrorIds.GraphRequestFailed, ErrorKind.InvalidOperation, detail, null, ex, tenantId);
            }
        }
    }
}
