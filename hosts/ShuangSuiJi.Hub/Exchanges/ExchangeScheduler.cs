using Hangfire;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Hub.Startup;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Pulls;

namespace ShuangSuiJi.Hub.Exchanges;

/// <summary>
/// Once the store is ready (migrated and, on a fresh machine, seeded), registers the recurring pulls and — unless
/// <c>Exchange:PullOnStart</c> is false — runs each once right away, so a newcomer sees data move within minutes.
/// </summary>
internal sealed partial class ExchangeScheduler(
    IRecurringJobManager recurring, IBackgroundJobClient jobs, PullRunner runner, SeedState seed, IOptions<ExchangeOptions> options, IConfiguration configuration,
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
            ServiceCollectionExtensions.ScheduleExchangePulls(recurring, runner, options.Value);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or TimeZoneNotFoundException)
        {
            // A bad schedule must not take the API down; the log names it and the pulls can still be run by hand.
            LogScheduleFailed(ex);
            return;
        }

        LogScheduled(runner.Resources.Count());
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

    [LoggerMessage(Level = LogLevel.Error, Message = "The recurring pulls could not be scheduled; check Exchange:Schedules")]
    private partial void LogScheduleFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled {Count} recurring pulls")]
    private partial void LogScheduled(int count);
}
