using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Codes;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Storage.Protection;

/// <summary>
/// Rewrites every encrypted value under the factory's current data key and recomputes the blind indexes: the
/// second half of a key rotation (configure the new key as <c>Security:DataKey</c> with the old one under
/// <c>Security:RetiredDataKeys</c>, run this, then drop the old key). Also encrypts values stored before encryption
/// existed. Rows without an ID or phone number are not touched. Safe to run again; run it with the hubs stopped or
/// idle, since a row changed by a hub between the read and the write of its batch is overwritten.
/// </summary>
public static class StoreReencryption
{
    private const int BatchSize = 500;

    /// <summary>Rewrites the rows; answers how many per table.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> RunAsync(HubDbContextFactory factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["Inspectors"] = await RewriteAsync(factory, db => db.Inspectors.Where(i => i.IdNumber != null || i.Phone != null), _ => true, (db, i) =>
            {
                var entry = db.Inspectors.Attach(i);
                entry.Property(x => x.IdNumber).IsModified = true;
                entry.Property(x => x.Phone).IsModified = true;
                entry.Property(HubDbContext.IdNumberIndex).IsModified = true;
            }, cancellationToken),
            ["PartnerRecords"] = await RewriteAsync(factory, db => db.PartnerRecords, r => SensitiveText.Contains(r.Json), (db, r) => db.PartnerRecords.Attach(r).Property(x => x.Json).IsModified = true, cancellationToken),
            ["RejectedRecords"] = await RewriteAsync(factory, db => db.RejectedRecords, r => SensitiveText.Contains(r.Payload), (db, r) => db.RejectedRecords.Attach(r).Property(x => x.Payload).IsModified = true, cancellationToken),
            ["Outbox"] = await RewriteAsync(factory, db => db.Outbox, m => SensitiveText.Contains(m.Payload), (db, m) => db.Outbox.Attach(m).Property(x => x.Payload).IsModified = true, cancellationToken),
            ["Deliveries"] = await RewriteAsync(factory, db => db.Deliveries, d => SensitiveText.Contains(d.Payload), (db, d) => db.Deliveries.Attach(d).Property(x => x.Payload).IsModified = true, cancellationToken),
        };
        return counts;
    }

    private static async Task<int> RewriteAsync<T>(HubDbContextFactory factory, Func<HubDbContext, IQueryable<T>> rows, Func<T, bool> sensitive, Action<HubDbContext, T> markChanged, CancellationToken cancellationToken)
        where T : class
    {
        // Read everything once (values come back decrypted under any configured key), keep only what holds a number.
        var pending = new List<T>();
        await using (var read = factory.CreateDbContext())
        {
            await foreach (var row in rows(read).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (sensitive(row))
                {
                    pending.Add(row);
                }
            }
        }

        foreach (var batch in pending.Chunk(BatchSize))
        {
            await using var db = factory.CreateDbContext();
            foreach (var row in batch)
            {
                markChanged(db, row);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return pending.Count;
    }
}
