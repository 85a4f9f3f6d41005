using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using PartnerSecurity.Emulator.Snapshots;

namespace PartnerSecurity.Emulator.Directory
{
    /// <summary>
    /// Everything the emulator serves: the partner tenant, its customers, and the lookups across them
    /// (tenant by id or domain, application by app id).
    /// </summary>
    public sealed class EmulatedCloud
    {
        private readonly Dictionary<string, EmulatedTenant> _byId = new Dictionary<string, EmulatedTenant>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, EmulatedTenant> _byDomain = new Dictionary<string, EmulatedTenant>(StringComparer.OrdinalIgnoreCase);

        public EmulatedCloud(TenantSnapshot snapshot)
        {
            Home = new EmulatedTenant(snapshot);
            foreach (var tenant in new[] { Home }.Concat(Home.Customers))
            {
                _byId[tenant.Id] = tenant;
                foreach (var domain in tenant.Domains)
                {
                    if (!_byDomain.ContainsKey(domain)) _byDomain[domain] = tenant;
                }
            }
            Clock = new EmulatorClock(snapshot.CapturedDateTime);
        }

        /// <summary>The snapshot's top-level tenant (the partner, when the snapshot has customers).</summary>
        public EmulatedTenant Home { get; }
        public EmulatorClock Clock { get; }
        public IEnumerable<EmulatedTenant> Tenants => _byId.Values;

        /// <summary>A tenant named by GUID or by one of its domains; null for anything else.</summary>
        public EmulatedTenant? FindTenant(string idOrDomain) =>
            _byId.TryGetValue(idOrDomain, out var tenant) ? tenant : _byDomain.TryGetValue(idOrDomain, out tenant) ? tenant : null;

        /// <summary>The tenant a user (by object id or UPN) lives in.</summary>
        public (EmulatedTenant Tenant, JsonObject User)? FindUser(string idOrUpn)
        {
            foreach (var tenant in _byId.Values)
            {
                var user = tenant.FindUser(idOrUpn);
                if (user != null) return (tenant, user);
            }
            return null;
        }

        /// <summary>The application registration with this app id and the tenant that owns it.</summary>
        public (EmulatedTenant Tenant, JsonObject Application)? FindApplication(string appId)
        {
            foreach (var tenant in _byId.Values)
            {
                lock (tenant.Sync)
                {
                    var app = tenant.Snapshot.Applications.FirstOrDefault(a => string.Equals((string?)a["appId"], appId, StringComparison.OrdinalIgnoreCase));
                    if (app != null) return (tenant, app);
                }
            }
            return null;
        }
    }
}
