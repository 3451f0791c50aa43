using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Hub.Access;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Apis;

/// <summary>
/// Server-sent events for the dashboard: a small status snapshot at once, on every change, and at least every half
/// minute. The partner numbers are the province's (they describe the exchanges, not a department); red tasks,
/// draws and unresolved differences count the account's departments only.
/// </summary>
internal static class LiveApi
{
    /// <summary>One partner's live numbers.</summary>
    public sealed record PartnerSnapshot(string Partner, long DeadLettered, long Pending, long Rejected, long FailedToday, DateTimeOffset? LastSuccessAt);

    /// <summary>
    /// The numbers the pages keep current. <see cref="UnresolvedDifferences"/> counts non-identical reconciliation
    /// items without a live resolution; it, <see cref="RedTasks"/> and <see cref="Draws"/> are within the account's departments.
    /// </summary>
    public sealed record Snapshot(DateTimeOffset At, IReadOnlyList<PartnerSnapshot> Partners, long DeadLettered, long Rejected, long UnresolvedDifferences, long RedTasks, long Draws);

    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(30);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/live", Stream).WithTags("Dashboard").WithName("LiveStatus")
            .ScopedByDepartment("red tasks, draws and unresolved differences of the account's departments; partner numbers province-wide")
            .WithSummary("text/event-stream of 'status' events: dead letters, rejections, unresolved differences, red tasks, draws; sent on change (checked every 3 s) and every 30 s.");
        app.MapGet("/api/live/snapshot", SnapshotAsync).WithTags("Dashboard").WithName("LiveSnapshot").WithSummary("The snapshot /api/live sends, once.")
            .ScopedByDepartment("red tasks, draws and unresolved differences of the account's departments; partner numbers province-wide");
        return app;
    }

    // Serialised here with the API's JSON options (camelCase, enums by name), as every other endpoint answers.
    public static IResult Stream(
        SharedSnapshot shared, VisibleDepartments visible, ClaimsPrincipal user, AccountSessions sessions, IOptions<AccessOptions> access, TimeProvider timeProvider,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        // The stream outlives the request's authentication: it ends when the session does (logout elsewhere, a disabled
        // or locked account, a changed password, the absolute lifetime), checked as often as any request's.
        var connectedAt = timeProvider.GetUtcNow();
        var lifetime = TimeSpan.FromHours(access.Value.SessionAbsoluteHours);
        return TypedResults.ServerSentEvents(SnapshotsAsync(
            shared, visible, ct => sessions.StillSignedInAsync(user, connectedAt, lifetime, ct), timeProvider, json.Value.SerializerOptions, cancellationToken));
    }

    public static async Task<IResult> SnapshotAsync(HubDbContextFactory stores, VisibleDepartments visible, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ReadAsync(stores, visible, timeProvider, cancellationToken));

    private static async IAsyncEnumerable<SseItem<string>> SnapshotsAsync(
        SharedSnapshot shared, VisibleDepartments visible, Func<CancellationToken, Task<bool>> stillSignedIn, TimeProvider timeProvider, JsonSerializerOptions json,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Snapshot? last = null;
        var lastSent = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested && await stillSignedIn(cancellationToken))
        {
            var now = await shared.GetAsync(visible, cancellationToken);
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

    public static async Task<Snapshot> ReadAsync(HubDbContextFactory stores, VisibleDepartments visible, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var now = timeProvider.GetUtcNow();
        var partners = (await PartnerFigures.ReadAsync(db, now.AddHours(-24), cancellationToken))
            .Select(p => new PartnerSnapshot(p.Partner, p.DeadLettered, p.Pending, p.Rejected, p.Failed, p.LastSuccessAt))
            .ToList();
        var open = db.ReconciliationItems.AsNoTracking().Where(i => i.Class != "Identical" && i.ResolutionId == null);
        long unresolved;
        if (visible.IsProvince)
        {
            unresolved = await open.LongCountAsync(cancellationToken);
        }
        else
        {
            unresolved = 0;
            foreach (var kind in await open.Select(i => i.Kind).Distinct().ToListAsync(cancellationToken))
            {
                var ofKind = open.Where(i => i.Kind == kind);
                if (ReconciliationScope.VisibleKeys(db, visible, kind) is { } keys)
                {
                    ofKind = ofKind.Where(i => keys.Contains(i.Key));
                }

                unresolved += await ofKind.LongCountAsync(cancellationToken);
            }
        }

        var red = await visible.Filter(db.Tasks.AsNoTracking(), t => t.InitiatingDepartmentCode).LongCountAsync(t => t.WarningLight == Core.Kinds.WarningLight.Red, cancellationToken);
        var draws = await DrawsApi.Visible(db, visible).LongCountAsync(cancellationToken);
        return new Snapshot(now, partners, partners.Sum(p => p.DeadLettered), partners.Sum(p => p.Rejected), unresolved, red, draws);
    }

    /// <summary>
    /// The latest snapshot of one hub for each department scope (the province, or an account's department), read at
    /// most once per <see cref="PollInterval"/> however many dashboards are open: every stream of a scope shares it,
    /// so the store sees one set of queries per scope and interval, not one per open tab.
    /// </summary>
    internal sealed class SharedSnapshot(HubDbContextFactory stores, TimeProvider timeProvider)
    {
        private readonly SemaphoreSlim _reading = new(1, 1);
        private readonly Dictionary<string, Snapshot> _latest = new(StringComparer.Ordinal);

        public async Task<Snapshot> GetAsync(VisibleDepartments visible, CancellationToken cancellationToken)
        {
            var scope = visible.Root ?? "";
            await _reading.WaitAsync(cancellationToken);
            try
            {
                if (!_latest.TryGetValue(scope, out var latest) || timeProvider.GetUtcNow() - latest.At >= PollInterval - TimeSpan.FromMilliseconds(100))
                {
                    _latest[scope] = latest = await ReadAsync(stores, visible, timeProvider, cancellationToken);
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
