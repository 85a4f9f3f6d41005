using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.ScriptAnalysis.Analysis
{
    /// <summary>What the scanner does with a command it knows.</summary>
    internal enum CommandRole
    {
        SignIn,
        ConvertToSecureString,
        NewObject,
        NewPSSession,
        ImportModule,
        Http,
    }

    /// <summary>Which service or library a sign-in belongs to: picks the recommendation (<see cref="Replacements"/>).</summary>
    internal enum ServiceFamily
    {
        None,
        MSOnline,
        AzureAD,
        Az,
        AzureRM,
        AzureServiceManagement,
        ExchangeOnline,
        ExchangeOnlineV1,
        SecurityCompliance,
        Teams,
        SkypeOnline,
        SharePointOnline,
        PnP,
        SharePointCsom,
        PartnerCenter,
        PartnerCenterLegacy,
        PowerBI,
        PowerPlatform,
        Dynamics,
        IntuneGraph,
        InformationProtection,
        AnalysisServices,
        MsalPS,
        Adal,
        MsalNet,
    }

    internal sealed class ParameterSpec
    {
        public ParameterSpec(string name, bool isSwitch, string[] aliases)
        {
            Name = name;
            IsSwitch = isSwitch;
            Aliases = aliases;
        }

        public string Name { get; }
        public bool IsSwitch { get; }
        public string[] Aliases { get; }
    }

    /// <summary>
    /// A command's parameters as far as the scanner needs them: names and aliases (to resolve abbreviations such as
    /// -Cred the way PowerShell does), which are switches (so the next element is not taken as their value), and
    /// which bind by position. The scanner binds against this table rather than the installed command, so the answer
    /// is the same whether or not MSOnline or Az is installed on the scanning machine.
    /// </summary>
    internal sealed class CommandSpec
    {
        private readonly Dictionary<string, ParameterSpec> _exact = new Dictionary<string, ParameterSpec>(StringComparer.OrdinalIgnoreCase);
        private readonly List<KeyValuePair<string, ParameterSpec>> _all = new List<KeyValuePair<string, ParameterSpec>>();

        public CommandSpec(string name, string module, CommandRole role, ServiceFamily family, IEnumerable<ParameterSpec> parameters,
            string[]? positional = null, string[]? credential = null, string[]? appCredential = null, string[]? aliases = null)
        {
            Name = name;
            Module = module;
            Role = role;
            Family = family;
            Positional = positional ?? Array.Empty<string>();
            CredentialParameters = credential ?? Array.Empty<string>();
            AppCredentialParameters = appCredential ?? Array.Empty<string>();
            Aliases = aliases ?? Array.Empty<string>();
            foreach (var parameter in parameters.Concat(KnownCommands.CommonParameters))
            {
                Add(parameter.Name, parameter);
                foreach (var alias in parameter.Aliases) Add(alias, parameter);
            }
        }

        private void Add(string key, ParameterSpec parameter)
        {
            if (_exact.ContainsKey(key)) return;
            _exact[key] = parameter;
            _all.Add(new KeyValuePair<string, ParameterSpec>(key, parameter));
        }

        public string Name { get; }
        public string Module { get; }
        public CommandRole Role { get; }
        public ServiceFamily Family { get; }
        public string[] Positional { get; }
        public string[] CredentialParameters { get; }
        public string[] AppCredentialParameters { get; }
        public string[] Aliases { get; }

        /// <summary>
        /// The parameter a name given on the command line means: an exact name or alias, else the one parameter it is
        /// an unambiguous prefix of (PowerShell's abbreviation rule). Null when unknown or ambiguous.
        /// </summary>
        public ParameterSpec? Resolve(string given)
        {
            if (string.IsNullOrEmpty(given)) return null;
            if (_exact.TryGetValue(given, out var exact)) return exact;
            ParameterSpec? match = null;
            foreach (var entry in _all)
            {
                if (!entry.Key.StartsWith(given, StringComparison.OrdinalIgnoreCase)) continue;
                if (match != null && !ReferenceEquals(match, entry.Value)) return null;
                match = entry.Value;
            }
            return match;
        }
    }

    internal static class KnownCommands
    {
        private static ParameterSpec P(string name, params string[] aliases) => new ParameterSpec(name, false, aliases);
        private static ParameterSpec S(string name, params string[] aliases) => new ParameterSpec(name, true, aliases);

        internal static readonly ParameterSpec[] CommonParameters =
        {
            S("Verbose", "vb"), S("Debug", "db"), P("ErrorAction", "ea"), P("WarningAction", "wa"), P("InformationAction", "infa"),
            P("ProgressAction", "proga"), P("ErrorVariable", "ev"), P("WarningVariable", "wv"), P("InformationVariable", "iv"),
            P("OutVariable", "ov"), P("OutBuffer", "ob"), P("PipelineVariable", "pv"),
        };

        private static readonly ParameterSpec[] ShouldProcess = { S("WhatIf", "wi"), S("Confirm", "cf") };

        /// <summary>Invoke-RestMethod's and Invoke-WebRequest's parameters (5.1 and 7), so that abbreviations resolve as PowerShell resolves them.</summary>
        private static readonly ParameterSpec[] WebRequest =
        {
            P("Method"), P("CustomMethod", "CM"), P("Uri"), P("Body"), P("Headers"), P("ContentType"), S("UseBasicParsing"), S("UseDefaultCredentials"),
            P("UserAgent"), P("Credential"), P("WebSession"), P("SessionVariable", "SV"), P("TimeoutSec"), P("Proxy"), P("ProxyCredential"),
            S("ProxyUseDefaultCredentials"), P("OutFile"), P("InFile"), P("Form"), P("Authentication"), P("Token"), S("FollowRelLink", "FL"),
            P("MaximumFollowRelLink", "ML"), P("MaximumRedirection"), P("MaximumRetryCount"), P("RetryIntervalSec"), S("SkipCertificateCheck"),
            S("SkipHeaderValidation"), S("SkipHttpErrorCheck"), S("NoProxy"), S("PassThru"), S("Resume"), P("StatusCodeVariable"),
            P("ResponseHeadersVariable", "RHV"), P("TransferEncoding"), S("DisableKeepAlive"), P("SslProtocol"), S("AllowUnencryptedAuthentication"),
            S("AllowInsecureRedirect"), S("PreserveAuthorizationOnRedirect"), S("PreserveHttpMethodOnRedirect"), P("CertificateThumbprint"),
            P("Certificate"), P("HttpVersion"), P("ConnectionTimeoutSeconds"), P("OperationTimeoutSeconds"), P("UnixSocket"),
        };

        private static readonly string[] Certificate = { "CertificateThumbprint", "Certificate", "CertificatePath", "CertificateFilePath" };

        /// <summary>Partner Center's markers of an application credential (Partner Center PowerShell help: the SAM and service principal sets).</summary>
        private static readonly string[] SamMarkers = { "ServicePrincipal", "CertificateThumbprint", "RefreshToken", "AccessToken" };

        private static readonly CommandSpec[] s_specs =
        {
            new CommandSpec("Connect-MsolService", "MSOnline", CommandRole.SignIn, ServiceFamily.MSOnline,
                new[] { P("Credential"), P("AzureEnvironment"), P("AdGraphAccessToken"), P("MsGraphAccessToken") },
                credential: new[] { "Credential" }),

            new CommandSpec("Connect-AzureAD", "AzureAD", CommandRole.SignIn, ServiceFamily.AzureAD,
                new[] { P("AzureEnvironmentName"), P("TenantId"), P("Credential"), P("AccountId"), P("LogLevel"), P("LogFilePath"),
                        P("CertificateThumbprint"), P("ApplicationId"), P("AadAccessToken"), P("MsAccessToken") }.Concat(ShouldProcess),
                credential: new[] { "Credential" }, appCredential: new[] { "CertificateThumbprint" }),

            new CommandSpec("Connect-AzAccount", "Az.Accounts", CommandRole.SignIn, ServiceFamily.Az,
                new[] { P("Environment", "EnvironmentName"), P("Tenant", "Domain", "TenantId"), P("Subscription", "SubscriptionName", "SubscriptionId"),
                        P("AuthScope", "AuthScopeTypeName"), P("ContextName"), S("SkipContextPopulation"), P("MaxContextPopulation"),
                        S("UseDeviceAuthentication", "DeviceCode", "DeviceAuth", "Device"), S("Force"), P("Scope"),
                        P("DefaultProfile", "AzContext", "AzureRmContext", "AzureCredential"), P("Credential"), S("ServicePrincipal"),
                        P("CertificateThumbprint"), P("CertificatePath"), P("CertificatePassword"), P("ApplicationId"), S("SendCertificateChain"),
                        P("AccessToken"), P("GraphAccessToken"), P("MicrosoftGraphAccessToken"), P("KeyVaultAccessToken"), P("AccountId"),
                        S("SkipValidation"), S("Identity", "MSI", "ManagedService"), P("ManagedServicePort"), P("ManagedServiceHostName"),
                        P("ManagedServiceSecret"), P("FederatedToken") }.Concat(ShouldProcess),
                credential: new[] { "Credential" },
                appCredential: new[] { "ServicePrincipal", "Identity", "CertificateThumbprint", "CertificatePath", "FederatedToken" },
                aliases: new[] { "Login-AzAccount", "Add-AzAccount" }),

            new CommandSpec("Add-AzureRmAccount", "AzureRM.Profile", CommandRole.SignIn, ServiceFamily.AzureRM,
                new[] { P("Environment", "EnvironmentName"), P("TenantId", "Domain", "Tenant"), P("Subscription", "SubscriptionName", "SubscriptionId"),
                        P("ContextName"), S("SkipContextPopulation"), S("Force"), P("Scope"), P("DefaultProfile", "AzureRmContext", "AzureCredential"),
                        P("Credential"), S("ServicePrincipal"), P("CertificateThumbprint"), P("ApplicationId"), P("AccessToken"),
                        P("GraphAccessToken"), P("KeyVaultAccessToken"), P("AccountId"), S("SkipValidation"), S("Identity", "MSI", "ManagedService"),
                        P("ManagedServicePort"), P("ManagedServiceHostName"), P("ManagedServiceSecret") }.Concat(ShouldProcess),
                credential: new[] { "Credential" },
                appCredential: new[] { "ServicePrincipal", "Identity", "CertificateThumbprint" },
                aliases: new[] { "Login-AzureRmAccount", "Connect-AzureRmAccount" }),

            new CommandSpec("Connect-ExchangeOnline", "ExchangeOnlineManagement", CommandRole.SignIn, ServiceFamily.ExchangeOnline,
                new[] { P("ConnectionUri"), P("AzureADAuthorizationEndpointUri"), P("ExchangeEnvironmentName"), P("PSSessionOption"),
                        P("DelegatedOrganization"), P("Prefix"), P("CommandName"), P("FormatTypeName"), P("AccessToken"), P("AppId"),
                        S("BypassMailboxAnchoring"), P("Certificate"), P("CertificateFilePath"), P("CertificatePassword"), P("CertificateThumbprint"),
                        P("Credential"), S("Device"), S("DisableWAM"), S("EnableErrorReporting"), P("EXOModuleBasePath"), S("InlineCredential"),
                        S("LoadCmdletHelp"), P("LogDirectoryPath"), P("LogLevel"), S("ManagedIdentity"), P("ManagedIdentityAccountId"),
                        P("Organization"), P("PageSize"), S("ShowBanner"), P("ShowProgress"), P("SigningCertificate"), S("SkipLoadingCmdletHelp"),
                        S("SkipLoadingFormatData"), P("TrackPerformance"), P("UseMultithreading"), P("UserPrincipalName"), S("UseRPSSession") },
                positional: new[] { "ConnectionUri", "AzureADAuthorizationEndpointUri", "ExchangeEnvironmentName", "PSSessionOption",
                                    "DelegatedOrganization", "Prefix", "CommandName", "FormatTypeName" },
                credential: new[] { "Credential", "InlineCredential" },
                appCredential: Certificate.Concat(new[] { "ManagedIdentity" }).ToArray()),

            new CommandSpec("Connect-IPPSSession", "ExchangeOnlineManagement", CommandRole.SignIn, ServiceFamily.SecurityCompliance,
                new[] { P("ConnectionUri"), P("AzureADAuthorizationEndpointUri"), P("DelegatedOrganization"), P("PSSessionOption"), P("Prefix"),
                        P("CommandName"), P("FormatTypeName"), P("AccessToken"), P("AppId"), S("BypassMailboxAnchoring"), P("Certificate"),
                        P("CertificateFilePath"), P("CertificatePassword"), P("CertificateThumbprint"), P("Credential"), S("DisableWAM"),
                        S("EnableErrorReporting"), S("EnableSearchOnlySession"), S("InlineCredential"), P("LogDirectoryPath"), P("LogLevel"),
                        S("ManagedIdentity"), P("Organization"), S("ShowBanner"), P("UserPrincipalName"), S("UseRPSSession") },
                positional: new[] { "ConnectionUri", "AzureADAuthorizationEndpointUri", "DelegatedOrganization", "PSSessionOption", "Prefix",
                                    "CommandName", "FormatTypeName" },
                credential: new[] { "Credential", "InlineCredential" },
                appCredential: Certificate.Concat(new[] { "ManagedIdentity" }).ToArray()),

            new CommandSpec("Connect-MicrosoftTeams", "MicrosoftTeams", CommandRole.SignIn, ServiceFamily.Teams,
                new[] { P("TenantId"), P("Credential"), P("AccountId"), P("LogLevel"), P("LogFilePath"), P("AzureEnvironmentName"),
                        P("AadAccessToken"), P("MsAccessToken"), P("CertificateThumbprint"), P("Certificate"), P("ApplicationId"),
                        S("Identity", "ManagedIdentity"), P("AccessTokens"), S("UseDeviceAuthentication") }.Concat(ShouldProcess),
                credential: new[] { "Credential" },
                appCredential: new[] { "CertificateThumbprint", "Certificate", "Identity" }),

            new CommandSpec("Connect-SPOService", "Microsoft.Online.SharePoint.PowerShell", CommandRole.SignIn, ServiceFamily.SharePointOnline,
                new[] { P("Url"), P("Credential"), P("ClientTag"), P("Region"), P("ModernAuth"), P("UseSystemBrowser"), P("AuthenticationUrl"),
                        P("Certificate"), P("CertificatePath"), P("CertificateThumbprint"), P("CertificatePassword"), P("ClientId", "ApplicationId"),
                        P("TenantId"), S("ManagedIdentity"), P("ManagedIdentityType"), P("ManagedIdentityClientId") },
                positional: new[] { "Url", "Credential" },
                credential: new[] { "Credential" },
                appCredential: new[] { "Certificate", "CertificatePath", "CertificateThumbprint", "ManagedIdentity" }),

            new CommandSpec("Connect-PnPOnline", "PnP.PowerShell", CommandRole.SignIn, ServiceFamily.PnP,
                new[] { P("Url"), P("Credentials"), S("CurrentCredentials"), P("ClientId"), P("ClientSecret"), P("AppId"), P("AppSecret"),
                        P("Thumbprint"), P("CertificatePath"), P("CertificateBase64Encoded"), P("Certificate"), P("CertificatePassword"),
                        P("Tenant"), S("ManagedIdentity"), P("UserAssignedManagedIdentityObjectId"), P("UserAssignedManagedIdentityClientId"),
                        S("Interactive"), S("DeviceLogin"), S("LaunchBrowser"), P("AccessToken"), P("AzureEnvironment"), S("ReturnConnection"),
                        S("ValidateConnection"), S("CreateDrive"), P("DriveName"), P("TenantAdminUrl"), S("UseWebLogin"), S("SPOManagementShell"),
                        S("PersistLogin"), S("OSLogin"), S("TransformationOnPrem"), P("Connection"), S("EnvironmentVariable"), P("Realm") },
                positional: new[] { "Url" },
                credential: new[] { "Credentials" },
                appCredential: new[] { "Thumbprint", "CertificatePath", "CertificateBase64Encoded", "Certificate", "ManagedIdentity", "ClientSecret", "AppSecret" }),

            new CommandSpec("Connect-PartnerCenter", "PartnerCenter", CommandRole.SignIn, ServiceFamily.PartnerCenter,
                new[] { P("AccessToken"), P("AccountId"), P("ApplicationId"), P("CertificateThumbprint"), P("Credential"), P("Environment"),
                        P("RefreshToken"), S("ServicePrincipal"), P("Tenant", "Domain", "TenantId"), S("UseDeviceAuthentication"), P("Module", "ModuleName") },
                // With -RefreshToken or -AccessToken, -Credential is the application's id and secret: the Secure Application Model.
                credential: new[] { "Credential" }, appCredential: SamMarkers),

            new CommandSpec("New-PartnerAccessToken", "PartnerCenter", CommandRole.SignIn, ServiceFamily.PartnerCenter,
                new[] { P("AccessToken"), P("ApplicationId"), P("CertificateThumbprint"), P("Credential"), P("Environment"), P("Module", "ModuleName"),
                        P("RedirectUri"), P("RefreshToken"), P("Scopes"), S("ServicePrincipal"), P("Tenant", "Domain", "TenantId"),
                        S("UseAuthorizationCode"), S("UseDeviceAuthentication") },
                credential: new[] { "Credential" }, appCredential: SamMarkers),

            new CommandSpec("Add-AzureAccount", "Azure", CommandRole.SignIn, ServiceFamily.AzureServiceManagement,
                new[] { P("Credential"), P("Environment"), S("ServicePrincipal"), P("Tenant"), P("Profile") },
                credential: new[] { "Credential" }, appCredential: new[] { "ServicePrincipal" }),

            new CommandSpec("Connect-PowerBIServiceAccount", "MicrosoftPowerBIMgmt.Profile", CommandRole.SignIn, ServiceFamily.PowerBI,
                new[] { P("Environment"), P("CustomEnvironment"), P("DiscoveryUrl"), P("Credential"), S("ServicePrincipal"), P("CertificateThumbprint"),
                        P("ApplicationId"), P("Tenant", "TenantId") },
                credential: new[] { "Credential" }, appCredential: new[] { "ServicePrincipal", "CertificateThumbprint" },
                aliases: new[] { "Login-PowerBI", "Login-PowerBIServiceAccount" }),

            // Microsoft's older Partner Center module (PartnerCenterPowerShellModule): Add-Authentication and New-SAToken with its PC prefix.
            new CommandSpec("Add-PCAuthentication", "PartnerCenterPowerShellModule", CommandRole.SignIn, ServiceFamily.PartnerCenterLegacy,
                new[] { P("AuthenticationFileUrl"), P("cspAppID"), P("cspDomain"), P("cspClientSecret"), P("credential") },
                credential: new[] { "credential" }, appCredential: new[] { "cspClientSecret" },
                aliases: new[] { "New-PCSAToken", "New-PartnerCenterSAToken" }),

            new CommandSpec("New-CsOnlineSession", "SkypeOnlineConnector", CommandRole.SignIn, ServiceFamily.SkypeOnline,
                new[] { P("Credential"), P("UserName"), P("OverrideAdminDomain"), P("OverrideAccessTokenResourceUri"), P("OverrideDiscoveryUri"),
                        P("OverridePowershellUri"), P("SessionOption") },
                credential: new[] { "Credential" }),

            new CommandSpec("Connect-EXOPSSession", "Microsoft.Exchange.Management.ExoPowershellModule", CommandRole.SignIn, ServiceFamily.ExchangeOnlineV1,
                new[] { P("ConnectionUri"), P("AzureADAuthorizationEndpointUri"), P("UserPrincipalName"), P("PSSessionOption"), P("Credential"),
                        S("BypassMailboxAnchoring"), P("DelegatedOrganization") },
                credential: new[] { "Credential" }),

            new CommandSpec("Get-MsalToken", "MSAL.PS", CommandRole.SignIn, ServiceFamily.MsalPS,
                new[] { P("ClientId"), P("RedirectUri"), P("TenantId"), P("Authority"), P("Scopes", "Scope"), P("ExtraScopesToConsent"), S("Interactive"),
                        S("IntegratedWindowsAuth"), S("DeviceCode"), P("UserCredential"), P("ClientSecret"), P("ClientCertificate"), P("ClientAssertion"),
                        S("Silent"), S("ForceRefresh"), P("LoginHint"), P("Prompt"), P("CorrelationId"), P("AzureCloudInstance"), P("Timeout"),
                        P("PublicClientApplication"), P("ConfidentialClientApplication"), P("UserAssertion"), P("AuthorizationCode") },
                credential: new[] { "UserCredential" }),

            new CommandSpec("Connect-MSGraph", "Microsoft.Graph.Intune", CommandRole.SignIn, ServiceFamily.IntuneGraph,
                new[] { P("PSCredential", "Credential"), S("AdminConsent"), P("ClientSecret"), P("Certificate"), S("ForceInteractive"), S("Quiet"),
                        P("AccessToken") },
                credential: new[] { "PSCredential" }, appCredential: new[] { "ClientSecret", "Certificate" }),

            new CommandSpec("Connect-AipService", "AIPService", CommandRole.SignIn, ServiceFamily.InformationProtection,
                new[] { P("Credential"), P("TenantId"), P("AccessToken"), P("EnvironmentName") },
                credential: new[] { "Credential" }, aliases: new[] { "Connect-AadrmService" }),

            new CommandSpec("Add-PowerAppsAccount", "Microsoft.PowerApps.Administration.PowerShell", CommandRole.SignIn, ServiceFamily.PowerPlatform,
                new[] { P("Audience"), P("Endpoint"), P("Username"), P("Password"), P("TenantID"), P("CertificateThumbprint"), P("ClientSecret"),
                        P("ApplicationId") },
                credential: new[] { "Password" }, appCredential: new[] { "CertificateThumbprint", "ClientSecret" }),

            new CommandSpec("Connect-CrmOnline", "Microsoft.Xrm.Data.PowerShell", CommandRole.SignIn, ServiceFamily.Dynamics,
                new[] { P("ConnectionString"), P("ServerUrl"), P("Credential"), S("ForceOAuth"), S("ForceDiscovery"), P("OAuthClientId"),
                        P("OAuthRedirectUri"), P("ClientSecret"), P("Username"), P("ConnectionTimeoutInSeconds"), P("LogWriteDirectory"),
                        S("BypassTokenCache"), S("InteractiveMode"), P("CertificateThumbPrint") },
                credential: new[] { "Credential" }, appCredential: new[] { "ClientSecret", "CertificateThumbPrint" }),

            new CommandSpec("Add-AzureAnalysisServicesAccount", "Azure.AnalysisServices", CommandRole.SignIn, ServiceFamily.AnalysisServices,
                new[] { P("RolloutEnvironment"), P("Credential"), S("ServicePrincipal"), P("TenantId"), P("ApplicationId"), P("CertificateThumbprint") },
                positional: new[] { "RolloutEnvironment" },
                credential: new[] { "Credential" }, appCredential: new[] { "ServicePrincipal", "CertificateThumbprint" },
                aliases: new[] { "Login-AzureAsAccount" }),

            new CommandSpec("ConvertTo-SecureString", "Microsoft.PowerShell.Security", CommandRole.ConvertToSecureString, ServiceFamily.None,
                new[] { P("String"), S("AsPlainText"), S("Force"), P("SecureKey"), P("Key") },
                positional: new[] { "String", "SecureKey" }),

            new CommandSpec("New-Object", "Microsoft.PowerShell.Utility", CommandRole.NewObject, ServiceFamily.None,
                new[] { P("TypeName"), P("ArgumentList", "Args"), P("Property"), P("ComObject"), S("Strict") },
                positional: new[] { "TypeName", "ArgumentList" }),

            new CommandSpec("New-PSSession", "Microsoft.PowerShell.Core", CommandRole.NewPSSession, ServiceFamily.None,
                new[] { P("ComputerName", "Cn"), P("Credential"), P("ConnectionUri", "URI", "CU"), P("ConfigurationName"), P("Authentication"),
                        S("AllowRedirection"), P("SessionOption"), S("UseSSL"), P("Port"), P("ApplicationName"), P("CertificateThumbprint"),
                        P("ThrottleLimit"), P("Name"), S("EnableNetworkAccess"), P("Session"), P("VMId", "VMGuid"), P("VMName"), P("ContainerId"),
                        S("RunAsAdministrator"), P("HostName"), P("UserName"), P("KeyFilePath", "IdentityFilePath"), S("SSHTransport"),
                        P("SSHConnection"), P("Subsystem"), S("UseWindowsPowerShell"), P("Options"), P("ConnectingTimeout") },
                positional: new[] { "ComputerName", "Credential" },
                aliases: new[] { "nsn" }),

            new CommandSpec("Import-Module", "Microsoft.PowerShell.Core", CommandRole.ImportModule, ServiceFamily.None,
                new[] { P("Name"), P("FullyQualifiedName"), P("Assembly"), P("ModuleInfo"), P("Prefix"), P("Function"), P("Cmdlet"), P("Variable"),
                        P("Alias"), S("Force"), S("PassThru"), S("AsCustomObject"), P("MinimumVersion", "Version"), P("MaximumVersion"),
                        P("RequiredVersion"), P("ArgumentList", "Args"), S("DisableNameChecking"), S("NoClobber"), P("Scope"), S("Global"),
                        P("PSSession"), P("CimSession"), P("CimResourceUri"), P("CimNamespace"), S("UseWindowsPowerShell", "UseWinPS"),
                        S("SkipEditionCheck") },
                positional: new[] { "Name" },
                aliases: new[] { "ipmo" }),

            new CommandSpec("Invoke-RestMethod", "Microsoft.PowerShell.Utility", CommandRole.Http, ServiceFamily.None,
                WebRequest, positional: new[] { "Uri" }, aliases: new[] { "irm" }),

            new CommandSpec("Invoke-WebRequest", "Microsoft.PowerShell.Utility", CommandRole.Http, ServiceFamily.None,
                WebRequest, positional: new[] { "Uri" }, aliases: new[] { "iwr", "curl", "wget" }),
        };

        private static readonly Dictionary<string, CommandSpec> s_byName = Build();

        private static Dictionary<string, CommandSpec> Build()
        {
            var map = new Dictionary<string, CommandSpec>(StringComparer.OrdinalIgnoreCase);
            foreach (var spec in s_specs)
            {
                map[spec.Name] = spec;
                foreach (var alias in spec.Aliases) map[alias] = spec;
            }
            return map;
        }

        /// <summary>
        /// The command a name invokes, if the scanner knows it. Module-qualified names (MSOnline\Connect-MsolService)
        /// count too.
        /// </summary>
        public static CommandSpec? Find(string? name)
        {
            if (string.IsNullOrEmpty(name)) return null;
            if (s_byName.TryGetValue(name!, out var spec)) return spec;
            var slash = name!.LastIndexOf('\\');
            if (slash > 0 && slash < name.Length - 1 && s_byName.TryGetValue(name.Substring(slash + 1), out spec)) return spec;
            return null;
        }
    }
}
