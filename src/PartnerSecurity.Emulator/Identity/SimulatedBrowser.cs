using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Emulator.Http;

namespace PartnerSecurity.Emulator.Identity
{
    /// <summary>
    /// Stands in for the system browser in an interactive sign-in. Like a real browser it runs on its own:
    /// <see cref="OpenAsync"/> returns at once, then the browser loads the authorize URL from the emulator
    /// (where the simulated user signs in) and delivers the result to the client's loopback listener over a
    /// real local HTTP connection: a redirect (query) or the auto-submitted form (form_post).
    /// </summary>
    public sealed class SimulatedBrowser
    {
        private static readonly HttpClient s_loopback = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        private static readonly Regex s_formAction = new Regex("<form[^>]*action=\"(?<action>[^\"]+)\"", RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private static readonly Regex s_input = new Regex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.Compiled);
        private readonly HttpMessageInvoker _emulator;
        private int _signIns;

        public SimulatedBrowser(HttpMessageHandler emulator) => _emulator = new HttpMessageInvoker(emulator, disposeHandler: false);

        /// <summary>How many sign-ins this browser delivered to a client.</summary>
        public int SignIns => _signIns;

        /// <summary>The navigation started last, for tests that want to observe its outcome.</summary>
        public Task? LastNavigation { get; private set; }

        public Task OpenAsync(Uri authorizeUrl, CancellationToken cancellationToken = default)
        {
            LastNavigation = Task.Run(() => NavigateAsync(authorizeUrl, cancellationToken), cancellationToken);
            return Task.CompletedTask;
        }

        private async Task NavigateAsync(Uri authorizeUrl, CancellationToken cancellationToken)
        {
            var query = EmulatorRequest.ParseUrlEncoded(authorizeUrl.Query.TrimStart('?'));
            using var request = new HttpRequestMessage(HttpMethod.Get, authorizeUrl);
            using var page = await _emulator.SendAsync(request, cancellationToken).ConfigureAwait(false);
            HttpRequestMessage delivery;
            if (page.StatusCode == HttpStatusCode.Found && page.Headers.Location != null)
            {
                delivery = new HttpRequestMessage(HttpMethod.Get, page.Headers.Location);
            }
            else
            {
                var html = await page.Content.ReadAsStringAsync().ConfigureAwait(false);
                var action = s_formAction.Match(html);
                if (page.StatusCode == HttpStatusCode.OK && action.Success)
                {
                    var fields = s_input.Matches(html).Cast<Match>()
                        .Select(m => new KeyValuePair<string, string>(WebUtility.HtmlDecode(m.Groups["name"].Value), WebUtility.HtmlDecode(m.Groups["value"].Value)));
                    delivery = new HttpRequestMessage(HttpMethod.Post, WebUtility.HtmlDecode(action.Groups["action"].Value)) { Content = new FormUrlEncodedContent(fields) };
                }
                else if (query.TryGetValue("redirect_uri", out var redirect))
                {
                    // The sign-in page showed an error: the simulated user gives up and the client hears why,
                    // instead of waiting forever for a redirect that will not come.
                    var error = "access_denied&error_description=" + Uri.EscapeDataString("The sign-in page showed an error: " + html);
                    delivery = new HttpRequestMessage(HttpMethod.Get, redirect + (redirect.Contains("?") ? "&" : "?") + "error=" + error);
                }
                else return;
            }
            using (delivery)
            {
                if (delivery.RequestUri == null || !delivery.RequestUri.IsLoopback) return;
                await DeliverAsync(delivery, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The client starts its listener after opening the browser: retry briefly until it answers.</summary>
        private async Task DeliverAsync(HttpRequestMessage delivery, CancellationToken cancellationToken)
        {
            var body = delivery.Content == null ? null : await delivery.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var contentType = delivery.Content?.Headers.ContentType;
            for (int attempt = 0; ; attempt++)
            {
                using var copy = new HttpRequestMessage(delivery.Method, delivery.RequestUri);
                if (body != null)
                {
                    copy.Content = new ByteArrayContent(body);
                    copy.Content.Headers.ContentType = contentType;
                }
                // Counted before sending: the client may finish its sign-in before this browser reads the answer.
                Interlocked.Increment(ref _signIns);
                try
                {
                    using var response = await s_loopback.SendAsync(copy, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (HttpRequestException ex) when (attempt < 200 && ex.InnerException is SocketException)
                {
                    Interlocked.Decrement(ref _signIns);
                    await Task.Delay(25, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    Interlocked.Decrement(ref _signIns);
                    throw;
                }
            }
        }
    }
}
