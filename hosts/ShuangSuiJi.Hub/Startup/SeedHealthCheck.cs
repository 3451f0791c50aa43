using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ShuangSuiJi.Hub.Startup;

/// <summary>Not ready while the generated province is still loading; unhealthy if loading failed.</summary>
internal sealed class SeedHealthCheck(SeedState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state switch
        {
            { Error: { } error } => HealthCheckResult.Unhealthy($"seeding failed: {error}"),
            { Done: true } => HealthCheckResult.Healthy(state.Status),
            _ => HealthCheckResult.Unhealthy(state.Status),
        });
}
