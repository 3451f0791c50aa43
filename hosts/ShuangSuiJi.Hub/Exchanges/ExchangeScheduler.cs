using Hangfire;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Hub.Startup;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Integration.Tickets;
using ShuangSuiJi.Reconciliation;

namespace ShuangSuiJi.Hub.Exchanges;

/// <summary>
/// Once the store is ready (migrated and, on a fresh machine, seeded), registers the recurring pulls and batch ticket
/// polls and — unless
/// <c>Exchange:PullOnStart</c> is false — runs each once right away, so a newcomer sees data move within minutes.
/// </summary>
internal sealed partial class ExchangeScheduler(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, PullRunner runner, BatchTicketJob tickets, SeedState seed, IOptions<ExchangeOptions> options, IOptions<ReconciliationOptions> reconciliation, IConfiguration configuration,
    ILogger<ExchangeScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!seed.Done && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(500, stoppingToken);
        }

        try
        {
            Integration.ServiceCollectionExtensions.ScheduleExchangePulls(recurring, runner, options.Value);
            Integration.ServiceCollectionExtensions.ScheduleBatchTicketPolls(recurring, tickets, options.Value);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeZoneNotFoundException)
        {
            // A bad schedule must not take the API down; the log names it and the pulls can still be run by hand.
            LogScheduleFailed(ex);
            return;
        }

        LogScheduled(runner.Resources.Count());
        ScheduleReconciliation();
        if (configuration.GetValue($"{ExchangeOptions.SectionName}:PullOnStart", true))
        {
            foreach (var resource in runner.Resources.Where(r => options.Value.Schedules.GetValueOrDefault(r.Name) != "off"))
            {
                var name = resource.Name;
                jobs.Enqueue<PullRunner>(r => r.RunAsync(name, CancellationToken.None));
            }

            jobs.Enqueue<WarningLightJob>(j => j.RunAsync(CancellationToken.None));
        }
    }

    private void ScheduleReconciliation()
    {
        var settings = reconciliation.Value;
        if (!settings.Enabled || settings.Pairs.Count == 0)
        {
            recurring.RemoveIfExists(ReconciliationJob.IncrementalName);
            recurring.RemoveIfExists(ReconciliationJob.FullName);
            return;
        }

        var zone = new RecurringJobOptions { TimeZone = Integration.ServiceCollectionExtensions.ChinaTimeZone() };
        recurring.AddOrUpdate<ReconciliationJob>(ReconciliationJob.IncrementalName, j => j.RunIncrementalAsync(CancellationToken.None), settings.Schedule, zone);
        recurring.AddOrUpdate<ReconciliationJob>(ReconciliationJob.FullName, j => j.RunFullAsync(CancellationToken.None), settings.FullSchedule, zone);
        if (configuration.GetValue($"{ExchangeOptions.SectionName}:PullOnStart", true))
        {
            // Once the first pulls are in, so the dashboard has figures within minutes of a first start.
            jobs.Schedule<ReconciliationJob>(j => j.RunFullAsync(CancellationToken.None), TimeSpan.FromSeconds(configuration.GetValue("Reconciliation:FirstRunDelaySeconds", 90)));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The recurring pulls could not be scheduled; check Exchange:Schedules")]
    private partial void LogScheduleFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} recurring pulls")]
    private partial void LogScheduled(int count);
}
