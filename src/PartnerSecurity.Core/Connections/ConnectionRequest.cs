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
        public CloudEnvironment Environment { get; set; } = CloudEnvironment.Global;
        /// <summary>What the context shows as its environment; defaults to the cloud's name ("Demo" for the demo tenant).</summary>
        public string? EnvironmentLabel { get; set; }
        public string? TenantId { get; set; }
        public string? ApplicationId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public X509Certificate2? Certificate { get; set; }
        public string? LoginHint { get; set; }

        /// <summary>Opens the sign-in page; null means the system browser.</summary>
        public Func<Uri, CancellationToken, Task>? Browser { get; set; }
        /// <summary>Shows the device code message to the user.</summary>
        public Action<string>? DeviceCodeMessage { get; set; }

        /// <summary>The transport under the HTTP pipeline; null means the network. The tenant emulator plugs in here.</summary>
        public HttpMessageHandler? Transport { get; set; }
        public RetryPolicy? RetryPolicy { get; set; }
        /// <summary>"Now" for the connection: the emulator's clock when replaying a snapshot.</summary>
        public Func<DateTimeOffset>? Clock { get; set; }
    }
}
