namespace PartnerSecurity.Emulator.Http
{
    /// <summary>One change a write made to the emulated directory (a PATCH that set a value already set makes none).</summary>
    public sealed class ChangeRecord
    {
        public ChangeRecord(string tenantId, string target, string change)
        {
            TenantId = tenantId;
            Target = target;
            Change = change;
        }

        public string TenantId { get; }
        /// <summary>What changed: "securityDefaults.isEnabled", "users/{id}/perUserMfaState", "applications/{id}"...</summary>
        public string Target { get; }
        /// <summary>How: "false -> true", "created", "password added"...</summary>
        public string Change { get; }
        public override string ToString() => $"{TenantId} {Target}: {Change}";
    }

    /// <summary>Every change writes made, so tests can prove a write was applied once (never twice, never half).</summary>
    public sealed class ChangeLog : EmulatorLog<ChangeRecord>
    {
        public void Add(string tenantId, string target, string change) => Add(new ChangeRecord(tenantId, target, change));
    }
}
