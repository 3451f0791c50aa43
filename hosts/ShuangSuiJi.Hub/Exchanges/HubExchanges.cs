using ShuangSuiJi.Reconciliation;
using Hangfire;
using Hangfire.PostgreSql;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Exchanges;

/// <summary>Where Hangfire keeps its jobs. Section <c>Hangfire</c>.</summary>
public enum HangfireStorageKind
{
    /// <summary>Follow the store: in-memory beside SQLite, PostgreSQL beside PostgreSQL, SQL Server beside SQL Server.</summary>
    Auto,

    InMemory,

    PostgreSql,

    SqlServer,
}

/// <summary>Composition of the running exchanges in the hub: partners, simulators, Hangfire and the exchange services.</summary>
internal static class HubExchanges
{
    /// <summary>
    /// The partner modules, from the assemblies <c>Hub:PartnerAssemblies</c> names (by default the mapping assembly
    /// shipped beside the hub). The hub itself names no partner: a new one is a module in such an assembly.
    /// </summary>
    public static IReadOnlyList<IPartnerModule> Modules(IConfiguration configuration) =>
        PartnerModules.Load(configuration.GetSection("Hub:PartnerAssemblies").Get<string[]>() is { Length: > 0 } names ? names : ["ShuangSuiJi.Mappings"]);

    /// <summary>
    /// Starts the partner stand-ins (simulators, from the assembly <c>Simulators:Assembly</c> names) in-process when no
    /// partner is configured and <c>Simulators:Enabled</c> is not false, pointing the adapters at them; returns them,
    /// to be disposed when the hub stops, or <see langword="null"/>.
    /// </summary>
    public static IPartnerStandIns? StartStandInsIfUnconfigured(ConfigurationManager configuration)
    {
        if (!configuration.GetValue("Simulators:Enabled", true) || Modules(configuration).Any(m => PartnerModules.IsConfigured(m, configuration)))
        {
            return null;
        }

        var hub = configuration.GetSection(HubOptions.SectionName).Get<HubOptions>() ?? new HubOptions();
        if (!System.ComponentModel.DataAnnotations.Validator.TryValidateObject(hub, new(hub), null, validateAllProperties: true))
        {
            return null; // the options validation at start names the bad key
        }

        var standIns = IPartnerStandIns.Start(configuration["Simulators:Assembly"] ?? "ShuangSuiJi.Simulators", hub.SeedTargets, hub.Seed);
        configuration.AddInMemoryCollection(standIns.Settings);
        return standIns;
    }

    public static IServiceCollection AddExchanges(this IServiceCollection services, IConfiguration configuration)
    {
        var partners = services.AddConfiguredPartners(configuration, Modules(configuration));
        services.AddSingleton(new ConfiguredPartners(partners));
        services.AddHubExchanges(configuration);
        services.AddReconciliation(configuration);
        if (!configuration.GetValue($"{ExchangeOptions.SectionName}:Enabled", true))
        {
            return services;
        }

        services.AddExchangeWorkers();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var kind = configuration.GetValue("Hangfire:Storage", HangfireStorageKind.Auto);
        if (kind == HangfireStorageKind.Auto)
        {
            kind = storage.Provider switch
            {
                StorageProvider.PostgreSql => HangfireStorageKind.PostgreSql,
                StorageProvider.SqlServer => HangfireStorageKind.SqlServer,
                _ => HangfireStorageKind.InMemory,
            };
        }

        var connection = configuration["Hangfire:ConnectionString"] ?? storage.ConnectionString;
        if (string.IsNullOrWhiteSpace(connection))
        {
            kind = HangfireStorageKind.InMemory; // the store's own validation at start names the missing connection string
        }

        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            switch (kind)
            {
                case HangfireStorageKind.PostgreSql:
                    // PostgreSQL locks are rows: a lock held by a killed hub is only freed once it is this old, so the
                    // other hubs wait that long for the job it was running (SQL Server's locks die with the connection).
                    hangfire.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connection), new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        DistributedLockTimeout = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Hangfire:LockTimeoutSeconds", 600), 5, 86_400)),
                    });
                    break;
                case HangfireStorageKind.SqlServer:
                    hangfire.UseSqlServerStorage(connection, new Hangfire.SqlServer.SqlServerStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
                    break;
                default:
                    hangfire.UseInMemoryStorage();
                    break;
            }
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = Math.Clamp(configuration.GetValue("Hangfire:WorkerCount", 4), 1, 64);
            o.ServerName = configuration[$"{ExchangeOptions.SectionName}:InstanceName"] ?? $"{Environment.MachineName}:{Environment.ProcessId}";
            o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        services.AddHostedService<ExchangeScheduler>();
        return services;
    }
}

/// <summary>The partners whose modules were registered.</summary>
public sealed record ConfiguredPartners(IReadOnlyList<string> Names);
