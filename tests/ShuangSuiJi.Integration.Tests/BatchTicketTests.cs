using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>
/// ZJ's batch tickets as their own job, against the ZJ simulator in-process (a ticket answers PENDING, then
/// PROCESSING, then DONE or PARTIAL): the delivery stores the ticket and moves on; the poll settles the deliveries once,
/// keeps each refusal with ZJ's reason, survives a run killed between poll and store, and gives up stuck tickets.
/// </summary>
public sealed class BatchTicketTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Only the ZJ result route, so every delivery here is a ZJ one.</summary>
    private static readonly Dictionary<string, string?> ZjOnly = new()
    {
        ["Exchange:Routes:result-notice-gs:Enabled"] = "false",
        ["Exchange:Routes:result-feedback-fx:Enabled"] = "false",
        ["Exchange:Routes:result-lead-cf:Enabled"] = "false",
    };

    private static async Task<ExchangeHarness> Harness(StorageProvider provider, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null) =>
        await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider),
            ZjOnly.Concat(overrides ?? new Dictionary<string, string?>()).ToDictionary(kv => kv.Key, kv => kv.Value), configure);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ABatchGoesPendingToDone_AndItsDeliveriesAreDeliveredExactlyOnce(StorageProvider provider)
    {
        await using var hub = await Harness(provider);
        await SendResultsAsync(hub, 3);

        await hub.Worker.DeliverDueAsync(Ct);

        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var ticket = await db.BatchTickets.SingleAsync(Ct);
            Assert.Equal(("ZJ", "result.recorded", "result-batch-zj", BatchTicketState.Pending, 0), (ticket.Partner, ticket.EventType, ticket.Route, ticket.State, ticket.Polls));
            var deliveries = await db.Deliveries.ToListAsync(Ct);
            Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.AwaitingTicket, ticket.Ticket), (d.Status, d.PartnerId)));
            Assert.Equal(deliveries.Select(d => d.Id).Order(), ticket.DeliveryIds.Order());
            Assert.Equal("submitted", (await db.ExchangeLog.SingleAsync(e => e.Partner == "ZJ", Ct)).Status);
        }

        Assert.Equal(0, hub.Simulators.Zj.AcceptedRecords); // the delivery did not wait for ZJ to process the batch

        var pending = await hub.Tickets.PollAsync("ZJ", Ct);
        var processing = await hub.Tickets.PollAsync("ZJ", Ct);
        var done = await hub.Tickets.PollAsync("ZJ", Ct);
        var after = await hub.Tickets.PollAsync("ZJ", Ct);

        Assert.Equal((1, 1, 0), (pending.Polled, pending.Open, pending.Finished));
        Assert.Equal((1, 1, 0), (processing.Polled, processing.Open, processing.Finished));
        Assert.Equal((1, 0, 1), (done.Polled, done.Open, done.Finished));
        Assert.Equal(0, after.Polled); // a finished ticket is not polled again
        Assert.Equal(3, hub.Simulators.Zj.AcceptedRecords);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var ticket = await db.BatchTickets.SingleAsync(Ct);
            Assert.Equal((BatchTicketState.Done, 3, 3), (ticket.State, ticket.Polls, ticket.Accepted));
            Assert.NotNull(ticket.FinishedAt);
            Assert.All(await db.Deliveries.ToListAsync(Ct), d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
            var log = await db.ExchangeLog.SingleAsync(e => e.Operation == "ZJ/batch-tickets", Ct);
            Assert.Equal(("ok", 3, 0, ticket.Ticket), (log.Status, log.Accepted, log.Rejected, log.Reference));
            Assert.Contains(ticket.Ticket, log.Request, StringComparison.Ordinal); // the poll's GET is in the log
        }

        // Everything once more, as a restarted hub would: the delivery round and the poll find nothing to do.
        await hub.DeliverAllAsync();
        Assert.Equal(3, hub.Simulators.Zj.AcceptedRecords);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(3, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
            Assert.Equal(1, await db.ExchangeLog.CountAsync(e => e.Operation == "ZJ/batch-tickets", Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APartialBatch_KeepsEachRefusedRecordWithItsReason_AndDeliversTheRest(StorageProvider provider)
    {
        await using var hub = await Harness(provider);
        await SendResultsAsync(hub, 3, unknownToZjAt: 1);

        await hub.DeliverAllAsync();

        Guid refusedId;
        string firstTicket;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var ticket = await db.BatchTickets.SingleAsync(Ct);
            firstTicket = ticket.Ticket;
            Assert.Equal((BatchTicketState.Partial, 2), (ticket.State, ticket.Accepted));
            var refused = await db.Deliveries.SingleAsync(d => d.Status == DeliveryStatus.DeadLettered, Ct);
            var position = ticket.DeliveryIds.ToList().IndexOf(refused.Id); // the refusal names the record by its position as sent
            Assert.Equal($"{position}: E201 org_code unknown", ticket.Errors);
            Assert.Equal($"refused by ZJ: E201 org_code unknown (ticket {ticket.Ticket}, record {position})", refused.LastError);
            Assert.NotEqual(ticket.BatchKey, refused.BatchKey); // a resubmission is a new batch: ZJ would answer the old number with the old ticket
            Assert.Equal(2, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
            var log = await db.ExchangeLog.SingleAsync(e => e.Operation == "ZJ/batch-tickets", Ct);
            Assert.Equal(("partial", 2, 1), (log.Status, log.Accepted, log.Rejected));
            refusedId = refused.Id;
        }

        Assert.Equal(2, hub.Simulators.Zj.AcceptedRecords);

        // The dead letter is resubmittable like any other: it goes up again in a batch of its own, under a new ticket.
        Assert.Equal(1, await hub.Admin.ResubmitAsync([refusedId], Ct));
        await hub.DeliverAllAsync();
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var tickets = await db.BatchTickets.OrderBy(t => t.Id).ToListAsync(Ct);
            Assert.Equal(2, tickets.Count);
            Assert.NotEqual(firstTicket, tickets[1].Ticket);
            Assert.Equal([refusedId], tickets[1].DeliveryIds);
            var again = await db.Deliveries.SingleAsync(d => d.Id == refusedId, Ct);
            Assert.Equal(DeliveryStatus.DeadLettered, again.Status); // its department is still unknown to ZJ
            Assert.Contains("E201 org_code unknown", again.LastError, StringComparison.Ordinal);
            Assert.Equal(2, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APollKilledBetweenPollAndStore_IsRunAgain_WithoutDuplicates(StorageProvider provider)
    {
        DyingPoller? dying = null;
        await using var hub = await Harness(provider, configure: services =>
        {
            // Wraps the ZJ module's own poller: the job takes the last one registered for a partner.
            var module = services.Last(d => d.ServiceType == typeof(IBatchTicketPoller));
            services.AddSingleton<IBatchTicketPoller>(sp => dying = new DyingPoller((IBatchTicketPoller)module.ImplementationFactory!(sp))); // the module registers by factory
        });
        await SendResultsAsync(hub, 3);
        await hub.Worker.DeliverDueAsync(Ct);
        await hub.Tickets.PollAsync("ZJ", Ct); // PENDING
        await hub.Tickets.PollAsync("ZJ", Ct); // PROCESSING
        Assert.NotNull(dying);

        // ZJ answers DONE, and the hub dies before storing it: nothing of the answer is kept.
        using (var kill = new CancellationTokenSource())
        {
            dying.Kill = kill;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hub.Tickets.PollAsync("ZJ", kill.Token));
        }

        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var open = await db.BatchTickets.SingleAsync(Ct);
            Assert.Equal((BatchTicketState.Processing, 2), (open.State, open.Polls));
            Assert.Equal(3, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.AwaitingTicket, Ct));
            Assert.False(await db.ExchangeLog.AnyAsync(e => e.Operation == "ZJ/batch-tickets", Ct));
        }

        // The next run fails to reach ZJ: the failure is kept and logged, the ticket stays open.
        dying.FailNext = true;
        var failed = await hub.Tickets.PollAsync("ZJ", Ct);
        Assert.Equal((1, 1, 0), (failed.Polled, failed.Failed, failed.Finished));
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            dying.FailNext = true;
            await hub.Tickets.RunAsync("ZJ", Ct); // the Hangfire entry point fails the run
        });

        // The run after that polls again and settles each delivery once.
        var settled = await hub.Tickets.PollAsync("ZJ", Ct);
        var rerun = await hub.Tickets.PollAsync("ZJ", Ct);

        Assert.Equal((1, 1), (settled.Polled, settled.Finished));
        Assert.Equal(0, rerun.Polled);
        Assert.Equal(3, hub.Simulators.Zj.AcceptedRecords);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var ticket = await db.BatchTickets.SingleAsync(Ct);
            Assert.Equal(BatchTicketState.Done, ticket.State);
            Assert.Null(ticket.LastError);
            var deliveries = await db.Deliveries.ToListAsync(Ct);
            Assert.All(deliveries, d => Assert.Equal((DeliveryStatus.Delivered, 2), (d.Status, d.Attempts))); // sent once, settled once
            Assert.Equal(1, await db.ExchangeLog.CountAsync(e => e.Operation == "ZJ/batch-tickets" && e.Status == "ok", Ct));
            Assert.Equal(2, await db.ExchangeLog.CountAsync(e => e.Operation == "ZJ/batch-tickets" && e.Status == "failed", Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ATicketStuckBeyondItsAge_IsDeadLetteredWithTheReason_AndAResubmitPollsTheSameTicketAgain(StorageProvider provider)
    {
        await using var hub = await Harness(provider, new Dictionary<string, string?> { ["Exchange:Tickets:StuckAfterMinutes"] = "30" });
        await SendResultsAsync(hub, 2);
        await hub.Worker.DeliverDueAsync(Ct);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var submitted = TimeProvider.System.GetUtcNow().AddHours(-2);
            await db.BatchTickets.ExecuteUpdateAsync(s => s.SetProperty(t => t.SubmittedAt, submitted), Ct);
        }

        var run = await hub.Tickets.PollAsync("ZJ", Ct);

        Assert.Equal((1, 1), (run.Polled, run.Stuck));
        string ticket;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var stuck = await db.BatchTickets.SingleAsync(Ct);
            ticket = stuck.Ticket;
            Assert.Equal(BatchTicketState.Stuck, stuck.State);
            var dead = await db.Deliveries.ToListAsync(Ct);
            Assert.All(dead, d => Assert.Equal(DeliveryStatus.DeadLettered, d.Status));
            Assert.All(dead, d => Assert.Contains($"ticket {ticket} still PENDING at ZJ 120 min after submission (Exchange:Tickets:StuckAfterMinutes is 30)", d.LastError, StringComparison.Ordinal));
            Assert.All(dead, d => Assert.NotNull(d.BatchKey)); // kept: ZJ answers the same batch number with the same ticket
            Assert.Equal("failed", (await db.ExchangeLog.SingleAsync(e => e.Operation == "ZJ/batch-tickets", Ct)).Status);
        }

        Assert.Equal(0, (await hub.Tickets.PollAsync("ZJ", Ct)).Polled); // given up: not polled
        Assert.Equal(2, await hub.Admin.ResubmitAllAsync("ZJ", null, Ct));
        await hub.DeliverAllAsync();

        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var reopened = await db.BatchTickets.SingleAsync(Ct);
            Assert.Equal((ticket, BatchTicketState.Done), (reopened.Ticket, reopened.State));
            Assert.Equal(2, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
        }

        Assert.Equal(2, hub.Simulators.Zj.AcceptedRecords);
    }

    /// <summary>
    /// Results entered at SUP, pulled and fanned out to the ZJ route. With <paramref name="unknownToZjAt"/>, that
    /// result's department carries a credit code ZJ does not know (E201).
    /// </summary>
    private static async Task SendResultsAsync(ExchangeHarness hub, int count, int? unknownToZjAt = null)
    {
        await hub.PullAsync("SUP/departments");
        List<Department> departments;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            departments = await db.Departments.AsNoTracking().Where(d => d.CreditCode != null && d.Code.EndsWith("-SCJG")).OrderBy(d => d.Code).Take(2).ToListAsync(Ct);
            if (unknownToZjAt is not null)
            {
                // A well-formed credit code (its check character computed) that is no department's at ZJ.
                var unknown = "11360000MB9999999" + Core.Codes.Uscc.ComputeCheckCharacter("11360000MB9999999");
                await db.Departments.Where(d => d.Code == departments[1].Code).ExecuteUpdateAsync(s => s.SetProperty(d => d.CreditCode, unknown), Ct);
            }
        }

        var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 }).Targets().Take(count).ToList();
        var today = ChinaTime.Today(TimeProvider.System);
        var results = targets.Select((t, i) => (new InspectionResult
        {
            TaskNumber = $"RW{today.Year}-360100-0777",
            TargetCreditCode = t.CreditCode,
            DepartmentCode = departments[i == unknownToZjAt ? 1 : 0].Code,
            Outcome = ResultOutcome.NoProblemFound,
            Findings = "",
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today,
            EnteredOn = today,
            Provenance = new Provenance("test", "test", TimeProvider.System.GetUtcNow()),
        }, t.Name)).ToList();
        Assert.Equal(count, hub.Simulators.EnterResults(results));
        await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: count);
    }

    /// <summary>ZJ's poller, made to die (cancelled, as a killed process) or fail (a dropped connection) once ZJ has answered.</summary>
    private sealed class DyingPoller(IBatchTicketPoller inner) : IBatchTicketPoller
    {
        public CancellationTokenSource? Kill { get; set; }

        public bool FailNext { get; set; }

        public string Partner => inner.Partner;

        public async Task<TicketStatus> PollAsync(string ticket, CancellationToken cancellationToken)
        {
            var status = await inner.PollAsync(ticket, cancellationToken);
            if (Kill is { } kill)
            {
                Kill = null;
                await kill.CancelAsync();
                throw new OperationCanceledException("the hub was killed between poll and store", kill.Token);
            }

            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("connection reset by peer");
            }

            return status;
        }
    }
}
