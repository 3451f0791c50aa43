using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>Server-sent events for the dashboard: a small status snapshot at once, on every change, and at least every half minute.</summary>
internal static class LiveApi
{
    /// <summary>One partner's live numbers.</summary>
    public sealed record PartnerSnapshot(string Partner, long DeadLettered, long Pending, long Rejected, long FailedToday, DateTimeOffset? LastSuccessAt);

    /// <summary>The numbers the pages keep current. <see cref="UnresolvedDifferences"/> counts non-identical reconciliation items without a live resolution.</summary>
    public sealed record Snapshot(DateTimeOffset At, IReadOnlyList<PartnerSnapshot> Partners, long DeadLettered, long Rejected, long UnresolvedDifferences, long RedTasks, long Draws);

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", Stream).WithTags("Dashboard").WithName("LiveStatus")
            .WithSummary("text/event-stream of 'status' events: dead letters, rejections, unresolved differences, red tasks, draws; sent on change (checked every 3 s) and every 30 s.");
        app.MapGet("/api/live/snapshot", SnapshotAsync).WithTags("Dashboard").WithName("LiveSnapshot").WithSummary("The snapshot /api/live sends, once.");
        return app;
    }

    // Serialised here with the API's JSON options (camelCase, enums by name), as every other endpoint answers.
    public static IResult Stream(SharedSnapshot shared, TimeProvider timeProvider, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(SnapshotsAsync(shared, timeProvider, json.Value.SerializerOptions, cancellationToken));

    public static async Task<IResult> SnapshotAsync(HubDbContextFactory stores, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(stores, timeProvider, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> SnapshotsAsync(
        SharedSnapshot shared, TimeProvider timeProvider, JsonSerializerOptions json, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Snapshot? last = null;
        var lastSent = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = await shared.GetAsync(cancellationToken);
            if (last is null || !SameNumbers(last, now) || now.At - lastSent >= HeartbeatInterval)
            {
                last = now;
                lastSent = now.At;
                yield return new SseItem<string>(JsonSerializer.Serialize(now, json), "status") { ReconnectionInterval = TimeSpan.FromSeconds(5) };
            }

            try
            {
                await Task.Delay(PollInterval, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break; // the browser went away
            }
        }
    }

    private static bool SameNumbers(Snapshot a, Snapshot b) =>
        a.DeadLettered == b.DeadLettered && a.Rejected == b.Rejected && a.UnresolvedDifferences == b.UnresolvedDifferences && a.RedTasks == b.RedTasks && a.Draws == b.Draws
        && a.Partners.SequenceEqual(b.Partners);

    public static async Task<Snapshot> ReadAsync(HubDbContextFactory stores, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var now = timeProvider.GetUtcNow();
        var dayStart = now.AddHours(-24);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => d.Status != DeliveryStatus.Delivered)
            .GroupBy(d => new { d.Partner, d.Status }).Select(g => new { g.Key.Partner, g.Key.Status, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var rejected = await db.RejectedRecords.AsNoTracking().GroupBy(r => r.Partner).Select(g => new { Partner = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var failed = await db.ExchangeLog.AsNoTracking().Where(e => e.Status == "failed" && e.StartedAt >= dayStart).GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, Count = g.LongCount() }).ToListAsync(cancellationToken);
        var success = await db.ExchangeLog.AsNoTracking().Where(e => e.Status != "failed").GroupBy(e => e.Partner)
            .Select(g => new { Partner = g.Key, At = g.Max(e => e.StartedAt) }).ToListAsync(cancellationToken);
        var partners = deliveries.Select(d => d.Partner).Concat(rejected.Select(r => r.Partner)).Concat(failed.Select(f => f.Partner)).Concat(success.Select(s => s.Partner))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(p => new PartnerSnapshot(
                p,
                deliveries.Where(d => d.Partner == p && d.Status == DeliveryStatus.DeadLettered).Sum(d => d.Count),
                deliveries.Where(d => d.Partner == p && d.Status is DeliveryStatus.Pending or DeliveryStatus.AwaitingTicket).Sum(d => d.Count), // awaiting a ticket is not delivered yet either
                rejected.FirstOrDefault(r => r.Partner == p)?.Count ?? 0,
                failed.FirstOrDefault(f => f.Partner == p)?.Count ?? 0,
                success.FirstOrDefault(s => s.Partner == p)?.At))
            .ToList();
        var unresolved = await db.ReconciliationItems.AsNoTracking().LongCountAsync(i => i.Class != "Identical" && i.ResolutionId == null, cancellationToken);
        var red = await db.Tasks.AsNoTracking().LongCountAsync(t => t.WarningLight == Core.Kinds.WarningLight.Red, cancellationToken);
        var draws = await db.Draws.AsNoTracking().LongCountAsync(cancellationToken);
        return new Snapshot(now, partners, partners.Sum(p => p.DeadLettered), partners.Sum(p => p.Rejected), unresolved, red, draws);
    }

    /// <summary>
    /// The latest snapshot of one hub, read at most once per <see cref="PollInterval"/> however many dashboards are
    /// open: every stream shares it, so the store sees one set of queries per interval, not one per open tab.
    /// </summary>
    internal sealed class SharedSnapshot(HubDbContextFactory stores, TimeProvider timeProvider)
    {
        private readonly SemaphoreSlim _reading = new(1, 1);
        private Snapshot? _latest;

        public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
        {
            await _reading.WaitAsync(cancellationToken);
            try
            {
                if (_latest is not { } latest || timeProvider.GetUtcNow() - latest.At >= PollInterval - TimeSpan.FromMilliseconds(100))
                {
                    _latest = latest = await ReadAsync(stores, timeProvider, cancellationToken);
                }

                return latest;
            }
            finally
            {
                _reading.Release();
            }
        }
    }
}
