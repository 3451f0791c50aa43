using Hangfire;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>The hub's side of the audit trail (the trail itself is registered with the store).</summary>
internal static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="RequestAudit"/> for the endpoints, the audit of runtime configuration changes and, where
    /// this instance runs Hangfire (after <c>AddExchanges</c>), the daily retention job.
    /// </summary>
    public static IServiceCollection AddHubAuditing(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<RequestAudit>();
        services.AddHostedService<ConfigurationAudit>();
        if (services.Any(d => d.ServiceType == typeof(IRecurringJobManager)))
        {
            services.AddTransient<AuditRetentionJob>();
            services.AddHostedService<AuditScheduler>();
        }

        return services;
    }
}
