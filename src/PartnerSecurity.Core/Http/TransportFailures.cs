using System;
using System.Net.Http;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Every attempt came back with an answer that cannot be read: a body cut short, HTML where JSON was asked
    /// for, an empty body declared as JSON. Nothing of it was used.
    /// </summary>
    public sealed class MalformedResponseException : HttpRequestException
    {
        public MalformedResponseException(string message, Exception? inner = null) : base(message, inner) { }
    }

    /// <summary>
    /// A request that must not be applied twice (creating an object, adding a secret) failed after it may have
    /// reached the server (the connection dropped while the answer was read, no answer in time, an unreadable
    /// answer). It was not sent again: whoever sent it checks what exists before trying again.
    /// </summary>
    public sealed class AmbiguousRequestException : HttpRequestException
    {
        public AmbiguousRequestException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
