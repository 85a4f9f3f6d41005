using PartnerSecurity.Emulator.Directory;
using PartnerSecurity.Emulator.Http;
using PartnerSecurity.Emulator.Identity;

namespace PartnerSecurity.Emulator
{
    /// <summary>The state every emulated service shares: the directory, the clock, the grants and the signing key.</summary>
    public sealed class EmulatorContext
    {
        public EmulatorContext(EmulatedCloud cloud, EmulatorOptions options)
        {
            Cloud = cloud;
            Options = options;
        }

        public EmulatedCloud Cloud { get; }
        public EmulatorOptions Options { get; }
        public EmulatorClock Clock => Cloud.Clock;
        public GrantStore Grants { get; } = new GrantStore();
        public JwtSigner Signer => JwtSigner.Shared;
        /// <summary>Injected faults: applied to every HTTP request, and to each item of a Graph $batch.</summary>
        public FaultInjector Faults { get; } = new FaultInjector();
        /// <summary>The throttling counters (<see cref="EmulatorOptions.Throttling"/>), on the emulator's clock.</summary>
        public Throttle Throttle { get; } = new Throttle();
        /// <summary>Every item of every Graph $batch answered (Requests counts the batch itself once).</summary>
        public RequestLog BatchItems { get; } = new RequestLog();
        /// <summary>Every change writes made to the directory.</summary>
        public ChangeLog Changes { get; } = new ChangeLog();
    }
}
