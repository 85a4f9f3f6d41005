using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace PartnerSecurity.Hosting
{
    /// <summary>
    /// A PowerShell host that writes to a <see cref="HostUserInterface"/>: a buffer the tests read, so that what a
    /// user would see on screen can be checked.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();

        public TextHost(HostUserInterface ui, string name)
        {
            UI = ui;
            Name = name;
        }

        public override string Name { get; }
        public override Version Version => typeof(TextHost).Assembly.GetName().Version ?? new Version(1, 0);
        public override Guid InstanceId => _id;
        public override PSHostUserInterface UI { get; }
        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;
        /// <summary>The exit code of the last "exit N" in a script.</summary>
        public int? ExitCode { get; private set; }

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
        public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by this host.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }
}
