using System;
using System.Net.Http;
using System.Net.Sockets;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Which requests may be sent twice. Reads, PUT, DELETE and Graph's PATCH (it sets properties: the same
    /// PATCH again leaves the same state) may; so may the POSTs that only read or whose repetition is harmless:
    /// token requests, Graph $batch (the module batches only reads and PATCHes) and directoryObjects/getByIds.
    /// Any other POST creates something (an application, a secret, a membership) and is sent again only when
    /// the server cannot have received it.
    /// </summary>
    internal static class ResendRules
    {
        private static readonly string[] s_safePostSuffixes = { "/token", "/devicecode", "/$batch", "/getByIds" };

        public static bool IsSafe(HttpRequestMessage request)
        {
            if (!string.Equals(request.Method.Method, "POST", StringComparison.OrdinalIgnoreCase)) return true;
            var path = request.RequestUri?.AbsolutePath ?? string.Empty;
            foreach (var suffix in s_safePostSuffixes)
            {
                if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return true;
            }
            return false;
        }

        /// <summary>A connection failure that happened before anything was sent: the host was not found or refused to connect.</summary>
        public static bool NeverSent(HttpRequestException exception)
        {
            for (Exception? inner = exception.InnerException; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
            }
            return false;
        }
    }
}
