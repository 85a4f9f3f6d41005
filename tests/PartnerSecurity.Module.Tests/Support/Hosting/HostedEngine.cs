using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace PartnerSecurity.Hosting
{
    /// <summary>What one invocation produced, stream by stream.</summary>
    public sealed class InvocationResult
    {
        public IReadOnlyList<PSObject> Output { get; internal set; } = Array.Empty<PSObject>();
        public IReadOnlyList<ErrorRecord> Errors { get; internal set; } = Array.Empty<ErrorRecord>();
        public IReadOnlyList<WarningRecord> Warnings { get; internal set; } = Array.Empty<WarningRecord>();
        public IReadOnlyList<VerboseRecord> Verbose { get; internal set; } = Array.Empty<VerboseRecord>();
        public IReadOnlyList<DebugRecord> Debug { get; internal set; } = Array.Empty<DebugRecord>();
        /// <summary>The error that stopped the script, if one did.</summary>
        public ErrorRecord? Terminating { get; internal set; }
        public bool Succeeded => Terminating == null && Errors.Count == 0;
    }

    /// <summary>
    /// The PowerShell 7 engine (Microsoft.PowerShell.SDK) hosted in the test process: one runspace with every
    /// standard cmdlet (Export-Csv, Select-Object, ConvertTo-Json, Format-List...) and a <see cref="TextHost"/>,
    /// with the built module on PSModulePath. What only a real pwsh shows (the console host's prompts, its exit
    /// codes, a fresh process) is tested in real pwsh: see <c>Pwsh</c> and <c>Terminal</c>.
    /// </summary>
    public sealed class HostedEngine : IDisposable
    {
        public HostedEngine(HostUserInterface ui, string hostName = "PartnerSecurity Tests")
        {
            AddModuleDirectoryToPath();
            Host = new TextHost(ui, hostName);
            // CreateDefault, not CreateDefault2: the SDK's Utility, Management and Security cmdlets load with the engine.
            var state = InitialSessionState.CreateDefault();
            Runspace = RunspaceFactory.CreateRunspace(Host, state);
            Runspace.Open();
            if (!ui.Ansi) Invoke("$PSStyle.OutputRendering = 'PlainText'");
        }

        public TextHost Host { get; }
        public HostUserInterface UI => (HostUserInterface)Host.UI;
        public Runspace Runspace { get; }

        /// <summary>The folder holding PartnerSecurity/: PARTNERSECURITY_MODULE_ROOT, else the build's module folder recorded at build time.</summary>
        public static string ModuleRoot
        {
            get
            {
                var configured = Environment.GetEnvironmentVariable("PARTNERSECURITY_MODULE_ROOT");
                if (!string.IsNullOrEmpty(configured)) return configured!;
                var built = typeof(HostedEngine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                    .FirstOrDefault(a => a.Key == "ModuleOutputDir")?.Value;
                return Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(built ?? "out/PartnerSecurity/")) ?? "out";
            }
        }

        /// <summary>The built module's manifest.</summary>
        public static string ModuleManifest => Path.Combine(ModuleRoot, "PartnerSecurity", "PartnerSecurity.psd1");

        private static readonly object s_pathGate = new object();

        private static void AddModuleDirectoryToPath()
        {
            lock (s_pathGate)
            {
                var current = Environment.GetEnvironmentVariable("PSModulePath") ?? string.Empty;
                var parts = current.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
                if (!parts.Contains(ModuleRoot, StringComparer.Ordinal))
                    Environment.SetEnvironmentVariable("PSModulePath", string.Join(Path.PathSeparator, new[] { ModuleRoot }.Concat(parts)));
            }
        }

        /// <summary>
        /// Runs PowerShell text as typed at a prompt. With <paramref name="display"/>, the output also goes
        /// through Out-Default to the host, formatted by the module's views, as a console would show it.
        /// </summary>
        public InvocationResult Invoke(string script, bool display = false)
        {
            using var ps = PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            var result = new InvocationResult();
            var output = new List<PSObject>();
            if (display)
            {
                // Show each error when it happens, between the output around it, as a console does.
                ps.Streams.Error.DataAdded += (sender, e) => UI.WriteErrorLine(Describe(((PSDataCollection<ErrorRecord>)sender!)[e.Index]));
            }
            try
            {
                if (display)
                {
                    // Keep the objects for the caller and show them: Tee through a script block.
                    ps.Commands.Clear();
                    ps.AddScript("param($__script) . ([scriptblock]::Create($__script)) | ForEach-Object { $__out.Add($_); $_ } | Out-Default")
                      .AddArgument(script);
                    Runspace.SessionStateProxy.SetVariable("__out", output);
                    ps.Invoke();
                }
                else
                {
                    output.AddRange(ps.Invoke());
                }
            }
            catch (RuntimeException ex)
            {
                result.Terminating = ex.ErrorRecord;
                if (display) UI.WriteErrorLine(Describe(ex.ErrorRecord));
            }
            result.Output = output;
            result.Errors = ps.Streams.Error.ToList();
            result.Warnings = ps.Streams.Warning.ToList();
            result.Verbose = ps.Streams.Verbose.ToList();
            result.Debug = ps.Streams.Debug.ToList();
            return result;
        }

        /// <summary>An error as pwsh's concise view shows it: the command, the message, and what to do.</summary>
        public static string Describe(ErrorRecord error)
        {
            var command = error.InvocationInfo?.MyCommand?.Name;
            var message = error.ErrorDetails?.Message ?? error.Exception?.Message ?? error.ToString();
            var text = (string.IsNullOrEmpty(command) ? string.Empty : command + ": ") + message;
            var action = error.ErrorDetails?.RecommendedAction;
            return string.IsNullOrEmpty(action) ? text : text + "\n  Next: " + action;
        }

        public void Dispose()
        {
            Runspace.Dispose();
        }
    }
}
