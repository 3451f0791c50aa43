using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ShuangSuiJi.Adapters.PenaltyCases;

public static class ServiceCollectionExtensions
{
    /// <summary>CF's options (section <c>Partners:CF</c>, validated at start) and its typed client, rate-limited under CF's ceiling.</summary>
    public static IServiceCollection AddPenaltyCasesAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CfOptions>()
            .Bind(configuration.GetSection(CfOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<CfClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<CfOptions>>().Value.BaseUrl)
            .AddResilienceHandler("CF", (pipeline, context) =>
            {
                var perSecond = context.ServiceProvider.GetRequiredService<IOptions<CfOptions>>().Value.RequestsPerSecond;

                // Paced, not bursty: one permit every 1/perSecond seconds (at most two in hand), so no second seen by CF
                // — whatever its window and the network's jitter — holds more than the limit. A queue rather than
                // failures: a burst of leads waits its turn instead of earning 429s.
                pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 2,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / perSecond),
                    QueueLimit = 10_000,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }));
                // Transient faults only: 429 is CfClient's to handle, waiting the Retry-After CF names.
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                        || (args.Outcome.Result is { } response && (int)response.StatusCode >= 500)),
                });
                pipeline.AddTimeout(TimeSpan.FromSeconds(30));
            });
        return services;
    }
}
