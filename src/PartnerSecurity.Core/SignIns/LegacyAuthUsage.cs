using System;
using System.Collections.Generic;
using System.Linq;
using PartnerSecurity.Output;

namespace PartnerSecurity.SignIns
{
    /// <summary>
    /// One user's use of one legacy client over the window read: the list a partner works through before
    /// blocking legacy authentication (move the client to modern authentication, or retire it).
    /// </summary>
    public sealed class LegacyAuthUsage
    {
        public string TenantId { get; set; } = string.Empty;
        public string TenantName { get; set; } = string.Empty;
        public string UserPrincipalName { get; set; } = string.Empty;
        public string? UserDisplayName { get; set; }
        public string? UserId { get; set; }
        /// <summary>The legacy client as Entra ID names it (IMAP4, POP3, Authenticated SMTP, Exchange ActiveSync...).</summary>
        public string ClientAppUsed { get; set; } = string.Empty;
        public int SignInCount { get; set; }
        /// <summary>Sign-ins that succeeded: the ones that would break when legacy authentication is blocked.</summary>
        public int SuccessCount { get; set; }
        public DateTimeOffset FirstSeen { get; set; }
        public DateTimeOffset LastSeen { get; set; }
        /// <summary>The applications signed in to, by name.</summary>
        public TextList Applications { get; set; } = TextList.Empty;

        public override string ToString() => $"{UserPrincipalName} {ClientAppUsed}: {SignInCount} ({SuccessCount} succeeded)";
    }

    /// <summary>
    /// Rolls sign-ins up into <see cref="LegacyAuthUsage"/> rows, one per user and legacy client. Pure: sign-ins
    /// in, rows out; memory grows with the number of (user, client) pairs, not with the number of sign-ins.
    /// </summary>
    public sealed class LegacyAuthRollup
    {
        private readonly Dictionary<(string User, string Client), Row> _rows = new Dictionary<(string, string), Row>(new KeyComparer());

        /// <summary>Sign-ins seen, legacy or not.</summary>
        public long SignInsSeen { get; private set; }

        /// <summary>Counts a sign-in if it used a legacy client; modern sign-ins are ignored.</summary>
        public void Add(SignInActivity signIn)
        {
            SignInsSeen++;
            if (!signIn.IsLegacyAuthentication) return;
            var user = string.IsNullOrEmpty(signIn.UserId) ? signIn.UserPrincipalName : signIn.UserId!;
            var key = (user, signIn.ClientAppUsed ?? string.Empty);
            if (!_rows.TryGetValue(key, out var row))
            {
                row = new Row(signIn);
                _rows[key] = row;
            }
            row.Add(signIn);
        }

        /// <summary>The rows, by user principal name then client.</summary>
        public IReadOnlyList<LegacyAuthUsage> Rows() =>
            _rows.Values.Select(r => r.ToUsage())
                .OrderBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(u => u.ClientAppUsed, StringComparer.OrdinalIgnoreCase)
                .ToList();

        private sealed class Row
        {
            private readonly LegacyAuthUsage _usage;
            private readonly SortedSet<string> _applications = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
            private DateTimeOffset _newestSeen = DateTimeOffset.MinValue;

            public Row(SignInActivity first)
            {
                _usage = new LegacyAuthUsage
                {
                    TenantId = first.TenantId,
                    TenantName = first.TenantName,
                    UserId = first.UserId,
                    ClientAppUsed = first.ClientAppUsed ?? string.Empty,
                    FirstSeen = DateTimeOffset.MaxValue,
                    LastSeen = DateTimeOffset.MinValue,
                };
            }

            public void Add(SignInActivity signIn)
            {
                _usage.SignInCount++;
                if (signIn.Succeeded) _usage.SuccessCount++;
                if (signIn.CreatedDateTime < _usage.FirstSeen) _usage.FirstSeen = signIn.CreatedDateTime;
                if (signIn.CreatedDateTime > _usage.LastSeen) _usage.LastSeen = signIn.CreatedDateTime;
                if (!string.IsNullOrEmpty(signIn.AppDisplayName)) _applications.Add(signIn.AppDisplayName!);
                // The user's names as of their latest sign-in (a renamed user keeps one row).
                if (signIn.CreatedDateTime >= _newestSeen)
                {
                    _newestSeen = signIn.CreatedDateTime;
                    _usage.UserPrincipalName = signIn.UserPrincipalName;
                    _usage.UserDisplayName = signIn.UserDisplayName;
                }
            }

            public LegacyAuthUsage ToUsage()
            {
                _usage.Applications = _applications.ToArray();
                return _usage;
            }
        }

        private sealed class KeyComparer : IEqualityComparer<(string User, string Client)>
        {
            public bool Equals((string User, string Client) x, (string User, string Client) y) =>
                string.Equals(x.User, y.User, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Client, y.Client, StringComparison.OrdinalIgnoreCase);

            public int GetHashCode((string User, string Client) key) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(key.User) * 31 + StringComparer.OrdinalIgnoreCase.GetHashCode(key.Client);
        }
    }
}
