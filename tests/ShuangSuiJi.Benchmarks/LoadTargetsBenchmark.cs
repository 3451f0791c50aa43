using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Loading;

namespace ShuangSuiJi.Benchmarks;

/// <summary>
/// Loads N generated targets into a fresh SQLite store twice: through the hub's <see cref="BulkLoader"/> (EF Core)
/// and, as the baseline, through a raw ADO.NET prepared INSERT reused inside the same per-batch transactions.
/// Both write the same rows into the same migrated schema; the ratio is EF rows/s over raw rows/s.
/// </summary>
internal static class LoadTargetsBenchmark
{
    public const string Name = "load-targets";

    public static async Task<int> RunAsync(long count, int batchSize, DirectoryInfo? workDirectory, TextWriter output, CancellationToken cancellationToken)
    {
        var root = workDirectory ?? Directory.CreateTempSubdirectory("ssj-bench-");
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = count });
        output.WriteLine($"{Name}: {count:N0} targets, batches of {batchSize:N0}, SQLite under {root.FullName}");
        try
        {
            var raw = await MeasureAsync("raw ADO.NET", root, "raw", batchSize, output, (factory, options, ct) => RawInsertAsync(factory, generator.Targets(), options.BulkBatchSize, ct), cancellationToken);
            var ef = await MeasureAsync("EF BulkLoader", root, "ef", batchSize, output, async (factory, options, ct) =>
                (await new BulkLoader(factory, Options.Create(options), TimeProvider.System).LoadAsync(generator.Targets(), null, ct)).Rows, cancellationToken);

            var ratio = ef.RowsPerSecond / raw.RowsPerSecond;
            using var self = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Name}: {ratio:F2}x vs raw-ado-bulk-insert (EF BulkLoader {ef.RowsPerSecond:N0} rows/s vs raw ADO.NET {raw.RowsPerSecond:N0} rows/s; {count:N0} targets into SQLite; peak working set {self.PeakWorkingSet64 / (1024 * 1024):N0} MiB)"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (workDirectory is null)
            {
                root.Delete(recursive: true);
            }
        }
    }

    private sealed record Measurement(long Rows, TimeSpan Elapsed)
    {
        public double RowsPerSecond => Rows / Elapsed.TotalSeconds;
    }

    private static async Task<Measurement> MeasureAsync(
        string label, DirectoryInfo root, string folder, int batchSize, TextWriter output,
        Func<HubDbContextFactory, StorageOptions, CancellationToken, Task<long>> load, CancellationToken cancellationToken)
    {
        var options = new StorageOptions { DataDirectory = Path.Combine(root.FullName, folder), BulkBatchSize = batchSize };
        var factory = HubDbContextFactory.For(options);
        await new StoreMigrator(factory, NullLogger<StoreMigrator>.Instance).MigrateAsync(cancellationToken);
        GC.Collect();
        var watch = Stopwatch.StartNew();
        var rows = await load(factory, options, cancellationToken);
        watch.Stop();
        var size = new FileInfo(Path.Combine(options.DataDirectory, "hub.db")).Length;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {label,-14} {rows,12:N0} rows in {watch.Elapsed.TotalSeconds,7:F1} s = {rows / watch.Elapsed.TotalSeconds,10:N0} rows/s; file {size / (1024 * 1024):N0} MiB; managed heap {GC.GetTotalMemory(false) / (1024 * 1024):N0} MiB"));
        return new Measurement(rows, watch.Elapsed);
    }

    /// <summary>The baseline: one prepared command, parameters rebound per row, one transaction per batch.</summary>
    private static async Task<long> RawInsertAsync(HubDbContextFactory factory, IEnumerable<Target> targets, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(factory.Options.GetEffectiveConnectionString());
        await connection.OpenAsync(cancellationToken);
        string[] columns =
        [
            "CreditCode", "Name", "EntityType", "LegalRepresentative", "Address", "RegionCode", "RegistrationAuthorityCode",
            "EstablishedOn", "Status", "IndustryCode", "Tags", "RiskGrade", "SourcePartner", "SourceExchange", "ReceivedAt",
        ];
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO \"Targets\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var parameters = columns.Select(c => command.Parameters.Add("$" + c, SqliteType.Text)).ToArray();
        long rows = 0;
        SqliteTransaction? transaction = null;
        foreach (var t in targets)
        {
            if (transaction is null)
            {
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                command.Prepare();
            }

            parameters[0].Value = t.CreditCode;
            parameters[1].Value = t.Name;
            parameters[2].Value = t.EntityType.ToString();
            parameters[3].Value = t.LegalRepresentative;
            parameters[4].Value = t.Address;
            parameters[5].Value = t.RegionCode;
            parameters[6].Value = t.RegistrationAuthorityCode;
            parameters[7].Value = t.EstablishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            parameters[8].Value = t.Status.ToString();
            parameters[9].Value = t.IndustryCode;
            parameters[10].Value = JsonSerializer.Serialize(t.Tags);
            parameters[11].Value = (object?)t.RiskGrade?.ToString() ?? DBNull.Value;
            parameters[12].Value = t.Provenance.Partner;
            parameters[13].Value = t.Provenance.Exchange;
            parameters[14].Value = t.Provenance.ReceivedAt.UtcTicks;
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (++rows % batchSize == 0)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
                transaction = null;
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
            await transaction.DisposeAsync();
        }

        return rows;
    }
}
