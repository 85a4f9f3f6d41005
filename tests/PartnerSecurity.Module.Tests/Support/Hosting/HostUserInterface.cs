using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace PartnerSecurity.Hosting
{
    /// <summary>
    /// The test host's text interface. Writes go to a TextWriter; prompts take scripted answers by choice label,
    /// and without one refuse, like pwsh -NonInteractive. Answers typed at a real console are tested in real
    /// pwsh (Terminal), never here.
    /// </summary>
    public sealed class HostUserInterface : PSHostUserInterface
    {
        private readonly TextWriter _out;
        private readonly object _gate = new object();

        public HostUserInterface(TextWriter output, int width)
        {
            _out = output;
            RawUI = new RawUserInterface(width);
        }

        /// <summary>Whether formatted output may carry ANSI colours (a real terminal); plain text otherwise.</summary>
        public bool Ansi { get; set; }
        public override PSHostRawUserInterface RawUI { get; }
        /// <summary>Answers for PromptForChoice, in order, by choice label (for example "Yes" or "No to All").</summary>
        public Queue<string> ScriptedChoices { get; } = new Queue<string>();
        /// <summary>Every prompt shown (caption and message), for tests.</summary>
        public List<string> Prompts { get; } = new List<string>();
        public List<ProgressRecord> Progress { get; } = new List<ProgressRecord>();

        // The engine styles table headers with VT sequences; custom hosts strip them themselves.
        private static readonly System.Text.RegularExpressions.Regex s_vt = new System.Text.RegularExpressions.Regex("\u001b\\[[0-9;?]*[A-Za-z]", System.Text.RegularExpressions.RegexOptions.Compiled);

        private void Emit(string text)
        {
            if (!Ansi) text = s_vt.Replace(text, string.Empty);
            lock (_gate) _out.Write(text);
        }

        public override void Write(string value) => Emit(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Emit(value);
        public override void WriteLine(string value) => Emit(value + "\n");
        public override void WriteErrorLine(string value) => Emit(value + "\n");
        public override void WriteDebugLine(string message) => Emit("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Emit("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Emit("WARNING: " + message + "\n");
        public override void WriteInformation(InformationRecord record) { }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            lock (_gate) Progress.Add(record);
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            Prompts.Add(caption + "\n" + message);
            if (ScriptedChoices.Count > 0)
            {
                var wanted = ScriptedChoices.Dequeue();
                for (int i = 0; i < choices.Count; i++)
                {
                    if (string.Equals(choices[i].Label.Replace("&", string.Empty), wanted, StringComparison.OrdinalIgnoreCase)) return i;
                }
                throw new InvalidOperationException($"The scripted answer '{wanted}' is not one of the choices.");
            }
            throw NotInteractive();
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            Prompts.Add(caption + "\n" + message);
            throw NotInteractive();
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw NotInteractive();
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();

        public override string ReadLine() => throw NotInteractive();

        public override SecureString ReadLineAsSecureString() => throw NotInteractive();

        private static PSInvalidOperationException NotInteractive() =>
            new PSInvalidOperationException("PowerShell is in NonInteractive mode. Read and Prompt functionality is not available.");
    }
}
