using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerSecurity.Tenants
{
    /// <summary>
    /// One part of n of the customer list (-Shard i/n): n jobs, each given its own i, together cover every customer
    /// exactly once. The split hashes the tenant id (SHA-256 of its lowercase form), never the list's order or its
    /// length, so a customer stays in its shard when others are added or removed and every job agrees without talking
    /// to the others.
    /// </summary>
    public sealed class CustomerShard : IEquatable<CustomerShard>
    {
        public const int MaxCount = 10000;

        public CustomerShard(int index, int count)
        {
            if (count < 1 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), count, $"The number of shards must be 1 to {MaxCount}.");
            if (index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), index, $"The shard must be 1 to {count}.");
            Index = index;
            Count = count;
        }

        /// <summary>This shard, from 1.</summary>
        public int Index { get; }

        /// <summary>How many shards the customers are split into.</summary>
        public int Count { get; }

        /// <summary>"i/n", for example "2/8" (what PowerShell converts a -Shard argument with).</summary>
        public static CustomerShard Parse(string value)
        {
            var text = (value ?? string.Empty).Trim();
            int slash = text.IndexOf('/');
            if (slash > 0
                && int.TryParse(text.Substring(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && int.TryParse(text.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                && count >= 1 && count <= MaxCount && index >= 1 && index <= count)
                return new CustomerShard(index, count);
            throw new FormatException($"'{value}' is not a shard: write i/n, with n from 1 to {MaxCount} jobs and i from 1 to n (for example 2/8 for the second of eight).");
        }

        /// <summary>Whether the customer with this tenant id belongs to this shard.</summary>
        public bool Contains(string tenantId) => Of(tenantId, Count) == Index;

        /// <summary>The shard (1 to <paramref name="count"/>) a tenant id falls in.</summary>
        public static int Of(string tenantId, int count)
        {
            if (tenantId == null) throw new ArgumentNullException(nameof(tenantId));
            byte[] digest;
            using (var sha = SHA256.Create()) digest = sha.ComputeHash(Encoding.UTF8.GetBytes(tenantId.Trim().ToLowerInvariant()));
            ulong hash = 0;
            for (int i = 0; i < 8; i++) hash = (hash << 8) | digest[i];
            return (int)(hash % (ulong)count) + 1;
        }

        public override string ToString() => Index.ToString(CultureInfo.InvariantCulture) + "/" + Count.ToString(CultureInfo.InvariantCulture);

        public bool Equals(CustomerShard? other) => other != null && other.Index == Index && other.Count == Count;

        public override bool Equals(object? obj) => Equals(obj as CustomerShard);

        public override int GetHashCode() => Index * 31 + Count;
    }
}
