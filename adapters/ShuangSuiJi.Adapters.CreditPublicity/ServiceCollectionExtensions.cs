using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Adapters.CreditPublicity;

public static class ServiceCollectionExtensions
{
    /// <summary>GS's options (section <c>Partners:GS</c>, validated at start) and its typed client with a standard resilience pipeline.</summary>
    public static IServiceCollection AddCreditPublicityAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GsOptions>()
            .Bind(configuration.GetSection(GsOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddHttpClient<GsClient>((sp, http) => http.BaseAddress = sp.GetRequiredService<IOptions<GsOptions>>().Value.BaseUrl)
            .AddStandardResilienceHandler();
        return services;
    }
}
