using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ShuangSuiJi.Exchange.Resilience;

/// <summary>The resilience pipeline for partners with a request ceiling (CF 20/s, ZJ 5/s).</summary>
public static class PacedPipeline
{
    /// <summary>
    /// Paces requests at <paramref name="perSecond"/>, one permit every 1/n seconds with at most
    /// <paramref name="burst"/> in hand, so no second the partner sees — whatever its window and the network's jitter —
    /// holds more than the limit; bursts queue instead of earning 429s. Then retries transient faults only (5xx,
    /// connection failures, timeouts): a 429 is the client's to wait out for the Retry-After the partner names.
    /// </summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddPaced(this ResiliencePipelineBuilder<HttpResponseMessage> pipeline, int perSecond, int burst, TimeSpan attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / perSecond),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                || (args.Outcome.Result is { } response && (int)response.StatusCode >= 500)),
        });
        return pipeline.AddTimeout(attemptTimeout);
    }
}
