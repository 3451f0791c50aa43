using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>Registers evaluation links: options, the signing key, the service, antiforgery for the enterprise's form.</summary>
internal static class ServiceCollectionExtensions
{
    public static IServiceCollection AddEvaluationLinks(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(s => s.ServiceType == typeof(EvaluationLinks)))
        {
            throw new InvalidOperationException("AddEvaluationLinks was already called.");
        }

        services.AddOptions<EvaluationLinkOptions>()
            .Bind(configuration.GetSection(EvaluationLinkOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EvaluationLinkOptions>, ValidateEvaluationLinkOptions>();
        services.AddSingleton<EvaluationLinkKey>();
        services.AddSingleton<EvaluationLinks>();
        services.AddAntiforgery(o => o.Cookie.Name = "ssj.evaluate");
        return services;
    }
}
