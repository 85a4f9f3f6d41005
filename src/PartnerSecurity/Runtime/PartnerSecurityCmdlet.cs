using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Connections;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Runtime
{
    /// <summary>
    /// Base of every cmdlet: runs the core's async work on a worker while all output happens on the
    /// pipeline thread, and turns Ctrl+C (StopProcessing) into cancellation of every HTTP call.
    /// </summary>
    public abstract class PartnerSecurityCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>Runs <paramref name="work"/> on a worker; its writes reach the pipeline as they are posted.</summary>
        private protected void Run(Func<CmdletPump, CancellationToken, Task> work)
        {
            using var pump = new CmdletPump(this, _stopping.Token);
            var task = Task.Run(async () =>
            {
                using (OperationLog.Use(pump))
                    await work(pump, _stopping.Token).ConfigureAwait(false);
            });
            try
            {
                pump.RunUntil(task);
            }
            catch (PSInvalidOperationException ex) when (DebugInNonInteractiveHost)
            {
                _stopping.Cancel();
                ThrowTerminatingError(DebugPromptRefused(ex));
            }
            catch
            {
                // The pipeline thread failed (a downstream command stopped the pipeline, say): stop the worker too.
                _stopping.Cancel();
                throw;
            }
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (PartnerSecurityException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ex.Target));
            }
            catch (System.Net.Http.HttpRequestException ex)
            {
                // What the HTTP pipeline gave up on (no answer, an unreadable answer): said plainly, not as .NET text.
                var error = Http.TransportErrors.Translate(ex, null);
                ThrowTerminatingError(ErrorRecords.From(error, error.Target));
            }
        }

        // -Debug makes PowerShell ask "Continue?" before each verbose, debug and warning message of a compiled cmdlet
        // (5.1 and 7 alike); a non-interactive host refuses the question. The cmdlet cannot answer it for PowerShell,
        // so it says what runbooks set instead (about_PartnerSecurity, "Runbooks").
        private bool DebugInNonInteractiveHost => MyInvocation.BoundParameters.ContainsKey("Debug") && !HostInteractivity.IsInteractive(Host);

        private static ErrorRecord DebugPromptRefused(Exception ex) =>
            new ErrorRecord(ex, "DebugNeedsInteractiveHost", ErrorCategory.InvalidOperation, null)
            {
                ErrorDetails = new ErrorDetails("-Debug makes PowerShell ask before each message, and this host is non-interactive.")
                {
                    RecommendedAction = "In a runbook or scheduled task, set $DebugPreference = 'Continue' (and $VerbosePreference = 'Continue') instead of giving -Debug.",
                },
            };

        /// <summary>What the module keeps for this PowerShell session. Read it on the pipeline thread (before Run), never on the worker.</summary>
        private protected ModuleSession Session => ModuleSession.Current;

        /// <summary>The session's connection, or a terminating error that says to connect first.</summary>
        private protected PartnerConnection RequireConnection()
        {
            var connection = Session.Connection;
            if (connection == null)
                ThrowTerminatingError(ErrorRecords.From(new PartnerSecurityException("NotConnected", ErrorKind.InvalidOperation,
                    "You are not connected.", "Run Connect-PartnerSecurity first (Connect-PartnerSecurity -Demo to try the module on the built-in demo tenant).")));
            return connection!;
        }
    }
}
