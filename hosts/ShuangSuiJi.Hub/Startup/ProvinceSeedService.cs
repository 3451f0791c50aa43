using Microsoft.Extensions.Options;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Hub.Access;

namespace ShuangSuiJi.Hub.Startup;

/// <summary>
/// Loads a generated province into an empty store after start, so a fresh machine has data to look at.
/// Runs in the background; <c>/health/ready</c> reports progress and turns healthy when done.
/// </summary>
internal sealed partial class ProvinceSeedService(
    ProvinceSeeder seeder, IOptions<HubOptions> options, SeedState state, DepartmentScope scopes, ILogger<ProvinceSeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hub = options.Value;
        if (!hub.SeedOnStart)
        {
            state.Complete("seeding disabled");
            return;
        }

        try
        {
            if (!await seeder.IsEmptyAsync(stoppingToken))
            {
                state.Complete("store already holds data");
                return;
            }

            LogSeeding(logger, hub.SeedTargets, hub.Seed);
            var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = hub.SeedTargets, Seed = hub.Seed });
            var progress = new Progress(state);
            var summaries = await seeder.SeedAsync(generator, progress, stoppingToken);
            scopes.Invalidate(); // a tree read while the store was empty must not outlive the seed
            var total = summaries.Sum(s => s.Rows);
            LogSeeded(logger, total, summaries.Sum(s => s.Elapsed.TotalSeconds));
            state.Complete($"seeded {total} rows");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            state.Fail("seeding cancelled by shutdown");
        }
        catch (Exception ex)
        {
            // Not swallowed: logged, and the readiness check stays unhealthy with the reason.
            LogSeedFailed(logger, ex);
            state.Fail(ex.Message);
        }
    }

    private sealed class Progress(SeedState state) : IProgress<(string Kind, long Rows)>
    {
        public void Report((string Kind, long Rows) value) => state.Report($"seeding {value.Kind}: {value.Rows} rows");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store is empty: loading a generated province of {Targets} targets (seed {Seed})")]
    private static partial void LogSeeding(ILogger logger, long targets, ulong seed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated province loaded: {Rows} rows in {Seconds:F1} s")]
    private static partial void LogSeeded(ILogger logger, long rows, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the generated province failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
