using System;
using System.Collections.Generic;
using PartnerSecurity.ScriptAnalysis.Analysis;

namespace PartnerSecurity.ScriptAnalysis
{
    /// <summary>How one service or library is signed in to without a password.</summary>
    internal sealed class Replacement
    {
        public Replacement(string problem, string unattended, string interactive, bool delegatedPartnerWork = false)
        {
            Problem = problem;
            Unattended = unattended;
            Interactive = interactive;
            DelegatedPartnerWork = delegatedPartnerWork;
        }

        /// <summary>What is wrong with the sign-in found (a sentence).</summary>
        public string Problem { get; }

        /// <summary>The replacement command for scheduled and unattended runs: app-only with a certificate or a managed identity, or SAM.</summary>
        public string Unattended { get; }

        /// <summary>The replacement command when a person signs in: an interactive sign-in, which answers MFA.</summary>
        public string Interactive { get; }

        /// <summary>True where partner work in customer tenants needs a user's delegated access: then the Secure Application Model is offered too.</summary>
        public bool DelegatedPartnerWork { get; }
    }

    /// <summary>
    /// What replaces each finding: for every service the concrete command that signs in without a password (app-only with
    /// a certificate or managed identity), the interactive command for a person at the keyboard, and this module's
    /// Secure Application Model cmdlets where a user's delegated access is really needed. docs/migrating-to-sam.md holds
    /// the same table for readers.
    /// </summary>
    internal static class Recommendations
    {
        internal const string Sam =
            "this module's Secure Application Model: New-SecureAppModelApplication once, New-SecureAppModelToken to consent with one " +
            "MFA sign-in and store a refresh token, then Connect-PartnerSecurity -ApplicationId <appId> -RefreshTokenName <name> in the script";

        internal const string Vault = "Get-Secret -Name <name> -Vault <vault> (Microsoft.PowerShell.SecretManagement, with Azure Key Vault)";

        private const string Graph = "Connect-MgGraph -ClientId <appId> -TenantId <tenant> -CertificateThumbprint <thumbprint>";
        private const string GraphInteractive = "Connect-MgGraph -Scopes <permissions>";
        private const string Az = "Connect-AzAccount -ServicePrincipal -ApplicationId <appId> -CertificateThumbprint <thumbprint> -Tenant <tenant>, " +
                                  "or Connect-AzAccount -Identity where the script runs in Azure (Automation, Functions, a VM)";
        private const string Teams = "Connect-MicrosoftTeams -ApplicationId <appId> -CertificateThumbprint <thumbprint> -TenantId <tenant>, " +
                                     "or Connect-MicrosoftTeams -Identity in Azure";
        private const string Exchange = "Connect-ExchangeOnline -AppId <appId> -CertificateThumbprint <thumbprint> -Organization <tenant>.onmicrosoft.com, " +
                                        "or Connect-ExchangeOnline -ManagedIdentity -Organization <tenant>.onmicrosoft.com in Azure";
        private const string PnP = "Connect-PnPOnline -Url <site> -ClientId <appId> -Thumbprint <thumbprint> -Tenant <tenant>.onmicrosoft.com";
        private const string PartnerCenterSam =
            "the Secure Application Model: Connect-PartnerCenter -ApplicationId <appId> -Credential <the app's id and secret> -RefreshToken <refresh token>, " +
            "the refresh token coming from one MFA consent (New-PartnerAccessToken -UseAuthorizationCode, kept in a vault), or " + Sam;
        private const string AzToken = "Connect-AzAccount -ServicePrincipal -ApplicationId <appId> -CertificateThumbprint <thumbprint> -Tenant <tenant>, " +
                                       "then Get-AzAccessToken -ResourceUrl <resource>";

