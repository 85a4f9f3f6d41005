using System.Diagnostics;
using System.Text;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// Real pwsh in a real console: a pseudo-terminal made by util-linux `script`, sized with stty, so pwsh's console
/// host sees a terminal (not redirected input or output) and reads typed answers the way it reads them from a person.
/// Like a terminal emulator, this answers pwsh's cursor-position queries (ESC[6n); answers to prompts are typed
/// when the prompt's text appears on screen, one after the other.
/// </summary>
public static class Terminal
{
    public sealed record Screen(int ExitCode, string Raw, int Answered, IReadOnlyList<string> Unanswered)
    {
        /// <summary>What the terminal showed, without ANSI sequences.</summary>
        public string Text => Pwsh.Plain(Raw);
        public override string ToString() => $"exit {ExitCode}, {Answered} answered, unanswered: [{string.Join(", ", Unanswered)}]\n{Text}";
    }

    /// <summary>A prompt to wait for (text on screen) and the line to type when it appears.</summary>
    public sealed record Answer(string Prompt, string Line);

    /// <summary>
    /// Runs a script file in pwsh in a terminal of the given width, typing the answers as their prompts appear, in
    /// order; once they are used up, <paramref name="always"/> answers every further prompt it matches.
    /// </summary>
    public static Screen RunFile(string scriptPath, int width, IReadOnlyList<Answer>? answers = null, Answer? always = null, TimeSpan? timeout = null)
    {
        var pwsh = string.Join(" ", Pwsh.CommandLine(nonInteractive: false).Select(ShellQuote)) + " -File " + ShellQuote(scriptPath);
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-q", "-f", "-e", "-c", $"stty cols {width} rows 50; exec {pwsh}", "/dev/null" }) info.ArgumentList.Add(argument);
        Pwsh.Prepare(info.Environment);
        info.Environment["TERM"] = "xterm-256color";

        answers ??= Array.Empty<Answer>();
        var raw = new StringBuilder();
        var gate = new object();
        using var process = Process.Start(info)!;
        var input = process.StandardInput;
        var reader = Task.Run(() =>
        {
            var decoder = Encoding.UTF8.GetDecoder();
            var bytes = new byte[4096];
            var chars = new char[8192];
            int read;
            while ((read = process.StandardOutput.BaseStream.Read(bytes, 0, bytes.Length)) > 0)
            {
                int count = decoder.GetChars(bytes, 0, read, chars, 0);
                lock (gate) raw.Append(chars, 0, count);
            }
        });
        _ = process.StandardError.ReadToEndAsync();

        int queriesAnswered = 0, next = 0, searchFrom = 0, answered = 0;
        var watch = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        while (!process.HasExited)
        {
            if (watch.Elapsed > limit)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"pwsh in a terminal did not finish; screen so far:\n{Pwsh.Plain(Snapshot())}");
            }
            string text = Snapshot();
            int queries = Count(text, "\u001b[6n");
            for (; queriesAnswered < queries; queriesAnswered++) Type("\u001b[1;1R");
            var answer = next < answers.Count ? answers[next] : always;
            if (answer != null)
            {
                var plain = Pwsh.Plain(text);
                int at = plain.IndexOf(answer.Prompt, Math.Min(searchFrom, plain.Length), StringComparison.Ordinal);
                if (at >= 0)
                {
                    searchFrom = at + answer.Prompt.Length;
                    Type(answer.Line + "\r");
                    if (next < answers.Count) next++;
                    answered++;
                }
            }
            Thread.Sleep(20);
        }
        reader.Wait(TimeSpan.FromSeconds(10));
        return new Screen(process.ExitCode, Snapshot(), answered, answers.Skip(next).Select(a => a.Prompt).ToList());

        string Snapshot() { lock (gate) return raw.ToString(); }
        void Type(string keys)
        {
            try { input.Write(keys); input.Flush(); }
            catch (IOException) { /* the process ended while typing */ }
        }
    }

    private static int Count(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + what.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
