using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Sends a request again on throttling, transient server failures, connection failures, attempt time-outs,
    /// a connection reset while the answer is read, and an answer that cannot be read (cut short, HTML, empty
    /// JSON), honouring Retry-After up to the policy's cap. Each retry sends a fresh copy of the captured
    /// request, so content and headers are identical. A request that must not be applied twice is sent again
    /// only when the server cannot have applied it (see <see cref="ResendRules"/>). A bearer token the server
    /// calls expired is renewed on each such refusal through <see cref="HttpPipeline.RenewBearer"/>. The caller's
    /// cancellation (Ctrl+C) stops an attempt or a wait at once. See docs/reliability.md.
    /// </summary>
    public sealed class RetryHandler : DelegatingHandler
    {
        private readonly RetryPolicy _policy;
        private readonly HttpPipeline? _pipeline;

        public RetryHandler(RetryPolicy policy, HttpMessageHandler inner) : this(policy, inner, null) { }

        internal RetryHandler(RetryPolicy policy, HttpMessageHandler inner, HttpPipeline? pipeline) : base(inner)
        {
            _policy = policy;
            _pipeline = pipeline;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var template = await RequestTemplate.CaptureAsync(request).ConfigureAwait(false);
            var what = $"{request.Method} {UrlRedactor.Redact(request.RequestUri)}";
            bool safe = ResendRules.IsSafe(request);
            string? authorization = null;
            for (int attempt = 1; ; attempt++)
            {
                using var attemptRequest = attempt == 1 ? null : template.Create(authorization);
                var outcome = await AttemptAsync(attemptRequest ?? request, safe, cancellationToken).ConfigureAwait(false);

                if (outcome.Failure != null)
                {
                    if (outcome.MayHaveBeenApplied && !safe)
                        throw new AmbiguousRequestException($"{what}: {outcome.Failure}. It was not sent again, since the server may have applied it.", outcome.Error);
                    if (attempt > _policy.MaxRetries)
                    {
                        var message = $"{what}: {outcome.Failure} (after {attempt} attempts).";
                        throw outcome.Malformed ? new MalformedResponseException(message, outcome.Error) : new HttpRequestException(message, outcome.Error);
                    }
                    var wait = _policy.Backoff(attempt);
                    OperationLog.Verbose($"{what}: {outcome.Failure}; retry {attempt} of {_policy.MaxRetries} in {wait.TotalSeconds:0.##} s.");
                    await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var response = outcome.Response!;
                if ((int)response.StatusCode == 401 && attempt <= _policy.MaxRetries && _pipeline?.RenewBearer is { } renew
                    && await TokenExpiredAsync(response).ConfigureAwait(false) && Bearer(attemptRequest ?? request) is string rejected)
                {
                    var renewed = await renew(rejected, cancellationToken).ConfigureAwait(false);
                    if (renewed != null && renewed != rejected)
                    {
                        OperationLog.Verbose($"{what}: 401, the access token expired; sending it again with a renewed token.");
                        authorization = "Bearer " + renewed;
                        response.Dispose();
                        continue;
                    }
                }

                int status = (int)response.StatusCode;
                if (!safe && RetryPolicy.IsRetryable(response.StatusCode, safeToResend: true) && !RetryPolicy.IsRetryable(response.StatusCode, safeToResend: false))
                {
                    response.Dispose();
                    throw new AmbiguousRequestException($"{what}: {status} {response.ReasonPhrase}. It was not sent again, since the server may have applied it.");
                }
                if (!RetryPolicy.IsRetryable(response.StatusCode, safe) || attempt > _policy.MaxRetries)
                {
                    // A server failure told in a gateway's HTML page, not in the service's words: no client can read it as an error.
                    if (status >= 500 && !ResponseIntegrity.IsJson(response))
                    {
                        response.Dispose();
                        throw new HttpRequestException($"{what}: {status} {response.ReasonPhrase}, answered by something other than the service (after {attempt} attempts).");
                    }
                    return response;
                }

                var delay = _policy.DelayFor(response, attempt, _policy.Clock.UtcNow, out var capped);
                if (capped != null)
                    OperationLog.Warning($"{what}: the server asked to wait before retrying with {capped}; waiting {delay.TotalSeconds:0.##} s instead, the longest this module waits.");
                OperationLog.Verbose($"{what}: {(int)response.StatusCode}; retry {attempt} of {_policy.MaxRetries} in {delay.TotalSeconds:0.##} s.");
                response.Dispose();
                await WaitAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Every wait between attempts goes through here.</summary>
        private Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => _policy.Clock.DelayAsync(delay, cancellationToken);

        private sealed class Outcome
        {
            public HttpResponseMessage? Response;
            public string? Failure;
            public Exception? Error;
            /// <summary>The server may have acted on the request (it answered, or the failure came after sending).</summary>
            public bool MayHaveBeenApplied;
            public bool Malformed;
        }

        /// <summary>One attempt: the answer and its whole body, within the attempt time-out, and checked.</summary>
        private async Task<Outcome> AttemptAsync(HttpRequestMessage request, bool safe, CancellationToken cancellationToken)
        {
            var outcome = new Outcome();
            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(_policy.AttemptTimeout);
            HttpResponseMessage? response = null;
            try
            {
                response = await base.SendAsync(request, attemptTimeout.Token).ConfigureAwait(false);
                outcome.MayHaveBeenApplied = true;
                var body = await ResponseIntegrity.BufferAsync(response, attemptTimeout.Token).ConfigureAwait(false);
                var problem = ResponseIntegrity.Problem(response, body);
                // A damaged refusal of a request that must not be sent twice is still a refusal: the server did not apply it.
                if (problem == null || (!safe && !response.IsSuccessStatusCode && (int)response.StatusCode < 500))
                {
                    outcome.Response = response;
                    return outcome;
                }
                outcome.Failure = problem;
                outcome.Malformed = true;
            }
            catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
            {
                outcome.Failure = response == null ? "connection failed: " + ex.Message : "the connection failed while the answer was read: " + ex.Message;
                outcome.MayHaveBeenApplied = response != null || !ResendRules.NeverSent(ex);
                outcome.Error = ex;
            }
            catch (Exception ex) when ((ex is OperationCanceledException || ex is ObjectDisposedException) && !cancellationToken.IsCancellationRequested)
            {
                outcome.Failure = $"no {(response == null ? "answer" : "complete answer")} within {_policy.AttemptTimeout.TotalSeconds:0.##} s";
                outcome.MayHaveBeenApplied = true;
                outcome.Error = ex;
            }
            catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
            {
                outcome.Failure = "the connection was reset while the answer was read: " + ex.Message;
                outcome.MayHaveBeenApplied = true;
                outcome.Error = ex;
            }
            response?.Dispose();
            return outcome;
        }

        private static string? Bearer(HttpRequestMessage request)
        {
            var header = request.Headers.Authorization;
            return header != null && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(header.Parameter) ? header.Parameter : null;
        }

        /// <summary>A 401 that says the token expired (Graph: "Access token has expired..."), not one that wants MFA, a role or another audience.</summary>
        private static async Task<bool> TokenExpiredAsync(HttpResponseMessage response)
        {
            if (response.Content == null) return false;
            var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            return text.IndexOf("expired", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
