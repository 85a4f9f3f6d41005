using System.Diagnostics;
using System.Text;
using PartnerSecurity.ScriptAnalysis;

namespace PartnerSecurity.ScriptAnalysis.Fuzzing;

/// <summary>How one fuzz case ended.</summary>
public enum FuzzOutcome
{
    /// <summary>Scanned; no finding.</summary>
    Clean,
    /// <summary>Scanned; findings.</summary>
    Findings,
    /// <summary>Does not parse: a parse error, with the findings of the part the parser read.</summary>
    ParseError,
    /// <summary>A clear per-file error other than a parse error (too large, not a regular file...).</summary>
    FileError,
    /// <summary>The analysis threw and was caught as "the analysis failed": a bug to fix.</summary>
    AnalysisFailed,
    /// <summary>An exception escaped the scanner: a crash.</summary>
    Crash,
    /// <summary>A case took longer than the hang limit.</summary>
    Hang,
    /// <summary>A case allocated more than its memory bound.</summary>
    MemoryBlowup,
    /// <summary>A finding broke an invariant (a line outside the text, an unmasked literal...).</summary>
    Invalid,
}

/// <summary>The figures of one fuzz run.</summary>
public sealed class FuzzReport
{
    public int Seed { get; init; }
    public int Cases { get; set; }
    public int FileCases { get; set; }
    public long InputBytes { get; set; }
    public Dictionary<FuzzOutcome, int> Outcomes { get; } = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);
    public List<string> Failures { get; } = new();
    public TimeSpan Elapsed { get; set; }
    public TimeSpan Slowest { get; set; }
    public long MostAllocated { get; set; }

    public bool Passed => Failures.Count == 0;

    public override string ToString() =>
        $"seed {Seed}: {Cases} cases ({FileCases} through files), {InputBytes / 1024.0:0} KB in, {Elapsed.TotalSeconds:0.0} s; " +
        string.Join(", ", Outcomes.Where(o => o.Value > 0).Select(o => $"{o.Key} {o.Value}")) +
        $"; slowest case {Slowest.TotalMilliseconds:0} ms, most allocated {MostAllocated / 1048576.0:0.0} MB";
}

