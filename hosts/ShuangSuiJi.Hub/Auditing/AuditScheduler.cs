using Hangfire;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage.Audit;

namespace ShuangSuiJi.Hub.Auditing;

/// <summary>Registers the daily <see cref="AuditRetentionJob"/> with Hangfire at start, on the cron of <c>Audit:RetentionSchedule</c> (China time).</summary>
internal sealed partial class AuditScheduler(IRecurringJobManager recurring, IOptions<AuditOptions> options, ILogger<AuditScheduler> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<AuditRetentionJob>(AuditRetentionJob.Name, j => j.RunAsync(CancellationToken.None), options.Value.RetentionSchedule,
                new RecurringJobOptions { TimeZone = Integration.ServiceCollectionExtensions.ChinaTimeZone() });
        }
        catch (ArgumentException ex)
        {
            // A bad cron must not take the hub down; the log names the key, and `ssj audit` still works.
            LogScheduleFailed(ex, options.Value.RetentionSchedule);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "The audit retention job could not be scheduled: Audit:RetentionSchedule '{Cron}' is not a cron expression")]
    private partial void LogScheduleFailed(Exception ex, string cron);
}
