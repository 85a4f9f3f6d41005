using System;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>
    /// What replaces each finding: the Microsoft module (or sign-in form) that works under MFA, and this module's
    /// Secure Application Model cmdlets where a user's delegated access is really needed.
    /// </summary>
    internal static class Recommendations
    {
        private const string Sam =
            "this module's Secure Application Model: New-SecureAppModelApplication once, New-SecureAppModelToken to consent with one " +
            "MFA sign-in and store a refresh token, then Connect-PartnerSecurity -ApplicationId <appId> -RefreshTokenName <name> in the script";

        private const string Graph =
            "Microsoft Graph PowerShell (Microsoft.Graph) with app-only certificate auth " +
            "(Connect-MgGraph -ClientId <appId> -TenantId <tenant> -CertificateThumbprint <thumbprint>), or " + Sam + ".";

        private const string AzApp =
            "Connect-AzAccount -ServicePrincipal -ApplicationId <appId> -CertificateThumbprint <thumbprint> -Tenant <tenant> (certificate), " +
            "or Connect-AzAccount -Identity where the script runs in Azure (Automation, Functions, a VM: managed identity).";

        public static string For(ServiceFamily family) => family switch
        {
            ServiceFamily.MSOnline =>
                "MSOnline is retired and its user-credential sign-in fails under MFA. Move to " + Graph,
            ServiceFamily.AzureAD =>
                "AzureAD/AzureADPreview are retiring and a user credential fails under MFA. Move to " + Graph,
            ServiceFamily.Az =>
                "A user credential fails under MFA (mandatory for Azure sign-ins). Use " + AzApp,
            ServiceFamily.AzureRM =>
                "AzureRM is retired and a user credential fails under MFA. Move to Az (Az.Accounts): " + AzApp,
            ServiceFamily.ExchangeOnline =>
                "A user credential fails under MFA. Use app-only auth: Connect-ExchangeOnline -CertificateThumbprint <thumbprint> -AppId <appId> " +
                "-Organization <tenant>.onmicrosoft.com, or Connect-ExchangeOnline -ManagedIdentity -Organization <tenant>.onmicrosoft.com in Azure.",
            ServiceFamily.SecurityCompliance =>
                "A user credential fails under MFA. Use app-only auth: Connect-IPPSSession -CertificateThumbprint <thumbprint> -AppId <appId> " +
                "-Organization <tenant>.onmicrosoft.com.",
            ServiceFamily.Teams =>
                "A user credential fails under MFA. Use app-only auth: Connect-MicrosoftTeams -CertificateThumbprint <thumbprint> " +
                "-ApplicationId <appId> -TenantId <tenant>, or Connect-MicrosoftTeams -Identity (managed identity) in Azure.",
            ServiceFamily.SharePointOnline =>
                "A user credential fails under MFA. Use app-only auth: Connect-SPOService -Url <admin url> -ClientId <appId> -TenantId <tenant> " +
                "-CertificateThumbprint <thumbprint>, or -ManagedIdentity in Azure.",
            ServiceFamily.PnP =>
                "A user credential fails under MFA. Use app-only auth: Connect-PnPOnline -Url <site> -ClientId <appId> -Thumbprint <thumbprint> " +
                "-Tenant <tenant>.onmicrosoft.com, or Connect-PnPOnline -Url <site> -ManagedIdentity in Azure.",
            ServiceFamily.PartnerCenter =>
                "A user credential fails under MFA, and the PartnerCenter module is archived. Use " + Sam + ".",
            _ => "Sign in with an application credential (certificate or managed identity) or " + Sam + ".",
        };

        public static string For(FindingKind kind, string? module = null) => kind switch
        {
            FindingKind.PasswordGrant =>
                "The password grant cannot satisfy MFA and sends a password on every run. Exchange a refresh token instead: " + Sam +
                "; for app-only access use the client credentials grant with a certificate.",
            FindingKind.PlainTextPassword =>
                "Remove the password from the script (and change it: it has been exposed). Sign in with a certificate or managed identity, or " +
                "with a refresh token stored by New-SecureAppModelToken; a secret that must remain belongs in a vault " +
                "(Microsoft.PowerShell.SecretManagement with Azure Key Vault), read at run time.",
            FindingKind.BasicAuthRemoting =>
                "Basic authentication to Exchange Online remote PowerShell is turned off. Use the ExchangeOnlineManagement module's " +
                "Connect-ExchangeOnline (REST) with app-only auth: -CertificateThumbprint <thumbprint> -AppId <appId> " +
                "-Organization <tenant>.onmicrosoft.com, or -ManagedIdentity in Azure.",
            FindingKind.LegacyModule => LegacyModule(module),
            _ => For(ServiceFamily.None),
        };

        private static string LegacyModule(string? module)
        {
            if (module != null && module.StartsWith("AzureRM", StringComparison.OrdinalIgnoreCase))
                return "AzureRM is retired. Move to Az (Az.Accounts and the Az.* modules; Enable-AzureRmAlias eases the rename) and sign in with " + AzApp;
            if (module != null && module.Equals("MSOnline", StringComparison.OrdinalIgnoreCase))
                return "MSOnline is retired. Move to " + Graph;
            return "AzureAD/AzureADPreview are retiring. Move to " + Graph;
        }
    }
}
