using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ShuangSuiJi.Storage.Loading;

/// <summary>
/// Inserts a stream of records in fixed-size batches, one transaction and one fresh context per batch, so memory
/// stays flat however long the stream is (10,000,000 targets included) and a failure loses at most one batch.
/// </summary>
public sealed class BulkLoader(HubDbContextFactory factory, IOptions<StorageOptions> options, TimeProvider timeProvider)
{
    /// <summary>Inserts every record of <paramref name="records"/>; reports the running count after each batch.</summary>
    /// <returns>How many rows went in and how long it took.</returns>
    public async Task<LoadSummary> LoadAsync<T>(IEnumerable<T> records, IProgress<long>? progress, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(records);
        var batchSize = options.Value.BulkBatchSize;
        var started = timeProvider.GetTimestamp();
        long rows = 0;
        var batch = new List<T>(batchSize);
        foreach (var record in records)
        {
            batch.Add(record);
            if (batch.Count == batchSize)
            {
                rows += await SaveBatchAsync(batch, cancellationToken);
                progress?.Report(rows);
            }
        }

        if (batch.Count > 0)
        {
            rows += await SaveBatchAsync(batch, cancellationToken);
            progress?.Report(rows);
        }

        return new LoadSummary(typeof(T).Name, rows, timeProvider.GetElapsedTime(started));
    }

    private async Task<int> SaveBatchAsync<T>(List<T> batch, CancellationToken cancellationToken)
        where T : class
    {
        await using var db = factory.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<T>().AddRange(batch);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }
}
