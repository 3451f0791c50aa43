using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Reconciliation;

namespace ShuangSuiJi.Reconciliation;

/// <summary>A pair's latest run and its trend.</summary>
public sealed record PairView(string Kind, string Left, string Right, RunSummary? LastRun, IReadOnlyList<TrendPoint> Trend);

public sealed record TrendPoint(DateTimeOffset At, ClassCounts Counts);

/// <summary>The resolution in force or in history.</summary>
public sealed record ResolutionView(long Id, string Action, string? Side, string Reason, DateTimeOffset? ExpiresAt, string By, DateTimeOffset At, string? Outcome)
{
    public static ResolutionView Of(ReconciliationResolution r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Action, r.Side, r.Reason, r.ExpiresAt, r.By, r.At, r.Outcome);
    }
}

/// <summary>A row of the item list.</summary>
public sealed record ItemRow(string Key, string Class, IReadOnlyList<string> Fields, ResolutionView? Resolution, DateTimeOffset UpdatedAt);

/// <summary>One record between two systems, field by field.</summary>
public sealed record ItemView(
    string Kind, string Left, string Right, string Key, string Class,
    IReadOnlyDictionary<string, string>? LeftRecord, IReadOnlyDictionary<string, string>? RightRecord,
    IReadOnlyList<FieldVerdict> Diffs, IReadOnlyDictionary<string, string> Golden, string? Invalid,
    PushAbility CanPush, ResolutionView? Resolution, IReadOnlyList<ResolutionView> Resolutions);

/// <summary>Whether a fix can be pushed to each side.</summary>
public sealed record PushAbility(bool Left, bool Right);

/// <summary>Filters of the item list.</summary>
/// <param name="VisibleKeys">When set, only items whose key the query answers (the caller's access scope, as keys of the hub's records).</param>
public sealed record ItemFilter(
    string Kind, string Left, string Right, string? Class = null, string? Query = null, bool UnresolvedOnly = false, Func<HubDbContext, IQueryable<string>>? VisibleKeys = null);

public sealed partial class ReconciliationService
{
    /// <summary>Every configured pair (and any other with runs), with its latest run and up to <paramref name="points"/> earlier ones.</summary>
    public async Task<IReadOnlyList<PairView>> PairsAsync(int points, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var pairs = _options.ParsedPairs().Select(p => (Kind: Canonical(p.Kind).Name, Left: System(p.Left, "left"), Right: System(p.Right, "right"))).ToList();
        var ran = await db.ReconciliationRuns.AsNoTracking().Select(r => new { r.Kind, r.Left, r.Right }).Distinct().ToListAsync(cancellationToken);
        pairs.AddRange(ran.Select(r => (r.Kind, r.Left, r.Right)).Where(r => !pairs.Contains(r)));
        var views = new List<PairView>();
        foreach (var (kind, left, right) in pairs)
        {
            var runs = await db.ReconciliationRuns.AsNoTracking()
                .Where(r => r.Kind == kind && r.Left == left && r.Right == right && r.FinishedAt != null && r.Error == null)
                .OrderByDescending(r => r.Id).Take(Math.Clamp(points, 1, 500)).ToListAsync(cancellationToken);
            var last = runs.FirstOrDefault();
            views.Add(new PairView(kind, left, right,
                last is null ? null : new RunSummary(last.Id, kind, left, right, last.Mode, last.StartedAt, last.FinishedAt, await CurrentCountsAsync(db, kind, left, right, last, cancellationToken), last.Compared, 0, (last.FinishedAt ?? last.StartedAt) - last.StartedAt),
                [.. runs.AsEnumerable().Reverse().Select(r => new TrendPoint(r.StartedAt, ClassCounts.Of(r)))]));
        }

        return views;
    }

