using System.Collections;
using System.Management.Automation;
using System.Security;
using PartnerSecurity.Hosting;

namespace PartnerSecurity.Module.Tests.Support;

/// <summary>
/// The token canary: everything a session showed or wrote (objects and every property, errors with their inner
/// exceptions, details and targets, warnings, verbose and debug messages, the screen, files) searched for every token,
/// code and secret the emulated cloud issued, and for the secrets the test itself handed in.
/// </summary>
public sealed class TokenCanary
{
    private readonly List<(string Where, string Text)> _haystacks = new();

    public int Haystacks => _haystacks.Count;

    public TokenCanary Add(InvocationResult result, string step)
    {
        foreach (var o in result.Output) _haystacks.AddRange(Describe(o, step + " output"));
        foreach (var e in result.Errors.Concat(result.Terminating == null ? Array.Empty<ErrorRecord>() : new[] { result.Terminating }))
        {
            _haystacks.Add((step + " error", e.ToString()));
            _haystacks.Add((step + " error exception", e.Exception.ToString())); // with every inner exception
            _haystacks.Add((step + " error details", (e.ErrorDetails?.Message ?? "") + (e.ErrorDetails?.RecommendedAction ?? "")));
            _haystacks.Add((step + " error target", e.TargetObject?.ToString() ?? ""));
            _haystacks.Add((step + " error invocation", e.InvocationInfo?.Line ?? ""));
        }
        _haystacks.AddRange(result.Warnings.Select(w => (step + " warning", w.Message)));
        _haystacks.AddRange(result.Verbose.Select(v => (step + " verbose", v.Message)));
        _haystacks.AddRange(result.Debug.Select(d => (step + " debug", d.Message)));
        return this;
    }

    public TokenCanary Add(string where, string text)
    {
        _haystacks.Add((where, text));
        return this;
    }

    /// <summary>Every file under the directories, but the protected token store and the test's own inputs.</summary>
    public TokenCanary AddFiles(params string[] directories)
    {
        foreach (var directory in directories.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                if (Path.GetFileName(file) == "sam-tokens.bin") continue; // the protected store itself
                if (file.EndsWith(".json") || file.EndsWith(".cer")) continue; // snapshots carry app secrets by design
                try { _haystacks.Add(("file " + file, File.ReadAllText(file))); } catch (IOException) { }
            }
        }
        return this;
    }

    public bool Searched(string where, string fragment) => _haystacks.Any(h => h.Where.Contains(where) && h.Text.Contains(fragment));

    /// <summary>Fails naming the place where a secret (shown by its first characters only) appeared.</summary>
    public void AssertNone(IEnumerable<string> secrets)
    {
        var list = secrets.Where(s => s.Length >= 16).Distinct().ToList();
        foreach (var (where, text) in _haystacks)
            foreach (var secret in list)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"A secret ({secret.Substring(0, 6)}...) appeared in the {where}.");
    }

    public static IEnumerable<(string, string)> Describe(PSObject o, string where)
    {
        yield return (where, o.ToString() ?? "");
        foreach (var property in o.Properties)
        {
            object? value;
            try { value = property.Value; } catch (GetValueInvocationException) { continue; }
            if (value is SecureString) continue; // compared only as SecureStrings, never converted
            if (value is IEnumerable items && value is not string)
                foreach (var item in items) yield return (where + "." + property.Name, item?.ToString() ?? "");
            else
                yield return (where + "." + property.Name, value?.ToString() ?? "");
        }
    }

    public static string StorageDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "PartnerSecurity");
}
