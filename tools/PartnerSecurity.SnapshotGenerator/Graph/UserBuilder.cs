using System;
using System.Text.Json.Nodes;
using PartnerSecurity.SnapshotGenerator.Common;

namespace PartnerSecurity.SnapshotGenerator.Graph
{
    /// <summary>What kind of account a user is, in the terms of the MFA coverage rules.</summary>
    internal enum AccountKind
    {
        /// <summary>userType Member, UPN without #EXT#.</summary>
        Member,
        /// <summary>#EXT# in the UPN, userType Guest: b2bCollaborationGuest.</summary>
        B2bCollaborationGuest,
        /// <summary>#EXT# in the UPN, userType Member: b2bCollaborationMember.</summary>
        B2bCollaborationMember,
        /// <summary>userType Guest without #EXT#: internalGuest.</summary>
        InternalGuest,
    }

    /// <summary>The properties of one Graph v1.0 user, written in the order Graph returns a $select of them.</summary>
    internal sealed class UserSpec
    {
        public string Id { get; init; } = string.Empty;
        public string UserPrincipalName { get; init; } = string.Empty;
        public string DisplayName { get; init; } = string.Empty;
        public string? GivenName { get; init; }
        public string? Surname { get; init; }
        public string? JobTitle { get; init; }
        public string? Department { get; init; }
        public string? CompanyName { get; init; }
        public string? OfficeLocation { get; init; }
        public string? Mail { get; init; }
        public string? MobilePhone { get; init; }
        public string? BusinessPhone { get; init; }
        public string PreferredLanguage { get; init; } = "en-US";
        public string? UsageLocation { get; init; } = "US";
        public bool AccountEnabled { get; init; } = true;
        public AccountKind Kind { get; init; } = AccountKind.Member;
        /// <summary>true for accounts synchronized from on-premises AD (null otherwise, as Graph returns it).</summary>
        public bool OnPremisesSync { get; init; }
        public DateTimeOffset Created { get; init; }
        /// <summary>When a B2B invitation was accepted (guests and external members only).</summary>
        public DateTimeOffset? InvitationAccepted { get; init; }
    }

    internal static class UserBuilder
    {
        public static string UserType(AccountKind kind) =>
            kind == AccountKind.B2bCollaborationGuest || kind == AccountKind.InternalGuest ? "Guest" : "Member";

        public static bool IsExternal(AccountKind kind) => kind != AccountKind.Member;

        /// <summary>The UPN Entra ID gives an invited or synchronized external user: mail with @ as _, then #EXT#@ the host domain.</summary>
        public static string ExternalUpn(string homeMail, string hostDomain) =>
            homeMail.Replace("@", "_") + "#EXT#@" + hostDomain;

        public static JsonObject Build(UserSpec u)
        {
            bool invited = u.Kind == AccountKind.B2bCollaborationGuest || u.Kind == AccountKind.B2bCollaborationMember;
            var phones = new JsonArray();
            if (u.BusinessPhone != null) phones.Add(u.BusinessPhone);
            return new JsonObject
            {
                ["id"] = u.Id,
                ["businessPhones"] = phones,
                ["displayName"] = u.DisplayName,
                ["givenName"] = u.GivenName,
                ["jobTitle"] = u.JobTitle,
                ["mail"] = u.Mail,
                ["mobilePhone"] = u.MobilePhone,
                ["officeLocation"] = u.OfficeLocation,
                ["preferredLanguage"] = u.PreferredLanguage,
                ["surname"] = u.Surname,
                ["userPrincipalName"] = u.UserPrincipalName,
                ["accountEnabled"] = u.AccountEnabled,
                ["companyName"] = u.CompanyName,
                ["createdDateTime"] = SnapshotTime.Iso(u.Created),
                ["creationType"] = invited ? "Invitation" : null,
                ["department"] = u.Department,
                ["externalUserState"] = invited ? "Accepted" : null,
                ["externalUserStateChangeDateTime"] = invited ? SnapshotTime.Iso(u.InvitationAccepted ?? u.Created.AddHours(3)) : null,
                ["onPremisesSyncEnabled"] = u.OnPremisesSync ? true : null,
                ["usageLocation"] = u.UsageLocation,
                ["userType"] = UserType(u.Kind),
            };
        }
    }
}
