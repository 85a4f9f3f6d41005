using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerSecurity.Diagnostics;

namespace PartnerSecurity.Http
{
    /// <summary>
    /// Sends a request again on 429, 503, 504, connection failures and attempt time-outs, honouring
    /// Retry-After. Each retry sends a fresh copy of the captured request, so content and headers are
    /// identical. The caller's cancellation (Ctrl+C) stops an attempt or a wait at once.
    /// </summary>
    public sealed class RetryHandler : DelegatingHandler
    {
        private readonly RetryPolicy _policy;

        public RetryHandler(RetryPolicy policy, HttpMessageHandler inner) : base(inner) => _policy = policy;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var template = await RequestTemplate.CaptureAsync(request).ConfigureAwait(false);
            for (int attempt = 1; ; attempt++)
            {
                using var attemptRequest = attempt == 1 ? null : template.Create();
                using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                attemptTimeout.CancelAfter(_policy.AttemptTimeout);
                HttpResponseMessage response;
                string? failure = null;
                try
                {
                    response = await base.SendAsync(attemptRequest ?? request, attemptTimeout.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = "connection failed: " + ex.Message;
                    response = null!;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"no answer within {_policy.AttemptTimeout.TotalSeconds:0} s";
                    response = null!;
                }

                if (failure != null)
                {
                    if (attempt > _policy.MaxRetries)
                        throw new HttpRequestException($"{request.Method} {UrlRedactor.Redact(request.RequestUri)}: {failure} (after {attempt} attempts).");
                    var wait = _policy.Backoff(attempt);
                    OperationLog.Verbose($"{request.Method} {UrlRedactor.Redact(request.RequestUri)}: {failure}; retry {attempt} of {_policy.MaxRetries} in {wait.TotalSeconds:0.##} s.");
                    await _policy.Clock.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (!RetryPolicy.IsRetryable(response.StatusCode) || attempt > _policy.MaxRetries)
                    return response;

                var delay = _policy.DelayFor(response, attempt);
                OperationLog.Verbose($"{request.Method} {UrlRedactor.Redact(request.RequestUri)}: {(int)response.StatusCode}; retry {attempt} of {_policy.MaxRetries} in {delay.TotalSeconds:0.##} s.");
                response.Dispose();
                await _policy.Clock.DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
