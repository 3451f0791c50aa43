using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Integration.Outbox;

/// <summary>
/// Publishes outbox entries to the bus and marks them dispatched. Entries are leased first, so hubs sharing a store
/// never publish the same one together; a hub that dies mid-round leaves a lease that expires and another takes over.
/// Publishing then marking may publish twice after a crash: deliveries are keyed by event and route, so the second
/// copy changes nothing.
/// </summary>
public sealed partial class OutboxDispatcher(
    HubDbContextFactory stores, IBus bus, OutboxSignal signal, IOptions<ExchangeOptions> options, TimeProvider clock, ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    private readonly ExchangeOptions _options = options.Value;

    /// <summary>One round: claim, publish, mark. Returns how many were published.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var me = _options.Instance;
        await using var db = stores.CreateDbContext();
        var now = clock.GetUtcNow();
        var candidates = await db.Outbox.AsNoTracking()
            .Where(m => m.DispatchedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.OccurredAt)
            .Select(m => m.Id)
            .Take(_options.Outbox.BatchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var until = now.AddSeconds(_options.Outbox.LeaseSeconds);
        await db.Outbox
            .Where(m => candidates.Contains(m.Id) && m.DispatchedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, me).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        var mine = await db.Outbox.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.ClaimedBy == me && m.ClaimedUntil > now && m.DispatchedAt == null)
            .OrderBy(m => m.OccurredAt)
            .ToListAsync(cancellationToken);

        foreach (var m in mine)
        {
            await bus.Publish(new HubEventMessage(m.Id, m.Type, m.Subject, m.Payload, m.OccurredAt), cancellationToken);
        }

        var ids = mine.Select(m => m.Id).ToList();
        var dispatched = clock.GetUtcNow();
        await db.Outbox.Where(m => ids.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, dispatched).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        return mine.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(_options.Outbox.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or MassTransitException or TimeoutException
                or System.Data.Common.DbException)
            {
                LogDispatchFailed(ex);
            }

            try
            {
                await signal.Signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox dispatch failed; will try again")]
    private partial void LogDispatchFailed(Exception ex);
}
