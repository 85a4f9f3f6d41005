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

    /// <summary>Every request the emulator answered, for benchmarks (requests made) and tests (what was asked).</summary>
    public sealed class RequestLog
    {
        private readonly ConcurrentQueue<RequestRecord> _records = new ConcurrentQueue<RequestRecord>();

        public void Add(RequestRecord record) => _records.Enqueue(record);
        public IReadOnlyList<RequestRecord> Records => _records.ToArray();
        public int Count => _records.Count;
        public int CountWhere(System.Func<RequestRecord, bool> predicate) => _records.Count(predicate);
    }
}