    /// <summary>A page of a pair's items, filtered on the server.</summary>
    public async Task<(IReadOnlyList<ItemRow> Items, long Total)> ItemsAsync(ItemFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (kind, _) = Canonical(filter.Kind);
        var left = System(filter.Left, "left");
        var right = System(filter.Right, "right");
        await using var db = stores.CreateDbContext();
        var query = db.ReconciliationItems.AsNoTracking().Where(i => i.Kind == kind && i.Left == left && i.Right == right);
        if (!string.IsNullOrWhiteSpace(filter.Class))
        {
            if (!Enum.TryParse<ItemClass>(filter.Class, true, out var wanted))
            {
                throw new ReconciliationRequestException("class", $"Unknown class '{filter.Class}'; known: {string.Join(", ", Enum.GetNames<ItemClass>())}.");
            }

            var name = wanted.ToString();
            query = query.Where(i => i.Class == name);
        }
        else
        {
            query = query.Where(i => i.Class != nameof(ItemClass.Identical));
        }

        if (filter.VisibleKeys is { } visibleKeys)
        {
            var keys = visibleKeys(db);
            query = query.Where(i => keys.Contains(i.Key));
        }

        if (filter.UnresolvedOnly)
        {
            query = query.Where(i => i.ResolutionId == null);
        }

        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            var q = Normalization.Key(filter.Query);
            query = query.Where(i => i.Key.Contains(q));
        }

