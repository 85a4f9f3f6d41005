using System;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// An access token held by the core. Its value is internal: nothing in the PowerShell layer can read it,
    /// print it, or put it on an output object.
    /// </summary>
    public sealed class AccessToken
    {
        internal AccessToken(string value, DateTimeOffset expiresOn)
        {
            Value = value;
            ExpiresOn = expiresOn;
            Claims = TokenClaims.Parse(value);
        }

        internal string Value { get; }
        public DateTimeOffset ExpiresOn { get; }
        public TokenClaims Claims { get; }

        public override string ToString() => $"Access token for {Claims.Audience} (tenant {Claims.TenantId}), expires {ExpiresOn:u}";
    }
}
