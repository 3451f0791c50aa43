using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Integration.CreditRepair;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Audit;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>
/// Credit repair (信用修复) end to end: a result entered at the supervision platform and publicised as a notice at the
/// publicity simulator, then withdrawn through the outbox, the <c>result-withdrawn-gs</c> route and the publisher,
/// which finds the notice id in the earlier delivery.
/// </summary>
public sealed class CreditRepairTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> NoMinimumPeriod = new() { ["CreditRepair:MinimumPublicityDays"] = "0" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreditRepair_OfAPublicisedResult_WithdrawsTheNoticeOnce_EvenWhenTheEventIsPublishedTwice(StorageProvider provider)
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider), NoMinimumPeriod);
        var result = await PublicisedResultAsync(hub);
        var service = hub.Get<CreditRepairService>();

        var outcome = await service.RequestAsync(Request(result), Ct);
        Assert.Equal(CreditRepairStatus.Accepted, outcome.Status);
        Assert.Equal(["GS"], outcome.Partners);
        await hub.DispatchAsync(expectedDeliveries: 3 + 1);
        await hub.DeliverAllAsync();

        var notice = Assert.Single(hub.Simulators.Gs.Notices);
        Assert.True(notice.Value.Withdrawn);
        Assert.Equal([notice.Key], hub.Simulators.Gs.Withdrawals);

        // A crash between publishing and marking: every event goes to the bus again. GS is asked once all the same.
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.DispatchedAt, (DateTimeOffset?)null), Ct);
        }

        while (await hub.Outbox.DispatchAsync(Ct) > 0)
        {
            // every event again
        }

        await Task.Delay(500, Ct);
        await hub.DeliverAllAsync();
        Assert.Equal([notice.Key], hub.Simulators.Gs.Withdrawals);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var withdrawal = await db.Deliveries.SingleAsync(d => d.EventType == HubEventTypes.ResultPublicityWithdrawn, Ct);
            Assert.Equal((DeliveryStatus.Delivered, "result-withdrawn-gs", notice.Key), (withdrawal.Status, withdrawal.Route, withdrawal.PartnerId));
            Assert.Equal(1, await db.ExchangeLog.CountAsync(e => e.Operation == "result-withdrawn-gs" && e.Status == "ok", Ct));
            var audited = await db.AuditEntries.Where(e => e.Act == AuditActs.CreditRepair).ToListAsync(Ct);
            Assert.Equal(AuditOutcomes.Succeeded, Assert.Single(audited).Outcome);
        }

        // Asked again: refused, naming the earlier decision, and audited as refused.
        var again = await service.RequestAsync(Request(result), Ct);
        Assert.Equal((CreditRepairStatus.AlreadyWithdrawn, outcome.EventId), (again.Status, again.EventId));
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(
                [AuditOutcomes.Succeeded, AuditOutcomes.Refused],
                await db.AuditEntries.Where(e => e.Act == AuditActs.CreditRepair).OrderBy(e => e.Sequence).Select(e => e.Outcome).ToListAsync(Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CreditRepair_RequestedEightTimesAtOnce_IsDecidedAndQueuedOnce(StorageProvider provider)
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider), NoMinimumPeriod);
        var result = await PublicisedResultAsync(hub);
        var service = hub.Get<CreditRepairService>();

        using var start = new Barrier(8);
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(
            () =>
            {
                start.SignalAndWait(Ct); // all eight decide at the same moment
                return service.RequestAsync(Request(result), Ct);
            },
            Ct)));

        var accepted = Assert.Single(outcomes, o => o.Status == CreditRepairStatus.Accepted);
        Assert.All(outcomes.Where(o => o != accepted), o => Assert.Equal((CreditRepairStatus.AlreadyWithdrawn, accepted.EventId), (o.Status, o.EventId)));
        await using var db = hub.Store.Factory.CreateDbContext();
        var queued = await db.Outbox.Where(m => m.Type == HubEventTypes.ResultPublicityWithdrawn).Select(m => m.Id).ToListAsync(Ct);
        Assert.Equal([accepted.EventId!.Value], queued);
        var claim = await db.EventClaims.SingleAsync(Ct);
        Assert.Equal((HubEventTypes.ResultPublicityWithdrawn, accepted.EventId.Value), (claim.Type, claim.EventId));
        Assert.Equal(7, await db.AuditEntries.CountAsync(e => e.Act == AuditActs.CreditRepair && e.Outcome == AuditOutcomes.Refused, Ct));
    }

    [Fact]
    public async Task CreditRepair_OfAResultNeverPublicised_IsRefused_AndRaisesNothing()
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(StorageProvider.Sqlite), NoMinimumPeriod);
        await hub.PullAsync("SUP/departments");
        var result = (await EnterResultsAsync(hub, 1))[0];
        await hub.PullAsync("SUP/results"); // stored, its event still in the outbox: not publicised anywhere yet

        var outcome = await hub.Get<CreditRepairService>().RequestAsync(Request(result), Ct);
        var unknown = await hub.Get<CreditRepairService>().RequestAsync(Request(result with { TaskNumber = "RW-NONE" }), Ct);

        Assert.Equal(CreditRepairStatus.NotPublicised, outcome.Status);
        Assert.Contains("never publicised through GS", outcome.Message, StringComparison.Ordinal);
        Assert.Equal(CreditRepairStatus.NotFound, unknown.Status);
        await using var db = hub.Store.Factory.CreateDbContext();
        Assert.Equal(0, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.ResultPublicityWithdrawn, Ct));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Act == AuditActs.CreditRepair && e.Outcome == AuditOutcomes.Refused, Ct));
    }

    [Fact]
    public async Task CreditRepair_WithinTheMinimumPublicityPeriod_IsRefused_WithTheFirstDayAllowed()
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(StorageProvider.Sqlite));
        var result = await PublicisedResultAsync(hub);

        var outcome = await hub.Get<CreditRepairService>().RequestAsync(Request(result), Ct);
        var blank = await hub.Get<CreditRepairService>().RequestAsync(Request(result) with { Reason = " " }, Ct);

        Assert.Equal(CreditRepairStatus.PeriodNotOver, outcome.Status);
        Assert.Equal(ChinaTime.Today(TimeProvider.System).AddDays(90), outcome.EarliestOn); // the shipped default
        Assert.Equal(CreditRepairStatus.Invalid, blank.Status);
        Assert.Empty(hub.Simulators.Gs.Withdrawals);
    }

    private static CreditRepairRequest Request(InspectionResult result) =>
        new(result.TaskNumber, result.TargetCreditCode, result.DepartmentCode, "企业已完成整改，申请信用修复", "XF-2026-0001", "admin", "127.0.0.1");

    /// <summary>One result entered at SUP, pulled, and delivered (GS notice, ZJ, FX).</summary>
    private static async Task<InspectionResult> PublicisedResultAsync(ExchangeHarness hub)
    {
        await hub.PullAsync("SUP/departments");
        await hub.PullAsync("GS/targets");
        var result = (await EnterResultsAsync(hub, 1))[0];
        await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: 3);
        await hub.DeliverAllAsync();
        Assert.Single(hub.Simulators.Gs.Notices);
        return result;
    }

    private static async Task<List<InspectionResult>> EnterResultsAsync(ExchangeHarness hub, int count)
    {
        await using var db = hub.Store.Factory.CreateDbContext();
        var department = await db.Departments.AsNoTracking().Where(d => d.CreditCode != null && d.Code.EndsWith("-SCJG")).OrderBy(d => d.Code).FirstAsync(Ct);
        var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 }).Targets().Take(count).ToList();
        var today = ChinaTime.Today(TimeProvider.System);
        var results = targets.Select(t => new InspectionResult
        {
            TaskNumber = $"RW{today.Year}-{department.RegionCode}-0951",
            TargetCreditCode = t.CreditCode,
            DepartmentCode = department.Code,
            Outcome = ResultOutcome.NoProblemFound,
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today,
            EnteredOn = today,
            Provenance = new Provenance("test", "test", TimeProvider.System.GetUtcNow()),
        }).ToList();
        Assert.Equal(count, hub.Simulators.EnterResults(results.Select((r, i) => (r, targets[i].Name))));
        return results;
    }
}
