namespace PartnerSecurity.SnapshotGenerator.Common
{
    /// <summary>Entra ID built-in role template ids (shared/reference/microsoft-api-spec.md §5c).</summary>
    internal static class Roles
    {
        public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
        public const string SharePointAdministrator = "f28a1f50-f6e7-4571-818b-6a12f2af6b6c";
        public const string ExchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de";
        public const string ConditionalAccessAdministrator = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
        public const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
        public const string HelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
        public const string PasswordAdministrator = "966707d0-3269-4727-9be2-8c3a10f19b9d";
        public const string BillingAdministrator = "b0f54661-2d74-4c50-afa3-1ec803f12efe";
        public const string UserAdministrator = "fe930be7-5e62-47db-91af-98c3a49a38b1";
        public const string AuthenticationAdministrator = "c4e39bd9-1100-46d3-8c65-fb160da0071f";
        public const string PrivilegedRoleAdministrator = "e8611ab8-c189-46e8-94e1-60213ab1f814";
        public const string DirectorySynchronizationAccounts = "d29b2b05-8046-44ba-8758-1e26182fcf32";
        public const string PrivilegedAuthenticationAdministrator = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13";
        public const string AuthenticationPolicyAdministrator = "0526716b-113d-4c15-b2c8-68e3c22b9f80";
        public const string GlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
        public const string SecurityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";
        public const string SecurityOperator = "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f";
        public const string ReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
        public const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
        public const string CloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7";
        public const string IntuneAdministrator = "3a2c62db-5318-420d-8d74-23affee5d9d5";
        public const string LicenseAdministrator = "4d6ac14f-3453-41d0-bef9-a3e0c569773a";
        public const string ServiceSupportAdministrator = "f023fd81-a637-4b56-95fd-791ac0226033";

        /// <summary>The roles Microsoft's "Require MFA for administrators" template targets, give or take.</summary>
        public static readonly string[] Privileged =
        {
            GlobalAdministrator, PrivilegedRoleAdministrator, PrivilegedAuthenticationAdministrator, SecurityAdministrator,
            ConditionalAccessAdministrator, ExchangeAdministrator, SharePointAdministrator, HelpdeskAdministrator,
            UserAdministrator, AuthenticationAdministrator, AuthenticationPolicyAdministrator, BillingAdministrator,
            ApplicationAdministrator, CloudApplicationAdministrator, PasswordAdministrator, IntuneAdministrator, GlobalReader,
        };
    }

    /// <summary>First-party application ids seen in sign-in logs.</summary>
    internal static class Apps
    {
        public sealed record App(string Id, string DisplayName, string ResourceId, string ResourceDisplayName);

        public static readonly App AzurePortal = new App("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Azure Portal", "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API");
        public static readonly App OfficeHome = new App("4765445b-32c6-49b0-83e6-1d93765276ca", "OfficeHome", "00000003-0000-0000-c000-000000000000", "Microsoft Graph");
        public static readonly App Outlook = new App("d3590ed6-52b3-4102-aeff-aad2292ab01c", "Microsoft Office", "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online");
        public static readonly App Teams = new App("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams", "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe", "Microsoft Teams Services");
        public static readonly App ExchangeOnline = new App("00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000", "Office 365 Exchange Online");
        public static readonly App GraphPowerShell = new App("14d82eec-204b-4c2f-b7e8-296a70dab67e", "Microsoft Graph Command Line Tools", "00000003-0000-0000-c000-000000000000", "Microsoft Graph");
        public static readonly App AzurePowerShell = new App("1950a258-227b-4e31-a9cf-717495945fc2", "Microsoft Azure PowerShell", "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd", "Microsoft Partner Center");
        public static readonly App AzureCli = new App("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Microsoft Azure CLI", "797f4846-ba00-4fd7-ba43-dac1f8f63013", "Windows Azure Service Management API");
        public static readonly App MySignIns = new App("19db86c3-b2b9-44cc-b339-36da233a3be2", "My Signins", "0000000c-0000-0000-c000-000000000000", "Microsoft App Access Panel");

        public static readonly App[] Modern = { AzurePortal, OfficeHome, Outlook, Teams, GraphPowerShell, AzureCli };
    }

    /// <summary>The clientAppUsed strings Entra ID writes in sign-in logs.</summary>
    internal static class ClientApps
    {
        public const string Browser = "Browser";
        public const string MobileAndDesktop = "Mobile Apps and Desktop clients";
        public const string Imap = "IMAP4";
        public const string Pop = "POP3";
        public const string Smtp = "Authenticated SMTP";
        public const string ActiveSync = "Exchange ActiveSync";
        public const string Mapi = "MAPI Over HTTP";
        public const string Other = "Other clients";

        public static readonly string[] Legacy = { Imap, Pop, Smtp, ActiveSync, Mapi, Other };
    }

    /// <summary>Built-in authentication strengths, as Graph returns them inline in a policy's grant controls.</summary>
    internal static class AuthenticationStrengths
    {
        public sealed record Strength(string Id, string DisplayName, string Description, string[] AllowedCombinations);

        public static readonly Strength Mfa = new Strength("00000000-0000-0000-0000-000000000002", "Multifactor authentication",
            "Combinations of methods that satisfy strong authentication, such as a password + SMS",
            new[]
            {
                "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor", "deviceBasedPush", "temporaryAccessPassOneTime",
                "temporaryAccessPassMultiUse", "password,microsoftAuthenticatorPush", "password,softwareOath", "password,hardwareOath",
                "password,sms", "password,voice", "federatedMultiFactor", "microsoftAuthenticatorPush,federatedSingleFactor",
                "softwareOath,federatedSingleFactor", "hardwareOath,federatedSingleFactor", "sms,federatedSingleFactor", "voice,federatedSingleFactor",
            });

        public static readonly Strength PhishingResistant = new Strength("00000000-0000-0000-0000-000000000004", "Phishing-resistant MFA",
            "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
            new[] { "windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor" });
    }
}
