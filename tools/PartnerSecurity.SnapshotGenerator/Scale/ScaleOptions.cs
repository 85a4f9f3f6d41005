using System;

namespace PartnerSecurity.SnapshotGenerator.Scale
{
    /// <summary>What `partnersecurity-snapshotgen scale` generates.</summary>
    internal sealed record ScaleOptions
    {
        /// <summary>Users in the partner tenant (exactly).</summary>
        public int Users { get; init; }
        /// <summary>Customer tenants, each with a nested snapshot.</summary>
        public int Customers { get; init; }
        /// <summary>Average users per customer (each customer gets 50% to 150% of it, at least 8).</summary>
        public int CustomerUsers { get; init; } = 25;
        /// <summary>Sign-ins in the partner tenant (exactly), spread over the 14 days before capture.</summary>
        public int SignIns { get; init; }
        /// <summary>Sign-ins per premium customer tenant (Entra ID Free customers get none: Graph would answer 403).</summary>
        public int CustomerSignIns { get; init; }
        public long Seed { get; init; } = 1;

        public void Validate()
        {
            if (Users < 10) throw new ArgumentException("--users must be at least 10.");
            if (Customers < 0 || CustomerUsers < 5 || SignIns < 0 || CustomerSignIns < 0)
                throw new ArgumentException("--customers, --signins and --customer-signins must not be negative; --customer-users must be at least 5.");
        }
    }
}
