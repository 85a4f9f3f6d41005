using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerSecurity.Authentication
{
    /// <summary>
    /// The loopback redirect target of an authorization-code sign-in (RFC 8252): listens on 127.0.0.1 on a
    /// free port, takes the browser's redirect (query) or form post (form_post), answers with a page that
    /// tells the person to return to PowerShell, and hands back the parameters. Nothing it receives is logged.
    /// </summary>
    internal sealed class LoopbackListener : IDisposable
    {
        private readonly TcpListener _listener;

        public LoopbackListener()
        {
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        }

        public int Port { get; }
        public string RedirectUri => $"http://localhost:{Port}/";

        /// <summary>Waits for the request that carries "code" or "error"; other requests (a favicon) are answered and ignored.</summary>
        public async Task<IReadOnlyDictionary<string, string>> WaitForResponseAsync(CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(() => _listener.Stop()))
            {
                while (true)
                {
                    TcpClient client;
                    try
                    {
                        client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                    }
                    catch (Exception) when (cancellationToken.IsCancellationRequested)
                    {
                        throw new OperationCanceledException(cancellationToken);
                    }
                    using (client)
                    {
                        var parameters = await ReadAsync(client.GetStream(), cancellationToken).ConfigureAwait(false);
                        bool done = parameters.ContainsKey("code") || parameters.ContainsKey("error");
                        await RespondAsync(client.GetStream(), done, parameters.ContainsKey("error")).ConfigureAwait(false);
                        if (done) return parameters;
                    }
                }
            }
        }

        private static async Task<Dictionary<string, string>> ReadAsync(Stream stream, CancellationToken cancellationToken)
        {
            var buffer = new byte[16384];
            var received = new MemoryStream();
            int headerEnd = -1;
            while (headerEnd < 0)
            {
                int n = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                received.Write(buffer, 0, n);
                headerEnd = IndexOf(received.ToArray(), "\r\n\r\n");
                if (received.Length > 1 << 20) break;
            }
            var all = received.ToArray();
            if (headerEnd < 0) return new Dictionary<string, string>();
            var head = Encoding.ASCII.GetString(all, 0, headerEnd);
            var lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
            var requestLine = lines[0].Split(' ');
            var target = requestLine.Length > 1 ? requestLine[1] : "/";
            int contentLength = 0;
            foreach (var line in lines)
            {
                if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    int.TryParse(line.Substring(15).Trim(), out contentLength);
            }
            var body = new MemoryStream();
            body.Write(all, headerEnd + 4, all.Length - headerEnd - 4);
            while (body.Length < contentLength)
            {
                int n = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (n == 0) break;
                body.Write(buffer, 0, n);
            }
            var query = target.Contains("?") ? target.Substring(target.IndexOf('?') + 1) : string.Empty;
            var parameters = Parse(query);
            if (requestLine[0] == "POST")
            {
                foreach (var pair in Parse(Encoding.UTF8.GetString(body.ToArray())))
                    parameters[pair.Key] = pair.Value;
            }
            return parameters;
        }

        private static Dictionary<string, string> Parse(string text)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in text.Split('&'))
            {
                if (pair.Length == 0) continue;
                int eq = pair.IndexOf('=');
                var name = Uri.UnescapeDataString((eq < 0 ? pair : pair.Substring(0, eq)).Replace('+', ' '));
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair.Substring(eq + 1).Replace('+', ' '));
                if (!result.ContainsKey(name)) result[name] = value;
            }
            return result;
        }

        private static int IndexOf(byte[] data, string marker)
        {
            var m = Encoding.ASCII.GetBytes(marker);
            for (int i = 0; i + m.Length <= data.Length; i++)
            {
                int j = 0;
                while (j < m.Length && data[i + j] == m[j]) j++;
                if (j == m.Length) return i;
            }
            return -1;
        }

        private static async Task RespondAsync(Stream stream, bool done, bool failed)
        {
            var text = !done ? "Waiting for the sign-in."
                : failed ? "The sign-in did not complete. Return to PowerShell to see why."
                : "Sign-in complete. You can close this window and return to PowerShell.";
            var html = "<html><head><title>PartnerSecurity</title></head><body><p>" + text + "</p></body></html>";
            var body = Encoding.UTF8.GetBytes(html);
            var header = Encoding.ASCII.GetBytes($"HTTP/1.1 {(done ? "200 OK" : "404 Not Found")}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(header, 0, header.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }

        public void Dispose() => _listener.Stop();
    }

    /// <summary>Opens a URL in the system browser.</summary>
    internal static class SystemBrowser
    {
        public static Task OpenAsync(Uri uri)
        {
            var url = uri.AbsoluteUri;
            System.Diagnostics.ProcessStartInfo info;
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
                info = new System.Diagnostics.ProcessStartInfo(url) { UseShellExecute = true };
            else if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.OSX))
                info = new System.Diagnostics.ProcessStartInfo("open", url) { UseShellExecute = false };
            else
                info = new System.Diagnostics.ProcessStartInfo("xdg-open", url) { UseShellExecute = false };
            try
            {
                using (System.Diagnostics.Process.Start(info)) { }
            }
            catch (Exception ex) when (ex is System.ComponentModel.Win32Exception || ex is InvalidOperationException)
            {
                throw new Diagnostics.PartnerSecurityException("BrowserUnavailable", Diagnostics.ErrorKind.ResourceUnavailable,
                    "No browser could be opened for the sign-in.", "Add -UseDeviceCode to sign in from another device.");
            }
            return Task.CompletedTask;
        }
    }
}