/// <summary>
/// Seeded fuzzing of the script scanner: realistic fragments spliced, cut, duplicated and sprinkled with hostile
/// characters (quotes, braces, backticks, dashes PowerShell reads as hyphens, NULs, lone surrogates, BOMs), deep
/// nesting, unterminated strings and comments, long lines; every few cases the bytes go through a file with a random
/// encoding or invalid bytes. Each case must end in findings, no finding, or a clear per-file error: never an escaped
/// exception, a hang, unbounded memory, or a finding outside the text. Shared by the unit test (a bounded run) and the
/// benchmark's longer run (partnersecurity-bench scan fuzz).
/// </summary>
public sealed class ScriptFuzzer
{
    private static readonly string[] s_fragments =
    {
        "Connect-MsolService -Credential $cred",
        "$cred = Get-Credential -Message 'admin'",
        "Connect-AzureAD -Credential (Get-Credential)",
        "$p = @{ Credential = $c; TenantId = $t }\nConnect-AzureAD @p",
        "$s = ConvertTo-SecureString 'Pa55w.rd' -AsPlainText -Force",
        "$c = [pscredential]::new('u@contoso.com', $s)",
        "Connect-PartnerCenter -ApplicationId $app -Credential $appCred -RefreshToken $rt",
        "New-PartnerAccessToken -Credential $c -RefreshToken $rt -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation'",
        "Add-AzureAccount -Credential $cred",
        "Connect-PowerBIServiceAccount -Credential $cred",
        "$u = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential' -ArgumentList $n, $pw",
        "$r = [Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContextIntegratedAuthExtensions]::AcquireTokenAsync($ctx, $res, $id, $u)",
        "Add-PCAuthentication -cspappID $id -cspDomain $d -credential $cred",
        "$ctx.Credentials = New-Object Microsoft.SharePoint.Client.SharePointOnlineCredentials($user, $pw)",
        "New-CsOnlineSession -Credential $cred | Import-PSSession",
        "Get-MsalToken -ClientId $id -TenantId $t -UserCredential $cred",
        "$app.AcquireTokenByUsernamePassword($scopes, $u, $p).ExecuteAsync()",
        "$body = @{ grant_type = 'password'; username = $u; password = $p }\nInvoke-RestMethod -Uri 'https://login.microsoftonline.com/x/oauth2/token' -Body $body",
        "Invoke-RestMethod -Method Post -Uri 'https://auth.vendor.example/token' -Body \"grant_type=password&username=$u&password=$p\"",
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Authentication Basic -Credential $c",
        "Import-Module MSOnline",
        "#Requires -Modules AzureAD",
        "using module AzureRM.Profile",
        "function Connect-MsolService { param($Credential) }",
        "Import-PfxCertificate -FilePath x.pfx -Password (ConvertTo-SecureString 'k' -AsPlainText -Force)",
        "$t = @'\nConnect-MsolService -Credential $cred\n'@",
        "$t = @\"\nConnect-AzAccount -Credential `$cred $($x)\n\"@",
        "<# Connect-MsolService -Credential $cred #>",
        "# Add-AzureAccount -Credential $c",
        "Write-Host \"grant_type=password is gone\"",
        "workflow W { Add-AzureRmAccount -Credential $c }",
        "class T { [void] M([pscredential] $c) { Connect-AzureAD -Credential $c } }",
        "foreach ($t in $tenants) { Connect-ExchangeOnline -Credential $cred -DelegatedOrganization $t }",
        "$tenants | ForEach-Object -Parallel { Connect-MicrosoftTeams -Credential $using:c }",
        "switch -Regex ($x) { 'a' { Connect-SPOService -Url $u -Credential $c } default { } }",
        "try { Login-AzureRmAccount -Credential $c } catch { throw } finally { }",
        "$params.Credential = $cred; $params['TenantId'] = $t; $params.Remove('x')",
        "& 'Connect-AzureAD' -Cred:$c",
        "MSOnline\\Connect-MsolService -C $c",
        "Connect-PnPOnline -Url $u -Credentials $c -ClientSecret 'abc'",
        "$x = $a -f $b + \"https://$h/oauth2/token\"",
        "Add-PowerAppsAccount -Username $c.UserName -Password $c.Password",
        "Connect-CrmOnline -Credential $c -ServerUrl https://x.crm.dynamics.com",
    };

    private static readonly string[] s_hostile =
    {
        "{", "}", "(", ")", "[", "]", "@{", "@(", "$(", "$", "'", "\"", "`", "#", "<#", "#>", "@'", "'@", "@\"", "\"@", "|", "&", ";", ",", "\n", "\r",
        "\r\n", "\t", "\0", " ", "-", "\u2013", "\u2014", "\u2015", "\u201C", "\u201D", "\u2018", "\u2019", "\uFEFF", "\uD800", "\uDC00", "\u00A0",
        "::", ".", "..", "=", "+=", "-f", "-Credential", "-AsPlainText", "grant_type=password", "::new(", "\u0085", "\u2028", "\x1b[2J",
    };

    private readonly Random _random;
    private readonly int _maxNesting;
    private readonly string _folder;

    public ScriptFuzzer(int seed, string folder, int maxNesting = 300)
    {
        Seed = seed;
        _random = new Random(seed);
        _maxNesting = maxNesting;
        _folder = folder;
    }

    public int Seed { get; }

    /// <summary>A case allocating more than this (plus 2,000 bytes per input byte) is a blow-up.</summary>
    public long MemoryAllowance { get; init; } = 256L * 1024 * 1024;

    /// <summary>For investigating a failure: the number of the case whose input (as text, UTF-8) is written to <see cref="KeepCaseTo"/>.</summary>
    public int? KeepCase { get; init; }
    public string? KeepCaseTo { get; init; }

    /// <summary>A case slower than this is a hang.</summary>
    public TimeSpan HangLimit { get; init; } = TimeSpan.FromSeconds(20);

