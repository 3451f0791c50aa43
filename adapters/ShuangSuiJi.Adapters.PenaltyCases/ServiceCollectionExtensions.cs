using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange.Resilience;

namespace ShuangSuiJi.Adapters.PenaltyCases;

public static class ServiceCollectionExtensions
{
    /// <summary>CF's options (section <c>Partners:CF</c>, validated at start) and its typed client, paced under CF's ceiling.</summary>
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
                pipeline.AddPaced(context.ServiceProvider.GetRequiredService<IOptions<CfOptions>>().Value.RequestsPerSecond, burst: 2, TimeSpan.FromSeconds(30)));
        return services;
    }
}
