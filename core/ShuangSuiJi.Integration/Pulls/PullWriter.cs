using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>What a pull brought in.</summary>
public sealed record PullCounts(int Accepted, int Rejected, int Changed)
{
    public static PullCounts operator +(PullCounts a, PullCounts b) =>
        new(a.Accepted + b.Accepted, a.Rejected + b.Rejected, a.Changed + b.Changed);
}

/// <summary>
/// Stores a pull's records chunk by chunk, each chunk in one transaction: refusals kept whole with their reasons,
/// the partner's copy of every accepted record, and — when the partner is the kind's record of truth — the hub's
/// record with an outbox event per change. Records the partner sends unchanged cost a hash compare and nothing else,
/// and a refusal already kept (same partner, kind, key, reasons and payload) is not kept again: lists read whole on
/// every run (tasks by cursor, weekly full exports) and the watermark's overlap would otherwise keep it once per run.
/// </summary>
public sealed class PullWriter(HubDbContextFactory stores, OutboxSignal outbox, IOptions<ExchangeOptions> options, TimeProvider clock)
{
    private readonly ExchangeOptions _options = options.Value;

    public async Task<PullCounts> WriteAsync<T>(string partner, string exchange, IAsyncEnumerable<PulledRecord<T>> records, KindStore<T> kind, CancellationToken cancellationToken)
        where T : class, ICanonicalRecord
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(kind);
        var truth = !_options.RecordOfTruth.TryGetValue(kind.Kind, out var owner) || string.Equals(owner, partner, StringComparison.OrdinalIgnoreCase);
        var total = new PullCounts(0, 0, 0);
        var chunk = new List<PulledRecord<T>>(_options.PullChunkSize);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            chunk.Add(record);
            if (chunk.Count == _options.PullChunkSize)
            {
                total += await WriteChunkAsync(partner, exchange, chunk, kind, truth, cancellationToken);
                chunk.Clear();
            }
        }

        if (chunk.Count > 0)
        {
            total += await WriteChunkAsync(partner, exchange, chunk, kind, truth, cancellationToken);
        }

        return total;
    }

    private async Task<PullCounts> WriteChunkAsync<T>(string partner, string exchange, List<PulledRecord<T>> chunk, KindStore<T> kind, bool truth, CancellationToken cancellationToken)
        where T : class, ICanonicalRecord
    {
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        RefuseWhatTheStoreCannotHold(db, chunk);
        var rejected = chunk.Where(r => !r.Accepted).ToList();
        var kept = new HashSet<(string Key, string Errors, string Payload)>();
        if (rejected.Count > 0)
        {
            var refusedKeys = rejected.Select(r => r.Key.Length > 200 ? r.Key[..200] : r.Key).Distinct().ToList();
            kept = [.. (await db.RejectedRecords.AsNoTracking().Where(x => x.Partner == partner && x.Kind == kind.Kind && refusedKeys.Contains(x.Key))
                .Select(x => new { x.Key, x.Errors, x.Payload }).ToListAsync(cancellationToken)).Select(x => (x.Key, x.Errors, x.Payload))];
        }

        foreach (var r in rejected)
        {
            var refusal = new RejectedRecord
            {
                Kind = kind.Kind,
                Key = r.Key.Length > 200 ? r.Key[..200] : r.Key,
                Partner = partner,
                Exchange = exchange,
                ReceivedAt = now,
                Location = r.Location.Length > 200 ? r.Location[..200] : r.Location,
                Errors = string.Join('\n', r.Errors.Select(e => $"{e.Field}: {e.Reason}")),
                Payload = r.Payload,
            };
            if (kept.Add((refusal.Key, refusal.Errors, refusal.Payload)))
            {
                db.RejectedRecords.Add(refusal);
            }
        }

        // The last version of a key in the chunk wins (a partner may repeat a record across pages).
        var accepted = chunk.Where(r => r.Accepted).Select(r => r.Record!).GroupBy(kind.KeyOf).Select(g => g.Last()).ToList();
        var keys = accepted.Select(kind.KeyOf).ToList();
        var copies = await db.PartnerRecords.Where(p => p.Partner == partner && p.Kind == kind.Kind && keys.Contains(p.Key)).ToDictionaryAsync(p => p.Key, cancellationToken);
        var fresh = new List<T>();
        foreach (var record in accepted)
        {
            var key = kind.KeyOf(record);
            var content = CanonicalJson.Content(record);
            var hash = db.Cipher.ContentHash(content);
            if (copies.TryGetValue(key, out var copy))
            {
                if (copy.Hash == hash)
                {
                    continue;
                }

                copy.Json = content;
                copy.Hash = hash;
                copy.UpdatedAt = now;
            }
            else
            {
                db.PartnerRecords.Add(new PartnerRecord { Partner = partner, Kind = kind.Kind, Key = key, Json = content, Hash = hash, UpdatedAt = now });
            }

            fresh.Add(record);
        }

        var changed = truth && fresh.Count > 0 ? await kind.WriteCanonicalAsync(db, fresh, now, cancellationToken) : 0;
        await db.SaveChangesAsync(cancellationToken);
        if (changed > 0)
        {
            outbox.Signal.Notify();
        }

        return new PullCounts(accepted.Count, rejected.Count, changed);
    }

    /// <summary>
    /// Refuses accepted records with a text longer than its column (an oversized name from a partner): PostgreSQL
    /// would fail the whole chunk on it, SQLite would keep it silently. The record is kept with the other refusals,
    /// naming the field and both lengths.
    /// </summary>
    private static void RefuseWhatTheStoreCannotHold<T>(HubDbContext db, List<PulledRecord<T>> chunk)
        where T : class, ICanonicalRecord
    {
        var limits = db.Model.FindEntityType(typeof(T))?.GetProperties()
            .Where(p => p.ClrType == typeof(string) && p.PropertyInfo is not null && p.GetMaxLength() is not null)
            .Select(p => (p.Name, Property: p.PropertyInfo!, Max: p.GetMaxLength()!.Value)) // both checked just above
            .ToList();
        if (limits is not { Count: > 0 })
        {
            return;
        }

        for (var i = 0; i < chunk.Count; i++)
        {
            var r = chunk[i];
            if (!r.Accepted)
            {
                continue;
            }

            var errors = limits.Select(l => (l.Name, l.Max, Value: l.Property.GetValue(r.Record) as string))
                .Where(l => l.Value is not null && l.Value.Length > l.Max)
                .Select(l => new FieldError(l.Name, $"{l.Value!.Length} characters, more than the {l.Max} the store keeps")) // non-null: filtered above
                .ToList();
            if (errors.Count > 0)
            {
                var payload = r;
                chunk[i] = new PulledRecord<T>(null, r.Key, r.Location, () => payload.Payload, errors);
            }
        }
    }
}
