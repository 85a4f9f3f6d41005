using System;
using System.IO;
using PartnerSecurity.Authentication;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;
using PartnerSecurity.Emulation;
using PartnerSecurity.Emulator;
using PartnerSecurity.Http;
using PartnerSecurity.SecureAppModel;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// The cloud a command talks to: one of Microsoft's (Global, USGov, USGovDoD, China) over the network, or
    /// the session's emulated cloud for -Demo or a -Snapshot file, whose emulator stands in for the network,
    /// the browser and the clock.
    /// </summary>
    internal sealed class CloudBinding
    {
        private CloudBinding(Cloud cloud, TenantEmulator? emulator)
        {
            Cloud = cloud;
            Emulator = emulator;
        }

        /// <summary>The core's value: environment, label, transport, clock, browser, snapshot.</summary>
        public Cloud Cloud { get; }
        public CloudEnvironment Environment => Cloud.Environment;
        /// <summary>Global, USGov, USGovDoD, China, Demo or Snapshot.</summary>
        public string Label => Cloud.Label;
        public TenantEmulator? Emulator { get; }
        public string? SnapshotPath => Cloud.SnapshotPath;
        public bool IsEmulated => Emulator != null;
        public DateTimeOffset Now => Cloud.Now;

        public static CloudBinding Real(string? environment) => new CloudBinding(new Cloud(CloudEnvironment.Parse(environment)), null);

        public static CloudBinding Emulated(ModuleSession session, string snapshotPath, string label, Action<string>? warn, bool capturedNow = false)
        {
            var emulator = session.Emulator(snapshotPath, warn, capturedNow);
            // Retries in an emulated cloud wait on its clock: a Retry-After moves virtual time on instead of sleeping.
            var clock = new RetryClock(() => emulator.Clock.UtcNow, emulator.ClientWaitAsync);
            return new CloudBinding(new Cloud(CloudEnvironment.Global, label, emulator, clock, (uri, ct) => emulator.Browser.OpenAsync(uri, ct), Path.GetFullPath(snapshotPath)), emulator);
        }

        /// <summary>The demo, captured "now": its dates move with the real clock.</summary>
        public static CloudBinding Demo(ModuleSession session, Action<string>? warn) => Emulated(session, DemoSnapshot.Path, "Demo", warn, capturedNow: true);

        /// <summary>The cloud a connection of <paramref name="session"/> was made to (its emulator is the session's for that snapshot).</summary>
        public static CloudBinding Of(PartnerConnection connection, ModuleSession session) =>
            new CloudBinding(connection.Cloud, connection.Cloud.SnapshotPath == null ? null : session.FindEmulator(connection.Cloud.SnapshotPath));

        /// <summary>The cloud a stored Secure Application Model token belongs to.</summary>
        public static CloudBinding Of(StoredToken token, ModuleSession session, Action<string>? warn)
        {
            if (string.Equals(token.Environment, "Demo", StringComparison.OrdinalIgnoreCase)) return Demo(session, warn);
            if (string.Equals(token.Environment, "Snapshot", StringComparison.OrdinalIgnoreCase))
            {
                if (string.IsNullOrEmpty(token.SnapshotPath) || !File.Exists(token.SnapshotPath))
                    throw new PartnerSecurityException(ErrorIds.SnapshotNotFound, ErrorKind.ObjectNotFound,
                        $"The stored token '{token.Name}' belongs to the emulated cloud of snapshot '{token.SnapshotPath}', which no longer exists.", "Run the consent again.", null, token.Name);
                return Emulated(session, token.SnapshotPath!, "Snapshot", warn);
            }
            return Real(token.Environment);
        }

        public void Apply(ConnectionRequest request) => request.Cloud = Cloud;

        public void Apply(ConsentRequest request) => request.Cloud = Cloud;

        /// <summary>
        /// Sets (or, with None or nothing, clears) the emulated cloud's fault profile. A rehearsal gives up a hung answer
        /// after 2 s (RetryPolicy.Rehearsal) and waits on the emulator's clock, so that it takes seconds; the warning says how to repeat it exactly.
        /// </summary>
        public void UseFaults(string? profile, int? seed, ConnectionRequest request, Action<string> warn)
        {
            if (Emulator == null) return;
            int chosen = seed ?? new Random().Next(1, 100000);
            var faults = PartnerSecurity.Emulator.Http.FaultProfile.Create(profile ?? "None", chosen);
            Emulator!.Faults.Profile = faults;
            if (faults == null) return;
            // On the cloud's clock, like every retry rule of an emulated cloud (Cloud.Retries).
            request.RetryPolicy = PartnerSecurity.Http.RetryPolicy.Rehearsal(chosen);
            warn($"Fault profile {faults.Name} (seed {chosen}) is on: this emulated cloud now throttles, fails, damages answers and expires tokens on purpose " +
                 $"(at most {faults.MaxFaultsPerRequest} times per request). Run the same commands again with -FaultSeed {chosen} to repeat it exactly; " +
                 "connect again without -FaultProfile to stop it.");
        }

        /// <summary>Records this cloud on a stored token.</summary>
        public void Apply(StoredToken token)
        {
            token.Environment = Label;
            token.SnapshotPath = SnapshotPath;
        }
    }
}
