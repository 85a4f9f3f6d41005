using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace PartnerSecurity.Emulator.Http
{
    /// <summary>One request the emulator answered.</summary>
    public sealed class RequestRecord
    {
        public RequestRecord(string method, string url, int status)
        {
            Method = method;
            Url = url;
            Status = status;
        }

        public string Method { get; }
        public string Url { get; }
        public int Status { get; }
        public override string ToString() => $"{Method} {Url} -> {Status}";
    }

    /// <summary>What the emulator did, in order, safe to add to from any thread.</summary>
    public class EmulatorLog<T>
    {
        private readonly ConcurrentQueue<T> _records = new ConcurrentQueue<T>();

        public void Add(T record) => _records.Enqueue(record);
        public IReadOnlyList<T> Records => _records.ToArray();
        public int Count => _records.Count;
        public int CountWhere(System.Func<T, bool> predicate) => _records.Count(predicate);
    }

    /// <summary>Every request the emulator answered, for benchmarks (requests made) and tests (what was asked).</summary>
    public sealed class RequestLog : EmulatorLog<RequestRecord>
    {
    }
}
