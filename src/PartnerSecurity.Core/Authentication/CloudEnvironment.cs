using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Authentication
{
    /// <summary>A Microsoft cloud: where to sign in, where Graph and Partner Center live.</summary>
    public sealed class CloudEnvironment
    {
        private CloudEnvironment(string name, string authorityHost, string graphEndpoint, string partnerCenterEndpoint)
        {
            Name = name;
            AuthorityHost = authorityHost;
            GraphEndpoint = graphEndpoint;
            PartnerCenterEndpoint = partnerCenterEndpoint;
        }

        public string Name { get; }
        /// <summary>For example https://login.microsoftonline.com.</summary>
        public string AuthorityHost { get; }
        /// <summary>For example https://graph.microsoft.com (no version).</summary>
        public string GraphEndpoint { get; }
        public string PartnerCenterEndpoint { get; }

        public static readonly CloudEnvironment Global = new CloudEnvironment("Global", "https://login.microsoftonline.com", "https://graph.microsoft.com", "https://api.partnercenter.microsoft.com");
        public static readonly CloudEnvironment USGov = new CloudEnvironment("USGov", "https://login.microsoftonline.us", "https://graph.microsoft.us", "https://api.partnercenter.microsoft.com");
        public static readonly CloudEnvironment USGovDoD = new CloudEnvironment("USGovDoD", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us", "https://api.partnercenter.microsoft.com");
        public static readonly CloudEnvironment China = new CloudEnvironment("China", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", "https://partner.partnercenterapi.microsoftonline.cn");

        public static IReadOnlyList<CloudEnvironment> All { get; } = new[] { Global, USGov, USGovDoD, China };

        public static CloudEnvironment Parse(string? name)
        {
            if (string.IsNullOrEmpty(name)) return Global;
            return All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"Unknown environment '{name}'. Use one of: {string.Join(", ", All.Select(e => e.Name))}.", nameof(name));
        }

        public override string ToString() => Name;
    }
}
