using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Graph;

namespace PartnerSecurity.SignIns
{
    /// <summary>
    /// Which sign-ins to read, and which of those filters Graph applies (the documented $filter forms of beta
    /// auditLogs/signIns joined by <c>and</c>) and which the reader applies itself (what Graph cannot express).
    /// </summary>
    public sealed class SignInQuery
    {
        /// <summary>How far back a read goes when no start is given.</summary>
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(7);
        /// <summary>How long Entra ID keeps sign-ins with P1 or P2 (7 days on Free, where Graph serves none).</summary>
        public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

        /// <summary>The dates a window may start and end between: wide enough for any log, narrow enough to compute with.</summary>
        public static readonly DateTimeOffset Earliest = new DateTimeOffset(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public static readonly DateTimeOffset Latest = new DateTimeOffset(9998, 12, 31, 0, 0, 0, TimeSpan.Zero);

        public SignInQuery(DateTimeOffset start, DateTimeOffset end)
        {
            CheckRange(start, "start");
            CheckRange(end, "end");
            if (end < start)
                throw new PartnerSecurityException("InvalidDateRange", ErrorKind.InvalidArgument,
                    $"The end date ({end:u}) is before the start date ({start:u}).", "Give -StartDate earlier than -EndDate.");
            Start = start.ToUniversalTime();
            End = end.ToUniversalTime();
        }

        /// <summary>The window ending now (the connection's clock) and reaching back <paramref name="defaultWindow"/> unless a start is given.</summary>
        public static SignInQuery Window(DateTimeOffset now, DateTimeOffset? start, DateTimeOffset? end, TimeSpan defaultWindow)
        {
            if (start is DateTimeOffset s) CheckRange(s, "start");
            var to = end ?? now;
            CheckRange(to, "end");
            return new SignInQuery(start ?? to - defaultWindow, to);
        }

        private static void CheckRange(DateTimeOffset value, string which)
        {
            if (value >= Earliest && value <= Latest) return;
            throw new PartnerSecurityException("InvalidDate", ErrorKind.InvalidArgument,
                string.Format(CultureInfo.InvariantCulture, "The {0} date ({1:yyyy-MM-dd HH:mm:ss}Z) is outside the dates a sign-in search can use ({2:yyyy-MM-dd} to {3:yyyy-MM-dd}).",
                    which, value.UtcDateTime, Earliest.UtcDateTime, Latest.UtcDateTime),
                which == "end" ? "Leave -EndDate out to search up to now, or give a date such as (Get-Date)." : "Leave -StartDate out for the default window, or give a date within the last 30 days.");
        }

        public DateTimeOffset Start { get; }
        public DateTimeOffset End { get; }
        /// <summary>Only these users (one query each); null or empty for everyone.</summary>
        public IReadOnlyList<SignInUser>? Users { get; set; }
        /// <summary>Only sign-ins that required a single factor (server-side, beta authenticationRequirement).</summary>
        public bool SingleFactorOnly { get; set; }
        /// <summary>Only successful sign-ins (server-side: status/errorCode eq 0).</summary>
        public bool SucceededOnly { get; set; }
        /// <summary>Only failed sign-ins (applied by the reader: Graph documents eq only on status/errorCode).</summary>
        public bool FailedOnly { get; set; }
        /// <summary>Only legacy authentication (applied by the reader: "not these two clients" cannot be written as a documented filter).</summary>
        public bool LegacyAuthOnly { get; set; }
        /// <summary>Token refreshes and other non-interactive user sign-ins too (beta returns interactive ones unless asked).</summary>
        public bool IncludeNonInteractive { get; set; }

        /// <summary>The same query for these users, by user principal name (null or empty: everyone).</summary>
        public SignInQuery ForUsers(IReadOnlyList<string>? userPrincipalNames) =>
            ForUsers(userPrincipalNames?.Select(u => new SignInUser(u, null)).ToList());

        /// <summary>The same query for these users (null or empty: everyone).</summary>
        public SignInQuery ForUsers(IReadOnlyList<SignInUser>? users) => new SignInQuery(Start, End)
        {
            Users = users,
            SingleFactorOnly = SingleFactorOnly,
            SucceededOnly = SucceededOnly,
            FailedOnly = FailedOnly,
            LegacyAuthOnly = LegacyAuthOnly,
            IncludeNonInteractive = IncludeNonInteractive,
        };

        /// <summary>
        /// The $filter for one user (or for everyone when <paramref name="user"/> is null): by userId when the user object
        /// is known, since the log stores user principal names in lowercase and a guest under their home address, not the
        /// #EXT# name of their user object; else by the user principal name, in lowercase.
        /// </summary>
        public string Filter(SignInUser? user)
        {
            var clauses = new List<string>
            {
                "createdDateTime ge " + Instant(Start, roundUp: false),
                "createdDateTime le " + Instant(End, roundUp: true),
                IncludeNonInteractive
                    ? "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"
                    : "signInEventTypes/any(t: t eq 'interactiveUser')",
            };
            if (user?.Id != null) clauses.Add("userId eq " + ODataLiteral.String(user.Id));
            else if (user?.UserPrincipalName != null) clauses.Add("userPrincipalName eq " + ODataLiteral.String(user.UserPrincipalName.ToLowerInvariant()));
            if (SingleFactorOnly) clauses.Add("authenticationRequirement eq 'singleFactorAuthentication'");
            if (SucceededOnly) clauses.Add("status/errorCode eq 0");
            return string.Join(" and ", clauses);
        }

        /// <summary>The filters Graph cannot apply, and a guard for the ones it did.</summary>
        public bool Keeps(SignInActivity signIn)
        {
            if (FailedOnly && signIn.Succeeded) return false;
            if (SucceededOnly && !signIn.Succeeded) return false;
            if (LegacyAuthOnly && !signIn.IsLegacyAuthentication) return false;
            if (SingleFactorOnly && !string.Equals(signIn.AuthenticationRequirement, "singleFactorAuthentication", StringComparison.OrdinalIgnoreCase)) return false;
            return true;
        }


        /// <summary>An OData DateTimeOffset literal to the second (Graph compares createdDateTime with it unquoted).</summary>
        public static string Instant(DateTimeOffset value, bool roundUp)
        {
            var utc = value.ToUniversalTime();
            var seconds = new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            if (roundUp && seconds < utc) seconds = seconds.AddSeconds(1);
            return seconds.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>The users of this query, each once, or a single null for everyone.</summary>
        internal IReadOnlyList<SignInUser?> DistinctUsers()
        {
            if (!(Users is { Count: > 0 })) return new SignInUser?[] { null };
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return Users.Where(u => seen.Add(u.Id ?? "upn:" + u.UserPrincipalName)).Select(u => (SignInUser?)u).ToList();
        }
    }

    /// <summary>A user whose sign-ins to read: the user principal name as given, and the object id once known.</summary>
    public sealed class SignInUser
    {
        public SignInUser(string? userPrincipalName, string? id)
        {
            if (userPrincipalName == null && id == null) throw new ArgumentException("A user needs a user principal name or an id.");
            UserPrincipalName = userPrincipalName;
            Id = id;
        }

        public string? UserPrincipalName { get; }
        public string? Id { get; }

        public override string ToString() => UserPrincipalName ?? Id!;
    }
}