        private static readonly Dictionary<ServiceFamily, Replacement> s_replacements = new Dictionary<ServiceFamily, Replacement>
        {
            [ServiceFamily.MSOnline] = new Replacement("MSOnline is retired, and a user credential fails under MFA.",
                "Microsoft Graph PowerShell (Microsoft.Graph), app-only with a certificate: " + Graph, GraphInteractive, delegatedPartnerWork: true),
            [ServiceFamily.AzureAD] = new Replacement("AzureAD and AzureADPreview are retiring, and a user credential fails under MFA.",
                "Microsoft Graph PowerShell (Microsoft.Graph), app-only with a certificate: " + Graph, GraphInteractive, delegatedPartnerWork: true),
            [ServiceFamily.IntuneGraph] = new Replacement("Microsoft.Graph.Intune is no longer maintained, and a user credential fails under MFA.",
                "Microsoft Graph PowerShell (Microsoft.Graph), app-only with a certificate: " + Graph, "Connect-MgGraph -Scopes DeviceManagementManagedDevices.Read.All"),
            [ServiceFamily.Az] = new Replacement("A user credential fails under MFA, which Azure requires for every sign-in.", Az, "Connect-AzAccount"),
            [ServiceFamily.AzureRM] = new Replacement("AzureRM is retired, and a user credential fails under MFA. Move to Az (Az.Accounts).", Az, "Connect-AzAccount"),
            [ServiceFamily.AzureServiceManagement] = new Replacement(
                "The Azure Service Management module (Azure) is retired with the classic deployment model, and a user credential fails under MFA. Move to Az (Az.Accounts).",
                Az, "Connect-AzAccount"),
            [ServiceFamily.AnalysisServices] = new Replacement("A user credential fails under MFA.",
                "Add-AzureAnalysisServicesAccount -RolloutEnvironment <region>.asazure.windows.net -ServicePrincipal -ApplicationId <appId> " +
                "-CertificateThumbprint <thumbprint> -TenantId <tenant>",
                "Add-AzureAnalysisServicesAccount -RolloutEnvironment <region>.asazure.windows.net"),
            [ServiceFamily.ExchangeOnline] = new Replacement("A user credential fails under MFA.", Exchange, "Connect-ExchangeOnline -UserPrincipalName <upn>"),
            [ServiceFamily.ExchangeOnlineV1] = new Replacement(
                "Connect-EXOPSSession belongs to the retired Exchange Online remote PowerShell module, and a user credential fails under MFA. " +
                "Move to ExchangeOnlineManagement.", Exchange, "Connect-ExchangeOnline -UserPrincipalName <upn>"),
            [ServiceFamily.SecurityCompliance] = new Replacement("A user credential fails under MFA.",
                "Connect-IPPSSession -AppId <appId> -CertificateThumbprint <thumbprint> -Organization <tenant>.onmicrosoft.com",
                "Connect-IPPSSession -UserPrincipalName <upn>"),
            [ServiceFamily.Teams] = new Replacement("A user credential fails under MFA.", Teams, "Connect-MicrosoftTeams"),
            [ServiceFamily.SkypeOnline] = new Replacement(
                "The Skype for Business Online connector (New-CsOnlineSession) is retired, its cmdlets moved to the MicrosoftTeams module, and a user credential fails under MFA.",
                Teams, "Connect-MicrosoftTeams"),
            [ServiceFamily.SharePointOnline] = new Replacement("A user credential fails under MFA.",
                "Connect-SPOService -Url <admin url> -ClientId <appId> -TenantId <tenant> -CertificateThumbprint <thumbprint>, or -ManagedIdentity in Azure",
                "Connect-SPOService -Url <admin url>"),
            [ServiceFamily.PnP] = new Replacement("A user credential fails under MFA.",
                PnP + ", or Connect-PnPOnline -Url <site> -ManagedIdentity in Azure", "Connect-PnPOnline -Url <site> -Interactive -ClientId <appId>"),
            [ServiceFamily.SharePointCsom] = new Replacement(
                "SharePointOnlineCredentials signs in to SharePoint Online with a password, which fails under MFA.",
                PnP + ", then Get-PnPContext for the CSOM ClientContext", "Connect-PnPOnline -Url <site> -Interactive -ClientId <appId>, then Get-PnPContext"),
            [ServiceFamily.PartnerCenter] = new Replacement(
                "A user credential fails under MFA, and Partner Center refuses App+User calls without MFA. The PartnerCenter module is archived.",
                PartnerCenterSam, "Connect-PartnerCenter"),
            [ServiceFamily.PartnerCenterLegacy] = new Replacement(
                "PartnerCenterPowerShellModule is deprecated, its user credential fails under MFA, and Partner Center refuses App+User calls without MFA.",
                PartnerCenterSam, "Connect-PartnerCenter"),
            [ServiceFamily.PowerBI] = new Replacement("A user credential fails under MFA.",
                "Connect-PowerBIServiceAccount -ServicePrincipal -ApplicationId <appId> -CertificateThumbprint <thumbprint> -Tenant <tenant>",
                "Connect-PowerBIServiceAccount"),
            [ServiceFamily.PowerPlatform] = new Replacement("A user name and password fail under MFA.",
                "Add-PowerAppsAccount -ApplicationId <appId> -CertificateThumbprint <thumbprint> -TenantID <tenant>", "Add-PowerAppsAccount"),
            [ServiceFamily.Dynamics] = new Replacement("A user credential fails under MFA.",
                "an application user with a certificate: Connect-CrmOnline -ConnectionString 'AuthType=Certificate;Url=<url>;ClientId=<appId>;Thumbprint=<thumbprint>'",
                "Connect-CrmOnline -InteractiveMode"),
            [ServiceFamily.InformationProtection] = new Replacement("A user credential fails under MFA.",
                "Connect-AipService -AccessToken <token> -TenantId <tenant>, with a token the script gets app-only with a certificate " +
                "(" + AzToken.Replace("<resource>", "https://aadrm.com") + ")",
                "Connect-AipService"),
            [ServiceFamily.MsalPS] = new Replacement("Get-MsalToken -UserCredential uses the password grant, which fails under MFA.",
                "Get-MsalToken -ClientId <appId> -TenantId <tenant> -ClientCertificate <certificate> (app-only)",
                "Get-MsalToken -ClientId <appId> -TenantId <tenant> -Interactive", delegatedPartnerWork: true),
            [ServiceFamily.Adal] = new Replacement(
                "ADAL (Microsoft.IdentityModel.Clients.ActiveDirectory) is retired, and its user-password sign-in fails under MFA.",
                AzToken + " (or MSAL.NET's AcquireTokenForClient with a certificate)", "Connect-AzAccount, then Get-AzAccessToken -ResourceUrl <resource>",
                delegatedPartnerWork: true),
            [ServiceFamily.MsalNet] = new Replacement("AcquireTokenByUsernamePassword is the password grant, which fails under MFA.",
                "MSAL.NET app-only with a certificate: [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create(<appId>)" +
                ".WithCertificate(<certificate>).WithTenantId(<tenant>).Build().AcquireTokenForClient(<scopes>)",
                "AcquireTokenInteractive(<scopes>) on the public client application", delegatedPartnerWork: true),
        };

