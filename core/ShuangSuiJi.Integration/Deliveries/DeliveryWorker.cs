using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Logging;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Deliveries;

/// <summary>
/// Sends due deliveries to their partners. Claims them with a lease (hubs sharing a store never send the same one
/// together), groups them by route into calls of the partner's batch size, keeps each group's batch key across
/// retries, and records every attempt in the exchange log. A failed call is retried with doubling delays; after
/// <see cref="DeliverySettings.MaxAttempts"/>, or when the partner refuses a record for good, the delivery is
/// dead-lettered for an operator to fix and resubmit. A batch the partner takes under a ticket is stored as a
/// <see cref="BatchTicket"/> in the same transaction that marks its deliveries <see cref="DeliveryStatus.AwaitingTicket"/>;
/// the batch ticket poll settles them later, so no call waits for a partner to finish processing.
/// </summary>
public sealed partial class DeliveryWorker(
    HubDbContextFactory stores, DeliveryRegistry registry, DeliverySignal signal, IOptions<ExchangeOptions> options, TimeProvider clock,
    ILogger<DeliveryWorker> logger) : BackgroundService
{
    private readonly ExchangeOptions _options = options.Value;

    private readonly SemaphoreSlim _flush = new(1, 1);
    private readonly List<Settlement> _settled = [];

    /// <summary>
    /// What one call did to its deliveries, written to the store in batches: per delivery its status, the partner's id,
    /// the error, and whether it leaves its batch (a record refused for good takes a fresh batch key, so it goes in a new
    /// batch when resubmitted: a partner that dedupes batches would answer the old one again); the tickets the call was
    /// answered with.
    /// </summary>
    private sealed record Settlement(
        IReadOnlyList<Guid> Ids, Func<Guid, (DeliveryStatus Status, string? PartnerId, string? Error, bool LeavesBatch)> Outcome, bool Retry, ExchangeLogEntry? Log,
        IReadOnlyList<BatchTicket>? Tickets = null);

    /// <summary>
    /// One round: claim what is due and deliver it, up to <see cref="DeliverySettings.Parallelism"/> calls at once
    /// (never two batches of one route together, so a partner sees its batches in order). Outcomes are written every
    /// <see cref="DeliverySettings.FlushSize"/> calls and at the end of the round. Returns how many deliveries were attempted.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(cancellationToken);
        var work = new List<(IEventDelivery Delivery, List<Delivery> Group)>();
        foreach (var route in claimed.GroupBy(d => (d.Route, d.Partner, d.EventType)))
        {
            var delivery = registry.Find(route.Key.Partner, route.Key.EventType);
            if (delivery is null)
            {
                var reason = $"no adapter delivers '{route.Key.EventType}' to partner '{route.Key.Partner}' (route '{route.Key.Route}'): check the route's Partner and Event";
                await SettleAsync(new Settlement([.. route.Select(d => d.Id)], _ => (DeliveryStatus.DeadLettered, null, reason, false), Retry: false, Log: null), cancellationToken);
                continue;
            }

            work.AddRange(Batches([.. route], delivery.BatchSize).Select(g => (delivery, g)));
        }

        // Single-record partners run their calls side by side; batch partners one batch at a time per route.
        var lanes = work.GroupBy(w => w.Delivery.BatchSize > 1 ? w.Group[0].Route : $"{w.Group[0].Route}#{w.Group[0].Id}");
        await Parallel.ForEachAsync(lanes, new ParallelOptions { MaxDegreeOfParallelism = _options.Delivery.Parallelism, CancellationToken = cancellationToken },
            async (lane, ct) =>
            {
                foreach (var (delivery, group) in lane)
                {
                    await SettleAsync(await DeliverAsync(delivery, group, ct), ct);
                }
            });
        await FlushAsync();
        return claimed.Count;
    }

    private async Task<List<Delivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        var me = _options.Instance;
        var now = clock.GetUtcNow();
        await using var db = stores.CreateDbContext();
        var due = await db.Deliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(_options.Delivery.ClaimSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var until = now.AddSeconds(_options.Delivery.LeaseSeconds);
        await db.Deliveries
            .Where(d => due.Contains(d.Id) && d.Status == DeliveryStatus.Pending && (d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedBy, me).SetProperty(d => d.ClaimedUntil, until), cancellationToken);
        return await db.Deliveries.AsNoTracking()
            .Where(d => due.Contains(d.Id) && d.ClaimedBy == me && d.ClaimedUntil > now && d.Status == DeliveryStatus.Pending)
            .OrderBy(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Groups that went out before keep their batch; the rest are cut to the partner's batch size.</summary>
    private static IEnumerable<List<Delivery>> Batches(List<Delivery> deliveries, int batchSize)
    {
        foreach (var kept in deliveries.Where(d => d.BatchKey is not null).GroupBy(d => d.BatchKey))
        {
            yield return [.. kept];
        }

        foreach (var chunk in deliveries.Where(d => d.BatchKey is null).Chunk(Math.Max(1, batchSize)))
        {
            yield return [.. chunk];
        }
    }

    private async Task<Settlement> DeliverAsync(IEventDelivery delivery, List<Delivery> group, CancellationToken cancellationToken)
    {
        var first = group[0];
        var batchKey = first.BatchKey ?? await AssignBatchKeyAsync(group, cancellationToken);
        var events = group.Select(d => new OutboundEvent(d.EventId, d.IdempotencyKey, d.EventType, d.Subject, d.Payload)).ToList();
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var capture = ExchangeCapture.Begin();
        IReadOnlyList<DeliveryOutcome>? outcomes = null;
        Exception? failure = null;
        try
        {
            outcomes = await delivery.DeliverAsync(events, batchKey, cancellationToken);
            if (outcomes.Count != events.Count)
            {
                throw new InvalidOperationException($"the {delivery.Partner} delivery of {delivery.EventType} answered {outcomes.Count} outcomes for {events.Count} events");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ex;
            outcomes = null;
        }

        watch.Stop();
        var attempt = group.Max(d => d.Attempts) + 1;
        var refused = outcomes?.Count(o => o.Refusal is not null) ?? 0;
        var awaiting = outcomes?.Count(o => o.IsAwaitingTicket) ?? 0;
        var log = new ExchangeLogEntry
        {
            Partner = delivery.Partner,
            Kind = delivery.EventType,
            Direction = ExchangeDirection.Outbound,
            Operation = first.Route,
            CorrelationId = group.Count == 1 ? first.IdempotencyKey : batchKey,
            Reference = group.Count == 1 ? first.Id.ToString() : batchKey,
            Status = failure is not null ? "failed" : awaiting > 0 ? "submitted" : refused > 0 ? "partial" : "ok",
            Attempts = attempt,
            StartedAt = started,
            DurationMs = (int)watch.ElapsedMilliseconds,
            Accepted = outcomes is null ? 0 : outcomes.Count - refused - awaiting,
            Rejected = refused,
            Request = capture.Requests,
            Response = capture.Responses,
            Error = failure?.Message is { Length: > 2000 } m ? m[..2000] : failure?.Message,
        };
        var ids = group.Select(d => d.Id).ToList();
        if (failure is not null)
        {
            var permanent = failure is PartnerException { Retryable: false } p && IsContentRefusal(p.PartnerCode);
            var last = attempt >= _options.Delivery.MaxAttempts;
            LogAttemptFailed(failure, delivery.Partner, first.Route, group.Count, attempt);
            var reason = permanent || last ? $"{(permanent ? "refused" : $"gave up after {attempt} attempts")}: {failure.Message}" : failure.Message;
            var status = permanent || last ? DeliveryStatus.DeadLettered : DeliveryStatus.Pending;
            return new Settlement(ids, _ => (status, null, reason, false), Retry: !(permanent || last), log);
        }

        var byId = group.Select((d, i) => (d.Id, Outcome: outcomes![i])).ToDictionary(x => x.Id, x => x.Outcome);
        return new Settlement(ids, id => byId[id] switch
        {
            { Refusal: { } why } => (DeliveryStatus.DeadLettered, null, $"refused by {delivery.Partner}: {why}", true),
            { IsAwaitingTicket: true } o => (DeliveryStatus.AwaitingTicket, o.PartnerId, null, false),
            var o => (DeliveryStatus.Delivered, o.PartnerId, null, false),
        }, Retry: false, log, Tickets(delivery, group, outcomes!, batchKey, started));
    }

    /// <summary>The tickets a call was answered with, each listing its deliveries by their position in the batch as sent.</summary>
    private static List<BatchTicket> Tickets(IEventDelivery delivery, List<Delivery> group, IReadOnlyList<DeliveryOutcome> outcomes, string batchKey, DateTimeOffset submittedAt) =>
        [.. group.Select((d, i) => (d.Id, Outcome: outcomes[i]))
            .Where(x => x.Outcome.IsAwaitingTicket && x.Outcome.PartnerId is not null)
            .GroupBy(x => x.Outcome.PartnerId!, StringComparer.Ordinal) // IsAwaitingTicket: PartnerId holds the ticket
            .Select(g =>
            {
                var positions = new Guid[g.Max(x => x.Outcome.TicketIndex!.Value) + 1]; // a gap (a position the partner skipped) stays empty
                foreach (var (id, outcome) in g)
                {
                    positions[outcome.TicketIndex!.Value] = id;
                }

                return new BatchTicket
                {
                    Partner = delivery.Partner,
                    Ticket = g.Key,
                    EventType = delivery.EventType,
                    Route = group[0].Route,
                    BatchKey = batchKey,
                    DeliveryIds = positions,
                    State = BatchTicketState.Pending,
                    SubmittedAt = submittedAt,
                };
            })];

    /// <summary>A partner code that means "this content will never be taken as it is", as opposed to auth, limits or outages.</summary>
    private static bool IsContentRefusal(string code) =>
        int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? status is 400 or 404 or 409 or 413 or 422 : !code.StartsWith('5');

    /// <summary>
    /// A batch key no partner has seen, for records refused for good: resubmitted, they go up together as a new batch
    /// (a partner that dedupes batches would answer the old number with its old answer).
    /// </summary>
    internal static string NewBatchKey(string route)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{route}-{Guid.NewGuid():N}");
        return key.Length > 100 ? key[^100..] : key;
    }

    private async Task<string> AssignBatchKeyAsync(List<Delivery> group, CancellationToken cancellationToken)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"{group[0].Route}-{group[0].Id:N}");
        key = key.Length > 100 ? key[^100..] : key;
        if (group.Count == 1)
        {
            group[0].BatchKey = key; // a single delivery is its own batch: nothing to keep together across retries
            return key;
        }

        var ids = group.Select(d => d.Id).ToList();
        await using var db = stores.CreateDbContext();
        await db.Deliveries.Where(d => ids.Contains(d.Id)).ExecuteUpdateAsync(s => s.SetProperty(d => d.BatchKey, key), cancellationToken);
        foreach (var d in group)
        {
            d.BatchKey = key;
        }

        return key;
    }

    private async Task SettleAsync(Settlement settlement, CancellationToken cancellationToken)
    {
        int pending;
        lock (_settled)
        {
            _settled.Add(settlement);
            pending = _settled.Count;
        }

        if (pending >= _options.Delivery.FlushSize)
        {
            await FlushAsync();
        }
    }

    /// <summary>Writes the settled outcomes and their log entries in one transaction. Not cancellable: what a partner took is always recorded.</summary>
    private async Task FlushAsync()
    {
        await _flush.WaitAsync(CancellationToken.None);
        try
        {
            List<Settlement> batch;
            lock (_settled)
            {
                batch = [.. _settled];
                _settled.Clear();
            }

            if (batch.Count == 0)
            {
                return;
            }

            var now = clock.GetUtcNow();
            await using var db = stores.CreateDbContext();
            var outcomes = batch.SelectMany(s => s.Ids.Select(id => (Id: id, Settlement: s))).ToDictionary(x => x.Id, x => x.Settlement);
            var ids = outcomes.Keys.ToList();
            var tracked = await db.Deliveries.Where(d => ids.Contains(d.Id)).ToListAsync(CancellationToken.None);
            var refusedBatches = new Dictionary<Settlement, string>(ReferenceEqualityComparer.Instance); // one new batch per call's refusals
            foreach (var d in tracked)
            {
                var settlement = outcomes[d.Id];
                var (status, partnerId, error, leavesBatch) = settlement.Outcome(d.Id);
                d.Status = status;
                d.Attempts++;
                d.PartnerId = partnerId ?? d.PartnerId;
                d.LastError = error is null ? null : error.Length > 2000 ? error[..2000] : error;
                d.ClaimedBy = null;
                d.ClaimedUntil = null;
                if (status == DeliveryStatus.Delivered)
                {
                    d.DeliveredAt = now;
                }

                if (leavesBatch)
                {
                    d.BatchKey = refusedBatches.TryGetValue(settlement, out var key) ? key : refusedBatches[settlement] = NewBatchKey(d.Route);
                }

                if (settlement.Retry)
                {
                    var delay = Math.Min(_options.Delivery.MaxDelaySeconds, _options.Delivery.BaseDelaySeconds * Math.Pow(2, d.Attempts - 1));
                    d.NextAttemptAt = now.AddSeconds(delay);
                }
            }

            await StoreTicketsAsync(db, [.. batch.SelectMany(s => s.Tickets ?? [])], now);
            db.ExchangeLog.AddRange(batch.Select(s => s.Log).OfType<ExchangeLogEntry>());
            await db.SaveChangesAsync(CancellationToken.None);
        }
        finally
        {
            _flush.Release();
        }
    }

    /// <summary>
    /// Adds the new tickets to the flush's transaction. A ticket the store already holds is the partner answering a
    /// batch it knows (a resubmitted or replayed delivery keeps its batch key): it keeps its deliveries as first sent
    /// and is opened again, so the poll settles the deliveries that now await it.
    /// </summary>
    private static async Task StoreTicketsAsync(HubDbContext db, IReadOnlyList<BatchTicket> tickets, DateTimeOffset now)
    {
        foreach (var partner in tickets.GroupBy(t => t.Partner, StringComparer.Ordinal))
        {
            var names = partner.Select(t => t.Ticket).Distinct(StringComparer.Ordinal).ToList();
            var known = await db.BatchTickets.Where(t => t.Partner == partner.Key && names.Contains(t.Ticket)).ToDictionaryAsync(t => t.Ticket, StringComparer.Ordinal, CancellationToken.None);
            foreach (var ticket in partner.DistinctBy(t => t.Ticket, StringComparer.Ordinal))
            {
                if (!known.TryGetValue(ticket.Ticket, out var held))
                {
                    db.BatchTickets.Add(ticket);
                }
                else if (held.State is not (BatchTicketState.Pending or BatchTicketState.Processing))
                {
                    held.State = BatchTicketState.Pending;
                    held.SubmittedAt = now;
                    held.FinishedAt = null;
                    held.LastError = null;
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(_options.Delivery.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
            {
                LogRoundFailed(ex);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery to {Partner} along {Route} failed ({Count} events, attempt {Attempt})")]
    private partial void LogAttemptFailed(Exception ex, string partner, string route, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A delivery round failed; will try again")]
    private partial void LogRoundFailed(Exception ex);
}
