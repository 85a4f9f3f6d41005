using System.Net.Http;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Http
{
    /// <summary>Turns what the HTTP pipeline gave up on into errors that say what happened and what to do.</summary>
    public static class TransportErrors
    {
        public static PartnerSecurityException Translate(HttpRequestException exception, object? target)
        {
            switch (exception)
            {
                case MalformedResponseException malformed:
                    return new PartnerSecurityException("ResponseMalformed", ErrorKind.InvalidData, malformed.Message,
                        "Run the command again. If it keeps happening, something between this computer and Microsoft (a proxy, a gateway) may be altering answers.",
                        malformed, target);
                case AmbiguousRequestException ambiguous:
                    return new PartnerSecurityException("RequestOutcomeUnknown", ErrorKind.ConnectionError, ambiguous.Message,
                        "Run the command again: it looks for what already exists before creating anything.", ambiguous, target);
                default:
                    return new PartnerSecurityException("TenantUnreachable", ErrorKind.ConnectionError, exception.Message,
                        "Check the network connection and run the command again.", exception, target);
            }
        }
    }
}
