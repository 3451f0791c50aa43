using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Cli.Database;

/// <summary><c>ssj db migrate</c> and <c>ssj db seed</c>.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var migrate = new Command("migrate", "Create the store if missing and apply every pending migration.");
        var migrateStore = new StoreOptionsBinding();
        migrateStore.AddTo(migrate);
        migrate.SetAction(async (parse, ct) =>
        {
            await using var services = migrateStore.BuildServices(parse);
            var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
            var applied = await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(applied.Count == 0
                ? $"{options.Provider} store is up to date."
                : $"{options.Provider} store: applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            return ExitCodes.Success;
        });

        var targets = new Option<long>("--targets") { Description = "Number of targets to generate (100 to 10,000,000).", DefaultValueFactory = _ => 20_000 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed; the same seed gives the same province.", DefaultValueFactory = _ => new GeneratorOptions().Seed };
        var force = new Option<bool>("--force") { Description = "Seed even when the store already holds data." };
        targets.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<long>();
            if (value is < GeneratorOptions.MinTargets or > GeneratorOptions.MaxTargets)
            {
                r.AddError($"--targets must be between {GeneratorOptions.MinTargets:N0} and {GeneratorOptions.MaxTargets:N0}, got {value:N0}.");
            }
        });
        var seedCommand = new Command("seed", "Migrate, then load a generated province (Jiangxi) into the store.") { targets, seed, force };
        var seedStore = new StoreOptionsBinding();
        seedStore.AddTo(seedCommand);
        seedCommand.SetAction(async (parse, ct) =>
        {
            await using var services = seedStore.BuildServices(parse);
            var output = parse.InvocationConfiguration.Output;
            await services.GetRequiredService<StoreMigrator>().MigrateAsync(ct);
            var seeder = new ProvinceSeeder(services.GetRequiredService<HubDbContextFactory>(), services.GetRequiredService<Storage.Loading.BulkLoader>());
            if (!parse.GetValue(force) && !await seeder.IsEmptyAsync(ct))
            {
                parse.InvocationConfiguration.Error.WriteLine("The store already holds data; pass --force to load another province on top (keys will clash) or use an empty store.");
                return ExitCodes.UsageError;
            }

            var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = parse.GetValue(targets), Seed = parse.GetValue(seed) });
            var watch = Stopwatch.StartNew();
            var lastReport = TimeSpan.Zero;
            var progress = new InlineProgress<(string Kind, long Rows)>(p =>
            {
                if (watch.Elapsed - lastReport > TimeSpan.FromSeconds(2))
                {
                    lastReport = watch.Elapsed;
                    output.WriteLine($"  {p.Kind}: {p.Rows:N0} rows ({watch.Elapsed.TotalSeconds:F0} s)");
                }
            });
            var summaries = await seeder.SeedAsync(generator, progress, ct);
            foreach (var s in summaries)
            {
                output.WriteLine($"{s.Kind,-18} {s.Rows,12:N0} rows {s.Elapsed.TotalSeconds,8:F1} s {s.RowsPerSecond,12:N0} rows/s");
            }

            output.WriteLine($"Seeded {summaries.Sum(s => s.Rows):N0} rows in {watch.Elapsed.TotalSeconds:F1} s.");
            return ExitCodes.Success;
        });

        return new Command("db", "Manage the canonical store.") { migrate, seedCommand };
    }
}
