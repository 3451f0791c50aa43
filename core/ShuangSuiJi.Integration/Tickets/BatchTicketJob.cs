using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Integration.Logging;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;

namespace ShuangSuiJi.Integration.Tickets;

/// <summary>
/// The batch ticket poll (Hangfire job <c>{Partner}/batch-tickets</c>, one per partner whose module registers an
/// <see cref="IBatchTicketPoller"/>): asks the partner about each open ticket and, in one transaction per ticket,
/// moves the ticket on and settles its deliveries — all delivered on DONE; on PARTIAL the refused records
/// dead-lettered with the partner's code and reason (resubmittable like any dead letter, in a new batch) and the
/// others delivered; all dead-lettered on FAILED — with the exchange log entry. Nothing is stored before the partner
/// has answered and the answer is stored whole or not at all, so a run that dies between poll and store leaves the
/// ticket open and the next run asks again; a delivery is settled only while it awaits its ticket, so nothing is
/// marked twice. A ticket still unfinished <see cref="TicketSettings.StuckAfterMinutes"/> after submission is given up:
/// a warning, and its deliveries dead-lettered with the reason (a resubmit sends the same batch number, the partner
/// answers the same ticket and polling resumes).
/// </summary>
public sealed partial class BatchTicketJob(
    HubDbContextFactory stores, IEnumerable<IBatchTicketPoller> pollers, IOptions<ExchangeOptions> options, TimeProvider clock, ILogger<BatchTicketJob> logger)
{
    /// <summary>The resource part of the job's name: <c>{Partner}/batch-tickets</c>.</summary>
    public const string Resource = "batch-tickets";

    /// <summary>Every minute (China time) when <c>Exchange:Schedules:{Partner}/batch-tickets</c> names no schedule.</summary>
    public const string DefaultCron = "* * * * *";

    // The last registration of a partner wins, as for deliveries.
    private readonly Dictionary<string, IBatchTicketPoller> _pollers = pollers.GroupBy(p => p.Partner, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The partners whose tickets are polled.</summary>
    public IEnumerable<string> Partners => _pollers.Values.Select(p => p.Partner).Order(StringComparer.Ordinal);

    /// <summary>The recurring job's id (and schedule key) for a partner.</summary>
    public static string JobName(string partner) => $"{partner}/{Resource}";

    /// <summary>The Hangfire entry point; one run per partner at a time across every hub. A run with failed polls fails (each is in the exchange log).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)] // the next scheduled run polls again
    public async Task RunAsync(string partner, CancellationToken cancellationToken)
    {
        var run = await PollAsync(partner, cancellationToken);
        if (run.Failed > 0)
        {
            throw new InvalidOperationException($"{JobName(partner)}: {run.Failed} of {run.Polled} polls failed; see the exchange log");
        }
    }

    /// <summary>Polls the partner's open tickets, least recently polled first, up to <see cref="TicketSettings.PerRun"/>.</summary>
    /// <exception cref="KeyNotFoundException">No poller for the partner.</exception>
    public async Task<BatchTicketRun> PollAsync(string partner, CancellationToken cancellationToken)
    {
        if (!_pollers.TryGetValue(partner, out var poller))
        {
            throw new KeyNotFoundException($"No batch ticket poller for partner '{partner}'; there are: {string.Join(", ", Partners)}.");
        }

        List<BatchTicket> open;
        await using (var db = stores.CreateDbContext())
        {
            open = await db.BatchTickets.AsNoTracking()
                .Where(t => t.Partner == poller.Partner && (t.State == BatchTicketState.Pending || t.State == BatchTicketState.Processing))
                .OrderBy(t => t.LastPolledAt.HasValue).ThenBy(t => t.LastPolledAt).ThenBy(t => t.Id)
                .Take(options.Value.Tickets.PerRun)
                .ToListAsync(cancellationToken);
        }

        int finished = 0, stillOpen = 0, stuck = 0, failed = 0;
        foreach (var ticket in open)
        {
            switch (await PollOneAsync(poller, ticket, cancellationToken))
            {
                case Polled.Finished: finished++; break;
                case Polled.Open: stillOpen++; break;
                case Polled.Stuck: stuck++; break;
                case Polled.Failed: failed++; break;
                default: break; // settled meanwhile by another run: nothing of ours to count
            }
        }

        if (open.Count > 0)
        {
            LogPolled(poller.Partner, open.Count, finished, stillOpen, stuck, failed);
        }

        return new BatchTicketRun(poller.Partner, open.Count, finished, stillOpen, stuck, failed);
    }

    private enum Polled
    {
        Finished,
        Open,
        Stuck,
        Failed,
        Skipped,
    }

    private async Task<Polled> PollOneAsync(IBatchTicketPoller poller, BatchTicket ticket, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        using var capture = ExchangeCapture.Begin();
        TicketStatus status;
        try
        {
            status = await poller.PollAsync(ticket.Ticket, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPollFailed(ex, ticket.Partner, ticket.Ticket);
            await using var db = stores.CreateDbContext();
            var error = Clip(ex.Message);
            var moved = await Guarded(db, ticket).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.LastPolledAt, started)
                .SetProperty(t => t.Polls, ticket.Polls + 1)
                .SetProperty(t => t.LastError, error), CancellationToken.None);
            db.ExchangeLog.Add(Entry(ticket, started, watch, capture, "failed", 0, 0, error));
            await db.SaveChangesAsync(CancellationToken.None);
            return moved == 0 ? Polled.Skipped : Polled.Failed;
        }

        if (!status.Finished)
        {
            var age = started - ticket.SubmittedAt;
            var limit = TimeSpan.FromMinutes(options.Value.Tickets.StuckAfterMinutes);
            if (age <= limit)
            {
                var state = status.Progress == TicketProgress.Processing ? BatchTicketState.Processing : BatchTicketState.Pending;
                await using var db = stores.CreateDbContext();
                var moved = await Guarded(db, ticket).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.State, state)
                    .SetProperty(t => t.LastPolledAt, started)
                    .SetProperty(t => t.Polls, ticket.Polls + 1)
                    .SetProperty(t => t.LastError, (string?)null), cancellationToken);
                return moved == 0 ? Polled.Skipped : Polled.Open;
            }

            var reason = string.Create(CultureInfo.InvariantCulture,
                $"ticket {ticket.Ticket} still {status.Progress.ToString().ToUpperInvariant()} at {ticket.Partner} {age.TotalMinutes:0} min after submission (Exchange:Tickets:StuckAfterMinutes is {options.Value.Tickets.StuckAfterMinutes}); resubmit to poll it again: the same batch number is answered with the same ticket");
            LogStuck(ticket.Partner, ticket.Ticket, (int)age.TotalMinutes, ticket.DeliveryIds.Count);
            return await SettleAsync(ticket, BatchTicketState.Stuck, status, started, watch, capture, _ => reason, reason, leaveBatch: false) ? Polled.Stuck : Polled.Skipped;
        }

        var refusals = status.Progress == TicketProgress.Failed
            ? null
            : status.Errors.Where(e => e.Index >= 0 && e.Index < ticket.DeliveryIds.Count).GroupBy(e => e.Index)
                .ToDictionary(g => ticket.DeliveryIds[g.Key], g => string.Join("; ", g.Select(e => $"{e.Code} {e.Message}")));
        var failure = status.Progress == TicketProgress.Failed
            ? $"batch {ticket.Ticket} failed as a whole at {ticket.Partner}{(string.IsNullOrWhiteSpace(status.Reason) ? "" : $": {status.Reason}")}"
            : null;
        var final = status.Progress switch
        {
            TicketProgress.Done when refusals!.Count == 0 => BatchTicketState.Done,
            TicketProgress.Failed => BatchTicketState.Failed,
            _ => BatchTicketState.Partial,
        };
        var positions = ticket.DeliveryIds.Select((id, i) => (id, i)).Where(x => x.id != Guid.Empty).ToDictionary(x => x.id, x => x.i);
        string? Refusal(Guid id) =>
            failure ?? (refusals!.TryGetValue(id, out var why) ? $"refused by {ticket.Partner}: {why} (ticket {ticket.Ticket}, record {positions[id]})" : null);
        var settled = await SettleAsync(ticket, final, status, started, watch, capture, Refusal, failure, leaveBatch: true);
        if (settled && final != BatchTicketState.Done)
        {
            LogRefused(ticket.Partner, ticket.Ticket, final.ToString(), failure is null ? refusals!.Count : ticket.DeliveryIds.Count);
        }

        return settled ? Polled.Finished : Polled.Skipped;
    }

    /// <summary>
    /// One transaction: the ticket moves to <paramref name="state"/> only if no one moved it since it was read (so two
    /// runs never settle it twice), then each delivery still awaiting it is delivered or dead-lettered with
    /// <paramref name="refusal"/>'s reason, and the exchange log entry is added. Returns whether this run settled it.
    /// </summary>
    private async Task<bool> SettleAsync(
        BatchTicket ticket, BatchTicketState state, TicketStatus status, DateTimeOffset now, Stopwatch watch, ExchangeCapture capture,
        Func<Guid, string?> refusal, string? error, bool leaveBatch)
    {
        // Not cancellable from here on: what the partner answered is stored whole. The provider's execution strategy
        // may run the unit again after a transient failure; the guard makes a unit that did commit a no-op.
        var errors = status.Errors.Count == 0 ? null : string.Join('\n', status.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Index}: {e.Code} {e.Message}")));
        var finished = state == BatchTicketState.Stuck ? (DateTimeOffset?)null : now;
        var clipped = Clip(error);
        var ids = ticket.DeliveryIds.Where(id => id != Guid.Empty).ToList();
        var newBatch = Deliveries.DeliveryWorker.NewBatchKey(ticket.Route);
        await using var db = stores.CreateDbContext();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var moved = await Guarded(db, ticket).ExecuteUpdateAsync(s => s
                .SetProperty(t => t.State, state)
                .SetProperty(t => t.LastPolledAt, now)
                .SetProperty(t => t.Polls, ticket.Polls + 1)
                .SetProperty(t => t.Accepted, status.Accepted)
                .SetProperty(t => t.Errors, errors)
                .SetProperty(t => t.LastError, clipped)
                .SetProperty(t => t.FinishedAt, finished), ct);
            if (moved == 0)
            {
                await transaction.RollbackAsync(ct);
                return false;
            }

            var deliveries = await db.Deliveries.Where(d => ids.Contains(d.Id) && d.Status == DeliveryStatus.AwaitingTicket && d.PartnerId == ticket.Ticket)
                .ToListAsync(ct);
            int delivered = 0, refused = 0;
            foreach (var d in deliveries)
            {
                var why = refusal(d.Id);
                d.Attempts++;
                if (why is null)
                {
                    d.Status = DeliveryStatus.Delivered;
                    d.DeliveredAt = now;
                    d.LastError = null;
                    delivered++;
                    continue;
                }

                d.Status = DeliveryStatus.DeadLettered;
                d.LastError = Clip(why);
                if (leaveBatch)
                {
                    d.BatchKey = newBatch; // the partner has finished this batch: a resubmission after a fix is a new one
                }

                refused++;
            }

            db.ExchangeLog.Add(Entry(ticket, now, watch, capture, state switch
            {
                BatchTicketState.Done => "ok",
                BatchTicketState.Partial => "partial",
                _ => "failed",
            }, delivered, refused, clipped));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }, CancellationToken.None);
    }

    /// <summary>The ticket as read, if still open and not polled by anyone since.</summary>
    private static IQueryable<BatchTicket> Guarded(HubDbContext db, BatchTicket ticket) =>
        db.BatchTickets.Where(t => t.Id == ticket.Id && t.Polls == ticket.Polls && (t.State == BatchTicketState.Pending || t.State == BatchTicketState.Processing));

    private static ExchangeLogEntry Entry(BatchTicket ticket, DateTimeOffset started, Stopwatch watch, ExchangeCapture capture, string status, int accepted, int rejected, string? error) => new()
    {
        Partner = ticket.Partner,
        Kind = ticket.EventType,
        Direction = ExchangeDirection.Outbound,
        Operation = JobName(ticket.Partner),
        CorrelationId = ticket.BatchKey,
        Reference = ticket.Ticket,
        Status = status,
        Attempts = ticket.Polls + 1,
        StartedAt = started,
        DurationMs = (int)watch.ElapsedMilliseconds,
        Accepted = accepted,
        Rejected = rejected,
        Request = capture.Requests,
        Response = capture.Responses,
        Error = error,
    };

    private static string? Clip(string? text) => text is { Length: > 2000 } ? text[..2000] : text;

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled {Count} {Partner} batch tickets: {Finished} finished, {Open} still open, {Stuck} stuck, {Failed} failed")]
    private partial void LogPolled(string partner, int count, int finished, int open, int stuck, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Partner} batch ticket {Ticket} failed; it stays open")]
    private partial void LogPollFailed(Exception ex, string partner, string ticket);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Partner} batch ticket {Ticket} is stuck: unfinished {Minutes} min after submission; its {Count} deliveries are dead-lettered for an operator")]
    private partial void LogStuck(string partner, string ticket, int minutes, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Partner} batch ticket {Ticket} ended {State}: {Count} records refused and dead-lettered")]
    private partial void LogRefused(string partner, string ticket, string state, int count);
}
