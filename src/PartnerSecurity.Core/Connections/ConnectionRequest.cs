using System;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Authentication;
using PartnerSecurity.Http;

namespace PartnerSecurity.Connections
{
    public enum ConnectionMode
    {
        Interactive,
        DeviceCode,
        ClientSecret,
        Certificate,
        ManagedIdentity,
        RefreshToken,
        AccessToken,
    }

    /// <summary>Everything Connect-PartnerSecurity gathered from its parameters, handed to the core.</summary>
    public sealed class ConnectionRequest
    {
        public ConnectionMode Mode { get; set; } = ConnectionMode.Interactive;
        /// <summary>Where to sign in: the environment, and for an emulated cloud its transport, browser and clock.</summary>
        public Cloud Cloud { get; set; } = Cloud.Global;
        public CloudEnvironment Environment { get => Cloud.Environment; set => Cloud = Cloud.With(environment: value); }
        /// <summary>What the context shows as its environment; defaults to the cloud's name ("Demo" for the demo tenant).</summary>
        public string? EnvironmentLabel { get => Cloud.ExplicitLabel; set => Cloud = Cloud.With(label: value); }
        public string? TenantId { get; set; }
        public string? ApplicationId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public X509Certificate2? Certificate { get; set; }
        public string? LoginHint { get; set; }

        /// <summary>Delegated scopes to consent to at sign-in besides the module's own (Connect-PartnerSecurity -Scopes).</summary>
        public string[]? ExtraScopes { get; set; }
        /// <summary>Process: the sign-in lives in this session. CurrentUser: MSAL's cache is kept in protected storage.</summary>
        public ContextScope ContextScope { get; set; } = ContextScope.Process;
        public TokenStorageOptions Storage { get; set; } = new TokenStorageOptions();

        /// <summary>The Secure Application Model refresh token to redeem (with the application's credential).</summary>
        public SecureString? RefreshToken { get; set; }
        /// <summary>The name of a refresh token in the Secure Application Model token store; rotated on every use.</summary>
        public string? RefreshTokenName { get; set; }
        /// <summary>The store <see cref="RefreshTokenName"/> is read from; null: the local protected store (<see cref="Storage"/>).</summary>
        public SecureAppModel.IStoredTokenStore? TokenStore { get; set; }
        /// <summary>The stored token already resolved (by the caller that needed its cloud first); else it is resolved from <see cref="RefreshTokenName"/>.</summary>
        public SecureAppModel.StoredTokenCredentials? StoredCredentials { get; set; }
        /// <summary>A token brought by the caller (Connect-PartnerSecurity -AccessToken).</summary>
        public SecureString? AccessToken { get; set; }
        /// <summary>For emulated clouds: the snapshot file served (recorded with stored tokens).</summary>
        public string? SnapshotPath { get => Cloud.SnapshotPath; set => Cloud = Cloud.With(snapshotPath: value); }

        /// <summary>Opens the sign-in page; null means the system browser.</summary>
        public Func<Uri, CancellationToken, Task>? Browser { get => Cloud.Browser; set => Cloud = Cloud.With(browser: value); }
        /// <summary>Shows the device code message to the user.</summary>
        public Action<string>? DeviceCodeMessage { get; set; }

        /// <summary>The transport under the HTTP pipeline; null means the network. The tenant emulator plugs in here.</summary>
        public HttpMessageHandler? Transport { get => Cloud.Transport; set => Cloud = Cloud.With(transport: value); }
        /// <summary>The retry rules; they run on the cloud's clock unless given their own.</summary>
        public RetryPolicy? RetryPolicy { get; set; }
        /// <summary>"Now" for the connection: the emulator's clock when replaying a snapshot (sets the cloud's clock, waiting in real time).</summary>
        public Func<DateTimeOffset>? Clock
        {
            get => ReferenceEquals(Cloud.Clock, RetryClock.Real) ? null : () => Cloud.Now;
            set => Cloud = Cloud.With(clock: Cloud.ClockReading(value));
        }

        /// <summary>The application and its credential, as one value.</summary>
        public AppCredential Credential
        {
            get => new AppCredential(ApplicationId, ClientSecret, Certificate);
            set
            {
                ApplicationId = value.ApplicationId ?? ApplicationId;
                ClientSecret = value.ClientSecret;
                Certificate = value.Certificate;
            }
        }
    }
}