        private static readonly Replacement s_generic = new Replacement("A user credential fails under MFA.",
            "an application credential (a certificate, or a managed identity in Azure)", "an interactive sign-in", delegatedPartnerWork: true);

        public static Replacement For(ServiceFamily family) => s_replacements.TryGetValue(family, out var replacement) ? replacement : s_generic;

        /// <summary>
        /// A user-credential sign-in. When a person types the credential in (Get-Credential), the interactive sign-in
        /// comes first: it is what that person should do now, and it answers MFA; unattended use comes second.
        /// </summary>
        public static string SignIn(ServiceFamily family, bool prompted)
        {
            var replacement = For(family);
            var partner = replacement.DelegatedPartnerWork ? " For partner work in customer tenants that needs a user's delegated access: " + Sam + "." : string.Empty;
            if (prompted)
                return $"{replacement.Problem} The credential is typed in by a person: sign in interactively instead, which prompts for MFA: {replacement.Interactive}. " +
                       $"For unattended runs: {replacement.Unattended}.{partner}";
            return $"{replacement.Problem} Use {replacement.Unattended}.{partner}";
        }

        public static string PasswordGrant(string? host)
        {
            if (host != null)
                return $"This password grant goes to {host}, which is not Microsoft's identity platform: Microsoft MFA does not apply to it, but the script " +
                       "sends a password on every run. Use that service's token or API-key sign-in, and read the secret from a vault at run time: " + Vault + ".";
            return "The password grant cannot satisfy MFA and sends a password on every run. Exchange a refresh token instead: " + Sam +
                   "; for app-only access, the client credentials grant with a certificate: " + Graph +
                   ", or Get-MsalToken -ClientId <appId> -TenantId <tenant> -ClientCertificate <certificate>.";
        }