    public FuzzReport Run(int cases, IReadOnlyList<string>? seeds = null)
    {
        var report = new FuzzReport { Seed = Seed };
        Directory.CreateDirectory(_folder);
        var total = Stopwatch.StartNew();
        for (int i = 0; i < cases; i++)
        {
            var text = Generate(seeds);
            bool throughFile = i % 5 == 4;
            report.Cases++;
            if (throughFile) report.FileCases++;
            FuzzOutcome outcome;
            string detail = string.Empty;
            var watch = Stopwatch.StartNew();
            long allocated = 0;
            byte[]? bytes = null;
            string? path = null;
            if (throughFile)
            {
                bytes = Encode(text);
                path = Path.Combine(_folder, $"case{i:D6}.ps1");
                File.WriteAllBytes(path, bytes);
            }
            report.InputBytes += bytes?.Length ?? Encoding.UTF8.GetByteCount(text);
            if (KeepCase == i && KeepCaseTo != null) File.WriteAllText(KeepCaseTo, text);
            var result = RunWithLimit(() => path != null ? CredentialUsageScanner.ScanFile(path) : CredentialUsageScanner.ScanText(text, "/fuzz/case.ps1"),
                out allocated, out var error);
            if (path != null) File.Delete(path);
            if (error is TimeoutException)
            {
                outcome = FuzzOutcome.Hang;
                detail = $"no result within {HangLimit.TotalSeconds:0} s";
            }
            else if (error != null || result == null)
            {
                outcome = FuzzOutcome.Crash;
                detail = error == null ? "no result" : error.GetType().Name + ": " + error.Message;
            }
            else
            {
                outcome = Classify(result, text, out detail);
                long bound = MemoryAllowance + 2000L * (bytes?.Length ?? text.Length * 2);
                if (allocated > bound && outcome < FuzzOutcome.AnalysisFailed)
                {
                    outcome = FuzzOutcome.MemoryBlowup;
                    detail = $"{allocated / 1048576} MB for {text.Length} characters";
                }
            }
            watch.Stop();
            if (watch.Elapsed > report.Slowest) report.Slowest = watch.Elapsed;
            if (allocated > report.MostAllocated) report.MostAllocated = allocated;
            report.Outcomes[outcome]++;
            if (outcome >= FuzzOutcome.AnalysisFailed)
                report.Failures.Add($"case {i} ({outcome}): {detail}; input {Escape(text, 300)}");
        }
        report.Elapsed = total.Elapsed;
        return report;
    }

