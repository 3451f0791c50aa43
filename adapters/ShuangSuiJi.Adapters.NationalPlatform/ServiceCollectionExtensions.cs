using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange.Resilience;

namespace ShuangSuiJi.Adapters.NationalPlatform;

public static class ServiceCollectionExtensions
{
    /// <summary>ZJ's options (section <c>Partners:ZJ</c>, validated at start) and its signed typed client, paced under ZJ's 5/s.</summary>
    public static IServiceCollection AddNationalPlatformAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ZjOptions>()
            .Bind(configuration.GetSection(ZjOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<ZjSigningHandler>();
        services.AddHttpClient<ZjClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<ZjOptions>>().Value.BaseUrl)
            .AddResilienceHandler("ZJ", (pipeline, context) =>
                pipeline.AddPaced(context.ServiceProvider.GetRequiredService<IOptions<ZjOptions>>().Value.RequestsPerSecond, burst: 1, TimeSpan.FromSeconds(60)))
            .Services
            .AddHttpClient<ZjClient>()
            .AddHttpMessageHandler<ZjSigningHandler>(); // inside the resilience handler: every attempt is signed afresh
        return services;
    }
}
