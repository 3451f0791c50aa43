using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ShuangSuiJi.Adapters.NationalPlatform;

public static class ServiceCollectionExtensions
{
    /// <summary>ZJ's options (section <c>Partners:ZJ</c>, validated at start) and its signed, paced typed client.</summary>
    public static IServiceCollection AddNationalPlatformAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZjOptions>()
            .Bind(configuration.GetSection(ZjOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<ZjSigningHandler>();
        var client = services.AddHttpClient<ZjClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<ZjOptions>>().Value.BaseUrl);
        client.AddResilienceHandler("ZJ", (pipeline, context) =>
            {
                var perSecond = context.ServiceProvider.GetRequiredService<IOptions<ZjOptions>>().Value.RequestsPerSecond;

                // Paced, one permit every 1/n s: ticket polls and batches never bunch above ZJ's 5 per second.
                pipeline.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1,
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
                pipeline.AddTimeout(TimeSpan.FromSeconds(60));
            });

        // Inside the resilience handler: every attempt is signed afresh (new ts and nonce).
        client.AddHttpMessageHandler<ZjSigningHandler>();
        return services;
    }
}
