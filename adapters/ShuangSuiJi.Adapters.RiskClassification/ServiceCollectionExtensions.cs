using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Adapters.RiskClassification;

public static class ServiceCollectionExtensions
{
    /// <summary>FX's options (section <c>Partners:FX</c>, validated at start) and its typed client sending the API key.</summary>
    public static IServiceCollection AddRiskClassificationAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FxOptions>()
            .Bind(configuration.GetSection(FxOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<FxClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<FxOptions>>().Value;
                http.BaseAddress = options.BaseUrl;
                http.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);

                // A full export of ten million rows takes minutes to stream; the resilience pipeline bounds attempts instead.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromMinutes(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(30);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromMinutes(20);
            });
        return services;
    }
}
