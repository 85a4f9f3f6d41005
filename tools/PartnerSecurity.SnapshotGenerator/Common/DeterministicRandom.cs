using System;
using System.Collections.Generic;

namespace PartnerSecurity.SnapshotGenerator.Common
{
    /// <summary>
    /// SplitMix64: a small pseudo-random generator whose sequence depends only on the seed (unlike
    /// System.Random, whose algorithm is an implementation detail), so generated snapshots are reproducible.
    /// </summary>
    internal sealed class DeterministicRandom
    {
        private ulong _state;

        public DeterministicRandom(ulong seed) => _state = seed;

        /// <summary>A generator for one named purpose, independent of how many numbers other purposes draw.</summary>
        public static DeterministicRandom For(long seed, string purpose)
        {
            ulong h = 1469598103934665603UL;
            foreach (var c in purpose) { h ^= c; h *= 1099511628211UL; }
            return new DeterministicRandom(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL ^ h));
        }

        public ulong NextUInt64()
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>0 &lt;= result &lt; maxExclusive.</summary>
        public int Next(int maxExclusive)
        {
            if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
            return (int)(NextUInt64() % (ulong)maxExclusive);
        }

        /// <summary>min &lt;= result &lt;= maxInclusive.</summary>
        public int Between(int min, int maxInclusive) => min + Next(maxInclusive - min + 1);

        public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

        public bool Chance(double probability) => NextDouble() < probability;

        public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
    }
}
