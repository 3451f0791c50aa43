using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Reconciliation;

/// <summary>One system's records of a kind, flattened, one per key, with the keys whose latest version it refused.</summary>
public sealed record SideSnapshot(List<FlatRecord> Records, Dictionary<string, string> Invalid);

/// <summary>Loads a side: the hub's own table, or a partner's copies as last pulled (and its refusals).</summary>
public static class ReconciliationSides
{
    public static async Task<SideSnapshot> LoadAsync(HubDbContext db, KindOptions kind, string system, bool hub, FieldSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kind);
        var source = kind.Sources.GetValueOrDefault(system) ?? new SourceOptions();
        var storedAs = source.StoredAs ?? kind.StoredAs;
        var shape = Shape(kind, source);
        var records = new List<FlatRecord>();
        var invalid = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hub)
        {
            if (!HubKind.All.TryGetValue(storedAs, out var hubKind) || !hubKind.Readable)
            {
                throw new ReconciliationRequestException("kind", $"The hub keeps no '{storedAs}' records.");
            }

            var rows = new List<(string Json, string RawKey, string Hash)>();
            await foreach (var (key, json) in hubKind.ReadAsync(db, cancellationToken))
            {
                rows.Add((json, key, db.Cipher.ContentHash(json)));
            }

            return new SideSnapshot(OnePerKey(shape.FlattenAll(rows, schema), source, schema), invalid);
        }

        var updated = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var copies = new List<(string Json, string RawKey, string Hash)>();
        await foreach (var copy in db.PartnerRecords.AsNoTracking().Where(p => p.Partner == system && p.Kind == storedAs).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            copies.Add((copy.Json, copy.Key, copy.Hash));
            updated[Normalization.Key(copy.Key)] = copy.UpdatedAt;
        }

        records.AddRange(shape.FlattenAll(copies, schema));

        // A refusal newer than the accepted copy (or with no accepted copy at all) makes the key invalid on this side.
        var refusals = await db.RejectedRecords.AsNoTracking().Where(r => r.Partner == system && r.Kind == storedAs && r.Key != "")
            .Select(r => new { r.Key, r.ReceivedAt, r.Errors }).ToListAsync(cancellationToken);
        foreach (var refusal in refusals.OrderBy(r => r.ReceivedAt))
        {
            var key = Normalization.Key(refusal.Key);
            if (!updated.TryGetValue(key, out var at) || at < refusal.ReceivedAt)
            {
                invalid[key] = refusal.Errors.Replace('\n', ';');
            }
            else
            {
                invalid.Remove(key);
            }
        }

        return new SideSnapshot(OnePerKey(records, source, schema), invalid);
    }

    public static RecordShape Shape(KindOptions kind, SourceOptions source)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(source);
        return new RecordShape { KeyFields = kind.Key, Renames = source.Fields, Ignored = kind.Ignore.ToHashSet(StringComparer.Ordinal) };
    }

    private static List<FlatRecord> OnePerKey(List<FlatRecord> records, SourceOptions source, FieldSchema schema)
    {
        if (source.Require.Count > 0)
        {
            var required = source.Require.Select(schema.Slot).ToList();
            records = records.Where(r => required.All(r.Holds)).ToList();
        }

        var slot = source.Latest is null ? -1 : schema.Slot(source.Latest);
        var chosen = new Dictionary<string, FlatRecord>(records.Count, StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (!chosen.TryGetValue(record.Key, out var other) || slot < 0 || string.CompareOrdinal(record[slot], other[slot]) >= 0)
            {
                chosen[record.Key] = record;
            }
        }

        return chosen.Count == records.Count ? records : [.. chosen.Values];
    }
}
