using System;
using System.Collections.Generic;
using System.Security;
using PartnerSecurity.Output;

namespace PartnerSecurity.SecureAppModel
{
    /// <summary>
    /// The result of the Secure Application Model consent or of a refresh-token exchange. The tokens are
    /// SecureStrings: nothing prints them, and ToString names only who and where.
    /// </summary>
    public sealed class SecureAppModelToken
    {
        /// <summary>Entra ID's fixed refresh-token inactivity limit.</summary>
        public static readonly TimeSpan RefreshTokenMaxInactiveTime = TimeSpan.FromDays(90);

        public SecureAppModelToken(SecureString refreshToken, SecureString accessToken, DateTimeOffset accessTokenExpiresOn, DateTimeOffset refreshTokenIssuedOn,
            bool hasMfaClaim, string tenantId, string applicationId, string account, IReadOnlyList<string> scopes, string? name)
        {
            RefreshToken = refreshToken;
            AccessToken = accessToken;
            AccessTokenExpiresOn = accessTokenExpiresOn;
            RefreshTokenIssuedOn = refreshTokenIssuedOn;
            HasMfaClaim = hasMfaClaim;
            TenantId = tenantId;
            ApplicationId = applicationId;
            Account = account;
            Scopes = new TextList(scopes);
            Name = name;
        }

        /// <summary>The tenant the tokens are for (the partner's, or a customer's after an exchange).</summary>
        public string TenantId { get; }
        public string ApplicationId { get; }
        public string Account { get; }
        public bool HasMfaClaim { get; }
        public TextList Scopes { get; }
        public DateTimeOffset AccessTokenExpiresOn { get; }
        public DateTimeOffset RefreshTokenIssuedOn { get; }
        /// <summary>When the refresh token expires if it is not used again (90 days of inactivity).</summary>
        public DateTimeOffset RefreshTokenExpiresOn => RefreshTokenIssuedOn + RefreshTokenMaxInactiveTime;
        /// <summary>The name in the token store, when the token was saved there.</summary>
        public string? Name { get; }
        public SecureString RefreshToken { get; }
        public SecureString AccessToken { get; }

        public override string ToString() => $"Secure Application Model token of {Account} for {ApplicationId} in tenant {TenantId}";
    }

    /// <summary>A stored token's health: how long before the 90-day inactivity limit.</summary>
    public sealed class SecureAppModelTokenStatus
    {
        public const int WarningDays = 14;

        /// <summary>The status of a stored token; with <paramref name="unusableReason"/>, of one that cannot be redeemed (its cloud is gone, say).</summary>
        public SecureAppModelTokenStatus(StoredToken token, DateTimeOffset now, string storage, string? unusableReason = null)
        {
            Name = token.Name;
            ApplicationId = token.ApplicationId;
            TenantId = token.TenantId;
            Account = token.Account;
            Environment = token.Environment;
            HasMfaClaim = token.HasMfaClaim;
            IssuedOn = token.IssuedOn;
            LastUsedOn = token.LastUsedOn;
            ExpiresOn = token.VaultExpiresOn ?? token.ExpiresOn;
            DaysLeft = (int)Math.Floor((ExpiresOn - now).TotalDays);
            Storage = storage;
            Usable = unusableReason == null && ExpiresOn > now;
            if (unusableReason != null)
                Warning = unusableReason;
            else if (ExpiresOn <= now)
                Warning = $"Expired on {ExpiresOn:yyyy-MM-dd} after 90 days without use: run the consent again (New-SecureAppModelToken -SaveAs {Name}).";
            else if (DaysLeft < WarningDays)
                Warning = $"Expires in {Math.Max(DaysLeft, 0)} day(s) without use: run Update-SecureAppModelToken -Name {Name} (schedule it weekly).";
            else if (!HasMfaClaim)
                Warning = "The consent carried no MFA claim: the token is not compliant with the partner security requirements.";
        }

        public string Name { get; }
        public string ApplicationId { get; }
        public string TenantId { get; }
        public string Account { get; }
        public string Environment { get; }
        public bool HasMfaClaim { get; }
        public DateTimeOffset IssuedOn { get; }
        public DateTimeOffset LastUsedOn { get; }
        public DateTimeOffset ExpiresOn { get; }
        public int DaysLeft { get; }
        /// <summary>False when the token cannot be redeemed: expired, or unusable for the reason in <see cref="Warning"/>.</summary>
        public bool Usable { get; }
        public string? Warning { get; }
        /// <summary>Encrypted, PlaintextFile or Memory.</summary>
        public string Storage { get; }
    }
}
