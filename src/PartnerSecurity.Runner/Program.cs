using System;
using System.IO;
using System.Linq;
using PartnerSecurity.Hosting;

// partnersecurity-runner: PowerShell for machines without pwsh, with the built PartnerSecurity module on PSModulePath.
//   partnersecurity-runner [-NonInteractive] -File script.ps1 [args...]
//   partnersecurity-runner [-NonInteractive] -Command "Import-Module PartnerSecurity; Connect-PartnerSecurity -Demo"
//   partnersecurity-runner                       (an interactive prompt)

var arguments = args.ToList();
bool nonInteractive = arguments.RemoveAll(a => a.Equals("-NonInteractive", StringComparison.OrdinalIgnoreCase) || a.Equals("-noni", StringComparison.OrdinalIgnoreCase)) > 0
                      || Console.IsInputRedirected;
int width = Console.IsOutputRedirected ? 120 : Math.Max(80, Console.WindowWidth);
var ui = new HostUserInterface(Console.Out, width, interactive: !nonInteractive, input: Console.In) { Ansi = !Console.IsOutputRedirected };
using var engine = new HostedEngine(ui);

// Like pwsh: "exit N" wins. Otherwise -File gives 1 only when the script stopped on a terminating error (its
// non-terminating errors are part of what it reports), and -Command gives 1 when anything failed, so runbooks and
// CI notice.
int Run(string script, bool isFile)
{
    var result = engine.Invoke(script, display: true);
    bool failed = isFile ? result.Terminating != null : !result.Succeeded;
    return engine.Host.ExitCode ?? (failed ? 1 : 0);
}

string Quote(string s) => "'" + s.Replace("'", "''") + "'";

if (arguments.Count >= 2 && arguments[0].Equals("-File", StringComparison.OrdinalIgnoreCase))
{
    var path = Path.GetFullPath(arguments[1]);
    if (!File.Exists(path))
    {
        Console.Error.WriteLine($"The script file '{path}' does not exist.");
        return 2;
    }
    var rest = string.Join(" ", arguments.Skip(2).Select(a => a.StartsWith("-") ? a : Quote(a)));
    // "exit N" inside a script only leaves the script; pass its code on, as pwsh -File does.
    return Run($"$global:LASTEXITCODE = 0; & {Quote(path)} {rest}; exit $LASTEXITCODE", isFile: true);
}
if (arguments.Count >= 2 && arguments[0].Equals("-Command", StringComparison.OrdinalIgnoreCase))
    return Run(string.Join(" ", arguments.Skip(1)), isFile: false);
if (arguments.Count > 0)
{
    Console.Error.WriteLine("Usage: partnersecurity-runner [-NonInteractive] (-File <script.ps1> [arguments] | -Command <text>)");
    return 2;
}

Console.WriteLine($"PartnerSecurity runner: PowerShell {System.Management.Automation.PSVersionInfo.PSVersion}. Module path: {HostedEngine.ModuleRoot}. Type 'exit' to leave.");
while (true)
{
    Console.Write("PS> ");
    var line = Console.ReadLine();
    if (line == null || line.Trim().Equals("exit", StringComparison.OrdinalIgnoreCase)) return 0;
    if (line.Trim().Length > 0) Run(line, isFile: false);
}