        /// <summary>A user's password in the script; <paramref name="family"/> is the service it signs in to, when the scanner could follow it there.</summary>
        public static string PlainTextPassword(ServiceFamily? family)
        {
            var signIn = family.HasValue
                ? "Sign in without a password: " + For(family.Value).Unattended
                : "Sign in with a certificate or managed identity (for example " + Graph + "), or with a refresh token stored by New-SecureAppModelToken";
            return "Remove the password from the script (and change it: it has been exposed). " + signIn +
                   ". A password that must remain (another system's) belongs in a vault, read at run time: " + Vault + ".";
        }

        public const string CertificatePassword =
            "The password of a certificate file (.pfx) is written in the script: whoever has the script and the file has the certificate. " +
            "Import the certificate once into the certificate store (Import-PfxCertificate, typing the password) and sign in by thumbprint " +
            "(-CertificateThumbprint), or read the password from a vault at run time: " + Vault + ". Change the certificate if the script was shared.";

        /// <summary>An application's client secret in the script; <paramref name="family"/> is the service it signs in to, when known.</summary>
        public static string ClientSecret(ServiceFamily? family)
        {
            var instead = family.HasValue && s_replacements.ContainsKey(family.Value)
                ? For(family.Value).Unattended
                : Graph + " (a certificate), or a managed identity in Azure";
            return "An application's client secret is written in the script: whoever reads it can sign in as the app. Rotate the secret (it has been " +
                   "exposed) and sign the app in with a certificate instead: " + instead + ". A secret that must remain belongs in a vault, read at run time: " + Vault + ".";
        }

        public const string BasicAuthRemoting =
            "Basic authentication to Exchange Online remote PowerShell is turned off. Use the ExchangeOnlineManagement module's " +
            "Connect-ExchangeOnline (REST) with app-only auth: " + Exchange + ".";

        public static string LegacyModule(string module)
        {
            if (module.StartsWith("AzureRM", StringComparison.OrdinalIgnoreCase))
                return "AzureRM is retired. Move to Az (Az.Accounts and the Az.* modules; Enable-AzureRmAlias eases the rename) and sign in with " + Az + ".";
            if (module.Equals("Azure", StringComparison.OrdinalIgnoreCase))
                return "The Azure Service Management module (Azure) is retired with the classic deployment model. Move to Az (Az.Accounts) and sign in with " + Az + ".";
            if (module.Equals("MSOnline", StringComparison.OrdinalIgnoreCase))
                return "MSOnline is retired. Move to Microsoft Graph PowerShell (Microsoft.Graph) and sign in app-only with a certificate: " + Graph + ", or " + Sam + ".";
            if (module.Equals("SkypeOnlineConnector", StringComparison.OrdinalIgnoreCase) || module.Equals("LyncOnlineConnector", StringComparison.OrdinalIgnoreCase))
                return "The Skype for Business Online connector is retired: its cmdlets are in the MicrosoftTeams module. Sign in with " + Teams + ".";
            if (module.Equals("PartnerCenterPowerShellModule", StringComparison.OrdinalIgnoreCase))
                return "PartnerCenterPowerShellModule is deprecated. Use " + PartnerCenterSam + ".";
            return "AzureAD and AzureADPreview are retiring. Move to Microsoft Graph PowerShell (Microsoft.Graph) and sign in app-only with a certificate: " +
                   Graph + ", or " + Sam + ".";
        }
    }
}