    /// <summary>
    /// Runs one scan on its own thread, with the stack the scanner's workers have: a case that never returns is a hang
    /// (the thread is left behind, as a background thread), and the allocations are those of the scan alone.
    /// </summary>
    private ScriptScanResult? RunWithLimit(Func<ScriptScanResult> scan, out long allocated, out Exception? error)
    {
        ScriptScanResult? result = null;
        Exception? failure = null;
        long bytes = 0;
        var thread = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                result = scan();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        }, 10 * 1024 * 1024) { IsBackground = true, Name = "fuzz case" };
        thread.Start();
        if (!thread.Join(HangLimit))
        {
            allocated = 0;
            error = new TimeoutException();
            return null;
        }
        allocated = bytes;
        error = failure;
        return result;
    }

    private static FuzzOutcome Classify(ScriptScanResult result, string text, out string detail)
    {
        detail = string.Empty;
        int lines = 1;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r') { if (i + 1 < text.Length && text[i + 1] == '\n') i++; lines++; }
            else if (text[i] == '\n') lines++;
        }
        foreach (var finding in result.Findings)
        {
            if (finding.Line < 1 || finding.Line > lines + 1 || finding.Column < 1)
            {
                detail = $"finding at {finding.Line}:{finding.Column} outside {lines} lines";
                return FuzzOutcome.Invalid;
            }
            if (finding.Snippet.Length > 240 || finding.Recommendation.Length == 0)
            {
                detail = "snippet too long or recommendation empty";
                return FuzzOutcome.Invalid;
            }
        }
        if (result.Problem == null) return result.Findings.Count > 0 ? FuzzOutcome.Findings : FuzzOutcome.Clean;
        if (string.IsNullOrWhiteSpace(result.Problem.Message) || !result.Problem.Message.Contains(result.Path, StringComparison.Ordinal))
        {
            detail = "a problem whose message does not name the file: " + result.Problem.Message;
            return FuzzOutcome.Invalid;
        }
        if (result.Problem.Message.Contains("the analysis failed", StringComparison.Ordinal))
        {
            detail = result.Problem.Message;
            return FuzzOutcome.AnalysisFailed;
        }
        return result.Problem.Kind == ScanProblemKind.ParseError ? FuzzOutcome.ParseError : FuzzOutcome.FileError;
    }

    private string Generate(IReadOnlyList<string>? seeds)
    {
        var builder = new StringBuilder();
        int pieces = 1 + _random.Next(6);
        for (int p = 0; p < pieces; p++)
        {
            if (seeds != null && seeds.Count > 0 && _random.Next(4) == 0)
            {
                var seed = seeds[_random.Next(seeds.Count)];
                int start = _random.Next(seed.Length + 1);
                builder.Append(seed, start, Math.Min(seed.Length - start, 1 + _random.Next(2000)));
            }
            else
            {
                builder.Append(s_fragments[_random.Next(s_fragments.Length)]);
            }
            builder.Append(_random.Next(3) == 0 ? "; " : "\n");
        }
        var text = builder.ToString();
        int mutations = _random.Next(5);
        for (int m = 0; m < mutations; m++) text = Mutate(text);
        return text;
    }

    private string Mutate(string text)
    {
        int at = _random.Next(text.Length + 1);
        switch (_random.Next(8))
        {
            case 0: // delete a span
                return text.Remove(at, Math.Min(text.Length - at, _random.Next(40)));
            case 1: // insert hostile tokens
            {
                var insert = new StringBuilder();
                for (int i = _random.Next(1, 6); i > 0; i--) insert.Append(s_hostile[_random.Next(s_hostile.Length)]);
                return text.Insert(at, insert.ToString());
            }
            case 2: // duplicate a span
            {
                int length = Math.Min(text.Length - at, _random.Next(200));
                return text.Insert(at, text.Substring(at, length));
            }
            case 3: // deep nesting around the text
            {
                int depth = 1 + _random.Next(_maxNesting);
                var (open, close) = _random.Next(4) switch
                {
                    0 => ("& { ", " }"),
                    1 => ("if ($x) { ", " }"),
                    2 => ("(", ")"),
                    _ => ("@(", ")"),
                };
                return string.Concat(Enumerable.Repeat(open, depth)) + text + string.Concat(Enumerable.Repeat(close, _random.Next(2) == 0 ? depth : _random.Next(depth + 1)));
            }
            case 4: // unterminated string, here-string or comment
                return text.Insert(at, new[] { "'", "\"", "@'\n", "@\"\n", "<#", "$(" }[_random.Next(6)]);
            case 5: // a long line
                return text.Insert(at, new string('a', _random.Next(1000, 20000)) + " ");
            case 6: // a random code point, possibly a control character
                return text.Insert(at, ((char)_random.Next(0, 0x3000)).ToString());
            default: // swap two halves
                return text.Substring(at) + "\n" + text.Substring(0, at);
        }
    }

    /// <summary>The text's bytes in an encoding PowerShell scripts come in, or damaged ones.</summary>
    private byte[] Encode(string text)
    {
        switch (_random.Next(7))
        {
            case 0: return Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            case 1: return Encoding.Unicode.GetBytes(text); // UTF-16LE without BOM
            case 2: return Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();
            case 3: return Encoding.BigEndianUnicode.GetBytes(text);
            case 4: return Encoding.Latin1.GetBytes(text); // invalid UTF-8 wherever it is not ASCII: the ANSI fallback
            case 5:
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                for (int i = _random.Next(4); i > 0 && bytes.Length > 0; i--) bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
                return bytes;
            }
            default: return Encoding.UTF8.GetBytes(text);
        }
    }

    private static string Escape(string text, int max)
    {
        var cut = text.Length > max ? text.Substring(0, max) + "…" : text;
        var builder = new StringBuilder();
        foreach (var c in cut) builder.Append(c < ' ' || (c >= 0xD800 && c <= 0xDFFF) ? $"\\u{(int)c:X4}" : c.ToString());
        return builder.ToString();
    }
}
