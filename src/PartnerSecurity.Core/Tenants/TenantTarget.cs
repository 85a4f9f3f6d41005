using System;

namespace PartnerSecurity.Tenants
{
    /// <summary>One tenant a multi-tenant operation runs in: the connected (partner) tenant or a customer.</summary>
    public sealed class TenantTarget
    {
        public TenantTarget(string id, string? name, bool isHome, string? requested = null)
        {
            Id = id;
            Name = name;
            IsHome = isHome;
            Requested = requested ?? id;
        }

        /// <summary>The tenant id (a GUID once described; what the user typed, a domain perhaps, before).</summary>
        public string Id { get; }
        /// <summary>The tenant's name when known (the connection's, Partner Center's company name, or the organization's).</summary>
        public string? Name { get; }
        public bool IsHome { get; }
        /// <summary>How the user named the tenant: errors point back at this.</summary>
        public string Requested { get; }
        public bool IsDescribed => Name != null && Guid.TryParse(Id, out _);

        /// <summary>"Fabrikam Dental (5c0ffee0-...)" or the id alone.</summary>
        public string Label => Name == null || Name == Id ? Id : $"{Name} ({Id})";

        public override string ToString() => Label;
    }
}
