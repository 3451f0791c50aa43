using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration;
using ShuangSuiJi.Integration.Routing;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Reconciliation;

namespace ShuangSuiJi.Reconciliation;

/// <summary>Counts by class.</summary>
public sealed record ClassCounts(int Identical, int Conflicting, int MissingLeft, int MissingRight, int Invalid, int Resolved)
{
    public static ClassCounts Of(ReconciliationRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Identical, run.Conflicting, run.MissingLeft, run.MissingRight, run.Invalid, run.Resolved);
    }
}

/// <summary>What a run did.</summary>
public sealed record RunSummary(long Id, string Kind, string Left, string Right, string Mode, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, ClassCounts Counts, int Compared, int Written, TimeSpan Elapsed);

/// <summary>A differing field with the golden value survivorship gives it and the system that decided.</summary>
public sealed record FieldVerdict(string Field, string? Left, string? Right, string? Golden, string Truth);

/// <summary>An item's stored detail.</summary>
public sealed record ItemDetail(string? LeftKey, string? RightKey, IReadOnlyList<FieldVerdict> Diffs, string? Invalid);

/// <summary>A request that names an unknown kind, system or value: the message names which.</summary>
public sealed class ReconciliationRequestException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Runs reconciliations and keeps their outcome: the current class of every key per pair (with the two content hashes
/// it was computed from), run history for trends, and administrators' resolutions. A full run compares every key; an
/// incremental run compares only the keys whose content hashes or validity moved since their item was written.
/// Either writes only what changed.
/// </summary>
public sealed partial class ReconciliationService(HubDbContextFactory stores, IOptions<ReconciliationOptions> options, RouteTable routes, DeliverySignal deliveries, OutboxSignal outbox, TimeProvider clock, ILogger<ReconciliationService> log)
{
    internal static readonly JsonSerializerOptions DetailJson = EventJson.Options;

    private readonly ReconciliationOptions _options = options.Value;

    public ReconciliationOptions Options => _options;

    public bool IsHub(string system) => string.Equals(system, _options.HubName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The kind's options, or a request error naming the kind.</summary>
    public KindOptions Kind(string kind) =>
        _options.Kinds.TryGetValue(kind ?? "", out var options) ? options
        : throw new ReconciliationRequestException("kind", $"Unknown kind '{kind}'; known: {string.Join(", ", _options.Kinds.Keys)}.");

    /// <summary>Reconciles one pair and stores the outcome.</summary>
    public async Task<RunSummary> RunAsync(string kind, string left, string right, bool full, CancellationToken cancellationToken)
    {
        var (kindName, kindOptions) = Canonical(kind);
        left = System(left, "left");
        right = System(right, "right");
        var watch = Stopwatch.StartNew();
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var run = new ReconciliationRun { Kind = kindName, Left = left, Right = right, Mode = full ? "Full" : "Incremental", StartedAt = now };
        db.ReconciliationRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);

        var schema = new FieldSchema();
        var leftSide = await ReconciliationSides.LoadAsync(db, kindOptions, left, IsHub(left), schema, cancellationToken);
        var rightSide = await ReconciliationSides.LoadAsync(db, kindOptions, right, IsHub(right), schema, cancellationToken);
        var items = await db.ReconciliationItems.Where(i => i.Kind == kindName && i.Left == left && i.Right == right).ToDictionaryAsync(i => i.Key, StringComparer.Ordinal, cancellationToken);
        var resolutions = await LiveCandidatesAsync(db, kindName, left, right, cancellationToken);
        var counts = new int[5];
        var resolved = 0;
        var written = 0;
        var compared = 0;
        var present = new HashSet<string>(StringComparer.Ordinal);
        var (leftRecords, rightRecords, leftInvalid, rightInvalid) = (leftSide.Records, rightSide.Records, leftSide.Invalid, rightSide.Invalid);
        if (!full)
        {
            // Incremental: a key whose two content hashes and validity are as the stored item says keeps its class
            // without being compared again; only the others go through the engine.
            var leftByKey = leftRecords.ToDictionary(r => r.Key, StringComparer.Ordinal);
            var rightByKey = rightRecords.ToDictionary(r => r.Key, StringComparer.Ordinal);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var key in leftByKey.Keys.Concat(rightByKey.Keys).Concat(leftInvalid.Keys).Concat(rightInvalid.Keys))
            {
                if (!present.Add(key))
                {
                    continue;
                }

                var invalid = leftInvalid.ContainsKey(key) || rightInvalid.ContainsKey(key);
                if (items.TryGetValue(key, out var item) && item.LeftHash == leftByKey.GetValueOrDefault(key)?.Hash && item.RightHash == rightByKey.GetValueOrDefault(key)?.Hash
                    && invalid == (item.Class == nameof(ItemClass.Invalid)))
                {
                    counts[(int)Enum.Parse<ItemClass>(item.Class)]++;
                    var live = item.Class == nameof(ItemClass.Identical) ? null : Live(resolutions.GetValueOrDefault(key), item.LeftHash, item.RightHash, now);
                    if (live?.Id != item.ResolutionId)
                    {
                        item.ResolutionId = live?.Id;
                        written++;
                    }

                    resolved += live is not null ? 1 : 0;
                }
                else
                {
                    changed.Add(key);
                }
            }

            leftRecords = [.. leftRecords.Where(r => changed.Contains(r.Key))];
            rightRecords = [.. rightRecords.Where(r => changed.Contains(r.Key))];
            leftInvalid = leftInvalid.Where(kv => changed.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            rightInvalid = rightInvalid.Where(kv => changed.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        }

        var comparisons = ReconcileEngine.Compare(schema, leftRecords, rightRecords, leftInvalid, rightInvalid);
        foreach (var c in comparisons)
        {
            present.Add(c.Key);
            counts[(int)c.Class]++;
            var className = c.Class.ToString();
            items.TryGetValue(c.Key, out var item);
            var unchanged = item is not null && item.Class == className && item.LeftHash == c.Left?.Hash && item.RightHash == c.Right?.Hash;
            compared++;
            var detail = c.Class == ItemClass.Identical ? null : JsonSerializer.Serialize(Detail(kindOptions, left, right, c), DetailJson);
            if (unchanged && item!.Detail == detail)
            {
                // A full run looked again and found the same: nothing to write.
                var same = c.Class == ItemClass.Identical ? null : Live(resolutions.GetValueOrDefault(c.Key), item.LeftHash, item.RightHash, now);
                if (same?.Id != item.ResolutionId)
                {
                    item.ResolutionId = same?.Id;
                    written++;
                }

                resolved += same is not null ? 1 : 0;
                continue;
            }

            if (item is null)
            {
                item = new ReconciliationItem { Kind = kindName, Left = left, Right = right, Key = c.Key, Class = className };
                db.ReconciliationItems.Add(item);
            }

            item.Class = className;
            item.LeftHash = c.Left?.Hash;
            item.RightHash = c.Right?.Hash;
            item.Detail = detail;
            item.RunId = run.Id;
            item.UpdatedAt = now;
            var liveNow = c.Class == ItemClass.Identical ? null : Live(resolutions.GetValueOrDefault(c.Key), item.LeftHash, item.RightHash, now);
            item.ResolutionId = liveNow?.Id;
            resolved += liveNow is not null ? 1 : 0;
            written++;
        }

        foreach (var gone in items.Values.Where(i => !present.Contains(i.Key)))
        {
            db.ReconciliationItems.Remove(gone);
            written++;
        }

        run.Identical = counts[(int)ItemClass.Identical];
        run.Conflicting = counts[(int)ItemClass.Conflicting];
        run.MissingLeft = counts[(int)ItemClass.MissingLeft];
        run.MissingRight = counts[(int)ItemClass.MissingRight];
        run.Invalid = counts[(int)ItemClass.Invalid];
        run.Resolved = resolved;
        run.Compared = compared;
        run.FinishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        LogRun(kindName, left, right, run.Mode, comparisons.Count, run.Conflicting, run.MissingLeft, run.MissingRight, run.Invalid, written, watch.ElapsedMilliseconds);
        return Summary(run, written, watch.Elapsed);
    }

    /// <summary>Reconciles every configured pair; a failing pair is logged and recorded on its run, the others go on.</summary>
    public async Task<IReadOnlyList<RunSummary>> RunAllAsync(bool full, CancellationToken cancellationToken)
    {
        var summaries = new List<RunSummary>();
        foreach (var (kind, left, right) in _options.ParsedPairs())
        {
            try
            {
                summaries.Add(await RunAsync(kind, left, right, full, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(ex, kind, left, right);
                await using var db = stores.CreateDbContext();
                db.ReconciliationRuns.Add(new ReconciliationRun { Kind = kind, Left = left, Right = right, Mode = full ? "Full" : "Incremental", StartedAt = clock.GetUtcNow(), FinishedAt = clock.GetUtcNow(), Error = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message });
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return summaries;
    }

    internal (string Name, KindOptions Options) Canonical(string kind)
    {
        var options = Kind(kind);
        return (_options.Kinds.Keys.First(k => string.Equals(k, kind, StringComparison.OrdinalIgnoreCase)), options);
    }

    internal string System(string system, string field)
    {
        if (string.IsNullOrWhiteSpace(system))
        {
            throw new ReconciliationRequestException(field, $"The {field} system is missing.");
        }

        return IsHub(system) ? _options.HubName : system.Trim().ToUpperInvariant();
    }

    private ItemDetail Detail(KindOptions kind, string left, string right, Comparison c)
    {
        var verdicts = c.Diffs.Select(d =>
        {
            var truth = kind.TruthFor(d.Field, _options.HubName);
            return new FieldVerdict(d.Field, Mask(d.Left), Mask(d.Right), Mask(Golden(truth, left, right, d.Left, d.Right, third: null)), truth);
        }).ToList();
        return new ItemDetail(c.Left?.RawKey, c.Right?.RawKey, verdicts, c.Invalid);
    }

    /// <summary>
    /// The golden value of a field: the record of truth's value — one side's, or a third system's copy when known —
    /// else the hub's side when the hub is in the pair; <see langword="null"/> when neither can say.
    /// </summary>
    internal string? Golden(string truth, string left, string right, string? leftValue, string? rightValue, string? third) =>
        Same(truth, left) ? leftValue
        : Same(truth, right) ? rightValue
        : third ?? (IsHub(left) ? leftValue : IsHub(right) ? rightValue : null);

    internal static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>National ID and phone numbers never leave the comparison whole: not into the store, not onto a screen.</summary>
    internal static string? Mask(string? value) => value is null ? null : Core.Codes.SensitiveText.Mask(value);

    private static async Task<Dictionary<string, ReconciliationResolution>> LiveCandidatesAsync(HubDbContext db, string kind, string left, string right, CancellationToken cancellationToken)
    {
        var all = await db.ReconciliationResolutions.AsNoTracking().Where(r => r.Kind == kind && r.Left == left && r.Right == right).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var latest = new Dictionary<string, ReconciliationResolution>(StringComparer.Ordinal);
        foreach (var r in all)
        {
            latest[r.Key] = r;
        }

        return latest;
    }

    /// <summary>Whether a resolution still holds: an ignore until it expires, an accept or push while neither side changed since.</summary>
    internal static ReconciliationResolution? Live(ReconciliationResolution? resolution, string? leftHash, string? rightHash, DateTimeOffset now) =>
        resolution switch
        {
            null => null,
            { Action: "Ignore" } r => r.ExpiresAt is null || r.ExpiresAt > now ? r : null,
            { } r => r.LeftHash == leftHash && r.RightHash == rightHash ? r : null,
        };

    private static RunSummary Summary(ReconciliationRun run, int written, TimeSpan elapsed) =>
        new(run.Id, run.Kind, run.Left, run.Right, run.Mode, run.StartedAt, run.FinishedAt, ClassCounts.Of(run), run.Compared, written, elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {Kind} {Left}↔{Right} ({Mode}): {Keys} keys, {Conflicting} conflicting, {MissingLeft} missing left, {MissingRight} missing right, {Invalid} invalid; {Written} items written in {Elapsed} ms")]
    private partial void LogRun(string kind, string left, string right, string mode, int keys, int conflicting, int missingLeft, int missingRight, int invalid, int written, long elapsed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation of {Kind} {Left}↔{Right} failed")]
    private partial void LogRunFailed(Exception exception, string kind, string left, string right);
}
