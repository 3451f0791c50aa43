using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage.Protection;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Loading;

namespace ShuangSuiJi.Storage;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the canonical store from the <c>Storage</c> section: options validated at start, the context
    /// factory, a scoped <see cref="HubDbContext"/>, the migrator, the bulk loader and the audit trail; the data key
    /// from the <c>Security</c> section (<see cref="DataKeys"/>). Call once.
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
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.SectionName));
        services.AddSingleton(sp => DataKeys.Load(
            sp.GetRequiredService<IOptions<SecurityOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            IsProduction(sp, configuration),
            sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(DataKeys))));
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

    /// <summary>
    /// Production as the host names it (an unnamed environment is production, as in ASP.NET Core); tools without a
    /// host (ssj) follow <c>DOTNET_ENVIRONMENT</c> / <c>ASPNETCORE_ENVIRONMENT</c> and otherwise count as development.
    /// </summary>
    public static bool IsProduction(IServiceProvider services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.GetService<IHostEnvironment>() is { } environment)
        {
            return environment.IsProduction();
        }

        var named = configuration["DOTNET_ENVIRONMENT"] ?? configuration["ASPNETCORE_ENVIRONMENT"];
        return string.Equals(named, Environments.Production, StringComparison.OrdinalIgnoreCase);
    }
}
