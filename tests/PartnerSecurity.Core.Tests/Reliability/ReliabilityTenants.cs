using PartnerSecurity.Emulator.Snapshots;
using PartnerSecurity.SnapshotGenerator.Common;
using PartnerSecurity.SnapshotGenerator.Scale;

namespace PartnerSecurity.Tests.Reliability;

/// <summary>
/// The tenants the reliability runs read, each loaded once per test run: the demo, and the generator's scale tenant of
/// 20,000 users (two customers, 2,000 sign-ins; deterministic). The fixture writes the run's figures when it is done.
/// </summary>
public sealed class ReliabilityTenants : IDisposable
{
    private readonly Lazy<TenantSnapshot> _demo = new(() => SnapshotReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "Data", "demo-tenant.json")));
    private readonly Lazy<TenantSnapshot> _scale = new(() => SnapshotReader.Read(
        SnapshotJson.Serialize(ScaleTenant.Build(new ScaleOptions { Users = 20_000, Customers = 2, CustomerUsers = 30, SignIns = 2_000, CustomerSignIns = 40, Seed = 13 }).ToDocument()),
        "scale-20000"));

    public TenantSnapshot Demo => _demo.Value;
    public TenantSnapshot Scale => _scale.Value;

    public void Dispose() => PartnerSecurity.Reliability.Figures.Write(AppContext.BaseDirectory);
}

[CollectionDefinition(Name)]
public sealed class ReliabilityCollection : ICollectionFixture<ReliabilityTenants>
{
    public const string Name = "Reliability";
}