        var total = await query.LongCountAsync(cancellationToken);
        var rows = await query.OrderBy(i => i.Key).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = rows.Where(r => r.ResolutionId != null).Select(r => r.ResolutionId!.Value).ToList();
        var resolutions = await db.ReconciliationResolutions.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return ([.. rows.Select(r => new ItemRow(r.Key, r.Class, FieldsOf(r), r.ResolutionId is { } id && resolutions.TryGetValue(id, out var res) ? ResolutionView.Of(res) : null, r.UpdatedAt))], total);
    }

    /// <summary>One item with both versions as they are now, the field-by-field verdicts and its resolutions; <see langword="null"/> when the pair has no such key.</summary>
    public async Task<ItemView?> ItemAsync(string kind, string left, string right, string key, CancellationToken cancellationToken)
    {
        var (kindName, kindOptions) = Canonical(kind);
        left = System(left, "left");
        right = System(right, "right");
        key = Normalization.Key(key);
        await using var db = stores.CreateDbContext();
        var item = await db.ReconciliationItems.AsNoTracking().FirstOrDefaultAsync(i => i.Kind == kindName && i.Left == left && i.Right == right && i.Key == key, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var detail = item.Detail is null ? new ItemDetail(null, null, [], null) : JsonSerializer.Deserialize<ItemDetail>(item.Detail, DetailJson)!;
        var schema = new FieldSchema();
        var leftRecord = await VersionAsync(db, kindOptions, left, detail.LeftKey ?? key, schema, cancellationToken);
        var rightRecord = await VersionAsync(db, kindOptions, right, detail.RightKey ?? key, schema, cancellationToken);
        var diffs = leftRecord is not null && rightRecord is not null ? ReconcileEngine.Diff(schema, leftRecord, rightRecord) : [];
        var verdicts = new List<FieldVerdict>();
        var golden = new Dictionary<string, string>(StringComparer.Ordinal);
        var leftFields = leftRecord?.ToDictionary(schema);
        var rightFields = rightRecord?.ToDictionary(schema);
        var thirds = new Dictionary<string, FlatRecord?>(StringComparer.OrdinalIgnoreCase); // a record of truth outside the pair, read once
        foreach (var field in (leftFields?.Keys.AsEnumerable() ?? []).Union(rightFields?.Keys.AsEnumerable() ?? []).Order(StringComparer.Ordinal))
        {
            var slot = schema.Slot(field);
            var truth = kindOptions.TruthFor(field, _options.HubName);
            string? third = null;
            if (!Same(truth, left) && !Same(truth, right))
            {
                if (!thirds.TryGetValue(truth, out var copy))
                {
                    copy = thirds[truth] = await VersionAsync(db, kindOptions, System(truth, "truth"), detail.LeftKey ?? detail.RightKey ?? key, schema, cancellationToken);
                }

                third = copy?[slot];
            }

            var value = Golden(truth, left, right, leftRecord?[slot], rightRecord?[slot], third);
            if (value is not null)
            {
                golden[field] = Mask(value)!;
            }

            if (diffs.FirstOrDefault(d => d.Field == field) is { } diff)
            {
                verdicts.Add(new FieldVerdict(field, Mask(diff.Left), Mask(diff.Right), Mask(value), truth));
            }
        }

        var history = await db.ReconciliationResolutions.AsNoTracking()
            .Where(r => r.Kind == kindName && r.Left == left && r.Right == right && r.Key == key).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var live = item.ResolutionId is { } id ? history.FirstOrDefault(r => r.Id == id) : null;
        return new ItemView(kindName, left, right, key, item.Class, leftFields, rightFields,
            verdicts, golden, detail.Invalid, new PushAbility(CanPush(kindOptions, left, right, rightRecord), CanPush(kindOptions, right, left, leftRecord)),
            live is null ? null : ResolutionView.Of(live), [.. history.Select(ResolutionView.Of)]);
    }

    /// <summary>Every non-identical item of a pair with its stored detail, in key order (for exports and the command line).</summary>
    public async IAsyncEnumerable<(string Key, string Class, ItemDetail Detail, bool Resolved)> ExportAsync(string kind, string left, string right, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (kindName, _) = Canonical(kind);
        left = System(left, "left");
        right = System(right, "right");
        await using var db = stores.CreateDbContext();
        await foreach (var item in db.ReconciliationItems.AsNoTracking().Where(i => i.Kind == kindName && i.Left == left && i.Right == right && i.Class != "Identical").OrderBy(i => i.Key).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var detail = item.Detail is null ? new ItemDetail(null, null, [], null) : JsonSerializer.Deserialize<ItemDetail>(item.Detail, DetailJson)!;
            yield return (item.Key, item.Class, detail, item.ResolutionId is not null);
        }
    }

    internal async Task<FlatRecord?> VersionAsync(HubDbContext db, KindOptions kind, string system, string rawKey, FieldSchema schema, CancellationToken cancellationToken)
    {
        var source = kind.Sources.GetValueOrDefault(system) ?? new SourceOptions();
        var storedAs = source.StoredAs ?? kind.StoredAs;
        var shape = ReconciliationSides.Shape(kind, source);
        if (IsHub(system))
        {
            return HubKind.All.TryGetValue(storedAs, out var hubKind) && await hubKind.FindAsync(db, rawKey, cancellationToken) is { } json
                ? shape.Flatten(json, rawKey, db.Cipher.ContentHash(json), schema)
                : null;
        }

        var copy = await db.PartnerRecords.AsNoTracking().FirstOrDefaultAsync(p => p.Partner == system && p.Kind == storedAs && p.Key == rawKey, cancellationToken);
        return copy is null ? null : shape.Flatten(copy.Json, copy.Key, copy.Hash, schema);
    }

    private static IReadOnlyList<string> FieldsOf(ReconciliationItem item) =>
        item.Detail is null ? [] : JsonSerializer.Deserialize<ItemDetail>(item.Detail, DetailJson)?.Diffs.Select(d => d.Field).ToList() ?? [];

    private static async Task<ClassCounts> CurrentCountsAsync(HubDbContext db, string kind, string left, string right, ReconciliationRun last, CancellationToken cancellationToken)
    {
        // Resolutions made since the run count at once: the dashboard's open-conflict number drops when one is made.
        var resolved = await db.ReconciliationItems.CountAsync(i => i.Kind == kind && i.Left == left && i.Right == right && i.Class != "Identical" && i.ResolutionId != null, cancellationToken);
        return ClassCounts.Of(last) with { Resolved = resolved };
    }
}
