using System;
using System.Text.RegularExpressions;

namespace PartnerSecurity.Connections
{
    /// <summary>A tenant is named by its GUID or by one of its domain names; nothing else reaches the network.</summary>
    public static class TenantIdentifier
    {
        private static readonly Regex s_domain = new Regex(
            @"^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);

        public static bool IsValid(string? value) =>
            !string.IsNullOrWhiteSpace(value) && (Guid.TryParse(value!.Trim(), out _) || s_domain.IsMatch(value.Trim()));

        /// <summary>
        /// The form sent on the wire: a GUID in any of .NET's spellings ({...}, (...), 32 digits without dashes, the
        /// hexadecimal form) becomes the canonical lower-case 8-4-4-4-12 form, a domain is trimmed; anything else is
        /// returned unchanged for <see cref="IsValid"/> to refuse.
        /// </summary>
        public static string Normalize(string value)
        {
            var trimmed = value.Trim();
            if (Guid.TryParse(trimmed, out var guid)) return guid.ToString("D");
            return s_domain.IsMatch(trimmed) ? trimmed : value;
        }

        public const string ExpectedFormat = "a tenant id (a GUID such as 8e8d3f5a-1c2b-4d3e-9f00-112233445566) or a domain name (contoso.onmicrosoft.com)";
    }
}
