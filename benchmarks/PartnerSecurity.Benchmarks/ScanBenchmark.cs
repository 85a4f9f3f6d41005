using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartnerSecurity.ScriptAnalysis;

namespace PartnerSecurity.Benchmarks;

/// <summary>
/// Find-PartnerCredentialUsage over a generated script estate: a deterministic tree of scripts of mixed sizes (a few
/// MB in all) with a known set of planted findings of every kind, decoys that must not be reported (comments, strings,
/// here-strings, application-credential and Secure Application Model sign-ins) and a few files that do not parse (their
/// findings are still reported, marked). Scanned through the core (in parallel, then on one thread) and once through the
/// cmdlet in a fresh pwsh process; every run must find exactly what was planted.
/// Usage: scan [files=5000] [runs=3] | scan stop [MB=30] [trials=3] | scan fuzz [cases=20000] [seed=1] [nesting=3000]
/// </summary>
internal static partial class ScanBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0].Equals("stop", StringComparison.OrdinalIgnoreCase)) return StopAsync(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0].Equals("fuzz", StringComparison.OrdinalIgnoreCase)) return FuzzAsync(args.Skip(1).ToArray());
        return EstateAsync(args);
    }

    private static Task<int> EstateAsync(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
        int runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var root = Path.Combine(Path.GetTempPath(), "partnersecurity-scan-bench-" + Environment.ProcessId);
        try
        {
            var estate = Estate.Generate(root, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Estate: {estate.Files.Count} files, {estate.Bytes / 1048576.0:0.0} MB, {estate.Planted.Count} planted findings, {estate.Broken.Count} files that do not parse ({root})"));

            var problems = new List<ScanProblem>();
            var files = ScriptFiles.Expand(new[] { root }, recurse: true, include: null, problems.Add);
            if (files.Count != estate.Files.Count || problems.Count > 0) throw new InvalidOperationException($"Expected {estate.Files.Count} files, enumerated {files.Count}.");

            Check(estate, CredentialUsageScanner.ScanFiles(files).ToList()); // warm-up (JIT), checked too
            var parallel = new List<double>();
            var single = new List<double>();
            for (int i = 0; i < runs; i++)
            {
                parallel.Add(Time(() => Check(estate, CredentialUsageScanner.ScanFiles(files).ToList())));
                single.Add(Time(() => Check(estate, CredentialUsageScanner.ScanFiles(files, maxParallelism: 1).ToList())));
            }
            Console.WriteLine($"Core (CredentialUsageScanner.ScanFiles), {runs} runs after a warm-up, all planted findings found and nothing else:");
            Report($"parallel ({Environment.ProcessorCount} workers)", parallel, estate);
            Report("one thread", single, estate);

            var (cold, warm, found) = ThroughCmdlet(root);
            if (found != estate.Planted.Count) throw new InvalidOperationException($"The cmdlet found {found} findings; {estate.Planted.Count} were planted.");
            Console.WriteLine("Cmdlet (Find-PartnerCredentialUsage -Path <estate> -Recurse) in a fresh pwsh process, after Import-Module:");
            Report("first call (cold)", new[] { cold }, estate);
            Report("second call (warm)", new[] { warm }, estate);
            return Task.FromResult(0);
        }
        finally
        {
            if (Directory.Exists(root) && Environment.GetEnvironmentVariable("SCAN_BENCH_KEEP") != "1") Directory.Delete(root, recursive: true);
        }
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Report(string name, IReadOnlyList<double> samples, Estate estate)
    {
        var median = Measurements.Median(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-28} median {median,8:0} ms  {estate.Files.Count / (median / 1000),8:0} files/s  {estate.Bytes / 1048576.0 / (median / 1000),6:0.0} MB/s  (n={samples.Count})"));
    }

    /// <summary>Exactly the planted findings (those of broken files marked, and only those), and a parse problem for exactly the broken files.</summary>
    private static void Check(Estate estate, List<ScriptScanResult> results)
    {
        var findings = results.SelectMany(r => r.Findings).ToList();
        var found = findings.Select(f => (f.Path, f.Line, f.Kind)).ToHashSet();
        var missing = estate.Planted.Where(p => !found.Contains(p)).ToList();
        var extra = found.Where(f => !estate.Planted.Contains(f)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            throw new InvalidOperationException($"{missing.Count} planted findings missed (first: {missing.FirstOrDefault()}), {extra.Count} unexpected (first: {extra.FirstOrDefault()}).");
        var broken = results.Where(r => r.Problem != null).Select(r => r.Path).ToHashSet();
        if (!broken.SetEquals(estate.Broken)) throw new InvalidOperationException($"{broken.Count} files failed to parse; {estate.Broken.Count} were broken on purpose.");
        var wronglyMarked = findings.Where(f => f.FileHasParseErrors != estate.Broken.Contains(f.Path)).ToList();
        if (wronglyMarked.Count > 0) throw new InvalidOperationException($"{wronglyMarked.Count} findings marked wrongly (first: {wronglyMarked[0]}).");
        var lowGrants = findings.Count(f => f.Kind == FindingKind.PasswordGrant && f.Severity == FindingSeverity.Low);
        if (lowGrants != estate.ThirdPartyGrants) throw new InvalidOperationException($"{lowGrants} low-severity password grants; {estate.ThirdPartyGrants} were planted.");
    }

    private static (double Cold, double Warm, int Found) ThroughCmdlet(string root)
    {
        var quoted = "'" + root.Replace("'", "''") + "'";
        var script =
            $"Import-Module '{BenchPaths.ModuleManifest.Replace("'", "''")}' -ErrorAction Stop; " +
            "$times = foreach ($i in 1..2) { $w = [System.Diagnostics.Stopwatch]::StartNew(); " +
            $"$n = @(Find-PartnerCredentialUsage -Path {quoted} -Recurse -ErrorAction SilentlyContinue).Count; $w.Stop(); " +
            "$w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture) }; $n; $times[0]; $times[1]";
        var (exit, output) = Measurements.RunPwsh(script);
        if (exit != 0) throw new InvalidOperationException("The cmdlet run failed:\n" + output);
        var numbers = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())
            .Where(l => double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(l => double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        if (numbers.Count < 3) throw new InvalidOperationException("No figures in pwsh's output:\n" + output);
        return (numbers[^2], numbers[^1], (int)numbers[^3]);
    }

    /// <summary>The generated estate and what a correct scan reports.</summary>
    internal sealed class Estate
    {
        public List<string> Files { get; } = new();
        public long Bytes { get; set; }
        public HashSet<(string Path, int Line, FindingKind Kind)> Planted { get; } = new();
        public HashSet<string> Broken { get; } = new();
        public int ThirdPartyGrants { get; set; }

        // Lines that are findings, by kind. {0} varies the text so files are not all alike; a plant of several lines (\n)
        // is a finding on the line given by its offset.
        private static readonly (FindingKind Kind, string Lines, int Offset)[] s_plants =
        {
            (FindingKind.UserCredential, "Connect-MsolService -Credential $cred{0}", 0),
            (FindingKind.UserCredential, "Connect-AzureAD -Credential $cred{0} -TenantId $tenant", 0),
            (FindingKind.UserCredential, "Add-AzureRmAccount -Credential $cred{0}", 0),
            (FindingKind.UserCredential, "Connect-ExchangeOnline -Credential $cred{0} -ShowBanner:$false", 0),
            (FindingKind.UserCredential, "Connect-AzAccount -Cred $cred{0}", 0),
            (FindingKind.UserCredential, "Connect-SPOService https://contoso{0}-admin.sharepoint.com $cred{0}", 0),
            (FindingKind.UserCredential, "$splat{0} = @{{ Credential = $cred; TenantId = $tenant }}\nConnect-AzureAD @splat{0}", 1),
            (FindingKind.UserCredential, "Add-AzureAccount -Credential $cred{0}", 0),
            (FindingKind.UserCredential, "Connect-PowerBIServiceAccount -Credential $cred{0}", 0),
            (FindingKind.UserCredential, "$adal{0} = New-Object 'Microsoft.IdentityModel.Clients.ActiveDirectory.UserPasswordCredential' -ArgumentList $user, $password", 0),
            (FindingKind.UserCredential, "Add-PCAuthentication -cspappID $app -cspDomain $domain -credential $cred{0}", 0),
            (FindingKind.UserCredential, "$pc{0} = @{{ cspappID = $app; cspDomain = $domain; credential = $cred }}\nAdd-PCAuthentication @pc{0}", 1),
            (FindingKind.UserCredential, "$ctx.Credentials = New-Object Microsoft.SharePoint.Client.SharePointOnlineCredentials($user, $password{0})", 0),
            (FindingKind.UserCredential, "$sfb{0} = New-CsOnlineSession -Credential $cred{0}", 0),
            (FindingKind.UserCredential, "$token{0} = Get-MsalToken -ClientId $app -TenantId $tenant -UserCredential $cred", 0),
            (FindingKind.UserCredential, "$result{0} = $msal.AcquireTokenByUsernamePassword($scopes, $user, $password).ExecuteAsync()", 0),
            (FindingKind.UserCredential, "Connect-IPPSSession -Credential $cred{0}", 0),
            (FindingKind.PasswordGrant, "$body{0} = @{{ grant_type = 'password'; username = $user; password = $pass; client_id = $app }}", 0),
            (FindingKind.PasswordGrant, "$form{0} = \"grant_type=password&client_id=$app&username=$user&password=$pass\"", 0),
            (FindingKind.PasswordGrant, "$psa{0} = Invoke-RestMethod -Method Post -Uri 'https://auth.psa-vendor.example/oauth/token' -Body @{{ grant_type = 'password'; username = $u; password = $p }}", 0),
            (FindingKind.PlainTextPassword, "$secure{0} = ConvertTo-SecureString 'Pa55-{0}' -AsPlainText -Force", 0),
            (FindingKind.PlainTextPassword, "$c{0} = [pscredential]::new('svc{0}@contoso.com', 'Pa55-{0}')", 0),
            (FindingKind.PlainTextSecret, "$secret{0} = ConvertTo-SecureString 'Sp-{0}~secret' -AsPlainText -Force\nConnect-AzAccount -ServicePrincipal -Credential ([pscredential]::new($app, $secret{0})) -Tenant $tenant", 0),
            (FindingKind.BasicAuthRemoting, "$s{0} = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/ -Credential $cred -Authentication Basic -AllowRedirection", 0),
            (FindingKind.LegacyModule, "Import-Module MSOnline", 0),
            (FindingKind.LegacyModule, "Import-Module AzureRM.Profile -Force", 0),
            (FindingKind.LegacyModule, "Import-Module SkypeOnlineConnector", 0),
        };

        // Lines that look like findings to a text search and are not.
        private static readonly string[] s_decoys =
        {
            "# Connect-MsolService -Credential $cred{0}   (replaced by Graph)",
            "Write-Verbose 'Connect-AzureAD -Credential was removed in {0}'",
            "$help{0} = \"Run Connect-ExchangeOnline -Credential `$cred to connect\"",
            "Connect-AzAccount -ServicePrincipal -Credential $app{0} -Tenant $tenant",
            "Connect-ExchangeOnline -CertificateThumbprint $thumb -AppId $app -Organization contoso{0}.onmicrosoft.com",
            "$note{0} = 'Never use grant_type=password'",
            "Import-Module Az.Accounts",
            "Connect-PartnerCenter -ApplicationId $app -Credential $appCred{0} -RefreshToken $refreshToken",
            "$pcToken{0} = New-PartnerAccessToken -ApplicationId $app -Credential $appCred -RefreshToken $refreshToken -Scopes 'https://api.partnercenter.microsoft.com/user_impersonation'",
            "Add-AzureAccount -ServicePrincipal -Tenant $tenant -Credential $spCred{0}",
            "Connect-PowerBIServiceAccount -ServicePrincipal -Credential $spCred{0} -Tenant $tenant",
            "$iwa{0} = New-Object Microsoft.IdentityModel.Clients.ActiveDirectory.UserCredential -ArgumentList $upn",
            "$kv{0} = Get-Secret -Name 'psa-{0}' -AsPlainText",
        };

        internal static readonly string[] Filler =
        {
            "$users = Get-MgUser -All -Property Id, UserPrincipalName, AccountEnabled",
            "foreach ($user in $users) {{ if (-not $user.AccountEnabled) {{ $disabled += $user }} }}",
            "$report{0} = [pscustomobject]@{{ Tenant = $tenant; Users = $users.Count; Checked = (Get-Date) }}",
            "Write-Verbose \"Processed $($users.Count) users in tenant $tenant\"",
            "$licenses = Get-MgSubscribedSku | Where-Object {{ $_.ConsumedUnits -gt 0 }}",
            "if ($null -eq $context) {{ throw 'Not connected' }}",
            "$result{0} = Invoke-MgGraphRequest -Method GET -Uri 'https://graph.microsoft.com/v1.0/organization'",
            "$groups = @(Get-MgGroup -Filter \"displayName eq 'Admins {0}'\")",
            "$table[$key{0}] = @{{ Name = $name; Value = $value; Index = {0} }}",
            "Start-Sleep -Milliseconds 250",
        };

        public static Estate Generate(string root, int count)
        {
            var estate = new Estate();
            var random = new Random(6);
            for (int i = 0; i < count; i++)
            {
                var folder = Path.Combine(root, $"customer{i % 50:D2}", (i / 50 % 4) switch { 0 => "onboarding", 1 => "reports", 2 => "licensing", _ => "modules" });
                var extension = i % 23 == 0 ? ".psm1" : ".ps1";
                var path = Path.Combine(folder, $"script{i:D5}{extension}");
                Directory.CreateDirectory(folder);

                // Sizes: most small, some medium, a few large.
                int roll = random.Next(100);
                int targetBytes = roll < 75 ? random.Next(200, 800) : roll < 97 ? random.Next(1000, 3000) : random.Next(6000, 16000);
                var text = new StringBuilder();
                int line = 0;
                void Add(string value)
                {
                    text.Append(value).Append('\n');
                    line++;
                }

                Add($"# Tenant maintenance script {i}");
                Add("param([string] $tenant = 'contoso.onmicrosoft.com')");
                bool function = random.Next(3) == 0;
                if (function) Add($"function Invoke-Task{i} {{");
                var plantsHere = i % 7 == 0 ? 1 + random.Next(3) : 0;
                while (text.Length < targetBytes || plantsHere > 0)
                {
                    int pick = random.Next(100);
                    if (plantsHere > 0 && pick < 20)
                    {
                        var (kind, template, offset) = s_plants[random.Next(s_plants.Length)];
                        int first = line + 1;
                        foreach (var plantLine in string.Format(CultureInfo.InvariantCulture, template, i).Split('\n')) Add(plantLine);
                        estate.Planted.Add((path, first + offset, kind));
                        if (template.Contains("psa-vendor")) estate.ThirdPartyGrants++;
                        plantsHere--;
                    }
                    else if (pick < 30)
                    {
                        Add(string.Format(CultureInfo.InvariantCulture, s_decoys[random.Next(s_decoys.Length)], i));
                    }
                    else if (pick < 33)
                    {
                        Add("$template = @'");
                        Add("Connect-MsolService -Credential $cred");
                        Add("'@");
                    }
                    else
                    {
                        Add(string.Format(CultureInfo.InvariantCulture, Filler[random.Next(Filler.Length)], i));
                    }
                }
                if (function) Add("}");
                if (i % 397 == 5)
                {
                    // Broken on purpose: an unclosed block at the end. What comes before it is still scanned, its findings marked.
                    Add("function Broken-Block {");
                    estate.Broken.Add(path);
                }
                File.WriteAllText(path, text.ToString());
                estate.Files.Add(path);
                estate.Bytes += Encoding.UTF8.GetByteCount(text.ToString());
            }
            return estate;
        }
    }
}
