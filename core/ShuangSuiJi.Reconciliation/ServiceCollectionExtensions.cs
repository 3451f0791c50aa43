using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ShuangSuiJi.Reconciliation;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the reconciliation service and its options (section <c>Reconciliation</c>). Needs the exchanges registered (routes, signals).</summary>
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReconciliationService>();
        services.AddSingleton<ReconciliationJob>();
        return services;
    }
}

/// <summary>The scheduled runs of every configured pair (Hangfire recurring jobs call these).</summary>
public sealed class ReconciliationJob(ReconciliationService service)
{
    public const string IncrementalName = "reconcile";
    public const string FullName = "reconcile-full";

    [Hangfire.DisableConcurrentExecution(3600)]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task RunIncrementalAsync(CancellationToken cancellationToken) => service.RunAllAsync(full: false, cancellationToken);

    [Hangfire.DisableConcurrentExecution(3600)]
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public Task RunFullAsync(CancellationToken cancellationToken) => service.RunAllAsync(full: true, cancellationToken);
}
