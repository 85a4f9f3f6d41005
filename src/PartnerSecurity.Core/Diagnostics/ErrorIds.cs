namespace PartnerSecurity.Diagnostics
{
    /// <summary>
    /// The error ids code decides on (catch filters, switches) and the ids of the sign-in errors: one spelling, so that a
    /// renamed id cannot leave a check silently never true. Ids only ever thrown stay literals at their one throw site.
    /// </summary>
    public static class ErrorIds
    {
        // Graph (Graph/GraphErrors).
        public const string GraphAccessDenied = "GraphAccessDenied";
        public const string GraphNotFound = "GraphNotFound";
        public const string GraphRequestFailed = "GraphRequestFailed";
        public const string PremiumLicenseRequired = "PremiumLicenseRequired";

        // Partner Center (PartnerCenter/PartnerCenterClient).
        public const string PartnerCenterAccessDenied = "PartnerCenterAccessDenied";
        public const string PartnerCenterNotFound = "PartnerCenterNotFound";

        // Signing in (Authentication/MsalErrors).
        public const string ConsentRequired = "ConsentRequired";
        public const string InteractionRequired = "InteractionRequired";

        // Stored Secure Application Model tokens (SecureAppModel/StoredTokens, StoredTokenCredentials).
        public const string TokenNotFound = "TokenNotFound";
        public const string InvalidTokenName = "InvalidTokenName";
        public const string TokenApplicationMismatch = "TokenApplicationMismatch";
        public const string CredentialRequired = "CredentialRequired";
        public const string CertificateNotFound = "CertificateNotFound";
        public const string SnapshotNotFound = "SnapshotNotFound";
    }
}
