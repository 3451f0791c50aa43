using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Loading;

namespace ShuangSuiJi.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the canonical store from the <c>Storage</c> section: options validated at start, the context
    /// factory, a scoped <see cref="HubDbContext"/>, the migrator, the bulk loader and the audit trail. Call once.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called a second time.</exception>
    public static IServiceCollection AddHubStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(HubDbContextFactory)))
        {
            throw new InvalidOperationException("AddHubStorage was already called; the store is registered once.");
        }

        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, ValidateStorageOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<HubDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<HubDbContextFactory>().CreateDbContext());
        services.AddSingleton<StoreMigrator>();
        services.AddSingleton<BulkLoader>();
        services.AddOptions<AuditOptions>()
            .Bind(configuration.GetSection(AuditOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IAuditTrail, AuditTrail>();
        services.AddSingleton<AuditRetention>();
        return services;
    }
}
