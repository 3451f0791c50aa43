using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Adapters.Supervision;

public static class ServiceCollectionExtensions
{
    /// <summary>SUP's options (section <c>Partners:SUP</c>, validated at start) and its signed, resilient typed client.</summary>
    public static IServiceCollection AddSupervisionAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SupOptions>()
            .Bind(configuration.GetSection(SupOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<SupSigningHandler>();
        services.AddHttpClient<SupClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<SupOptions>>().Value.BaseUrl)
            .AddStandardResilienceHandler().Services
            .AddHttpClient<SupClient>()
            .AddHttpMessageHandler<SupSigningHandler>();
        return services;
    }
}
