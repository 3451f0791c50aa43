using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>A submitted plan goes to SUP for review; the approval comes back by pull; the approved plan goes up to ZJ.</summary>
public sealed class PlanReviewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASubmittedPlan_IsReviewedAtSup_AndOnceApproved_GoesUpToZjAsAPlanBatch()
    {
        await using var hub = await ExchangeHarness.StartAsync(TestStore.Sqlite());
        await hub.PullAsync("SUP/departments");
        var plan = new Plan
        {
            Code = "JH2026-360103-004",
            Name = "2026年区市场监管局与区卫生健康局关于药品零售企业联合抽查",
            Year = 2026,
            InitiatingDepartmentCode = "360103-SCJG",
            Participants =
            [
                new PlanParticipant { DepartmentCode = "360103-SCJG", ItemCodes = ["SX-YP-001"] },
                new PlanParticipant { DepartmentCode = "360103-WJW", ItemCodes = ["SX-WJ-014"] },
            ],
            TargetScope = "药品零售企业",
            RatioPercent = 10,
            Frequency = PlanFrequency.OncePerYear,
            StartMonth = 5,
            EndMonth = 10,
            Methods = [CheckMethod.OnSite, CheckMethod.Documentary],
            ReviewState = ReviewState.Pending,
            Provenance = new Provenance("hub", "plan-import", TimeProvider.System.GetUtcNow()),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Plans.Add(plan);
            db.Outbox.Add(OutboxMessage.For(HubEventTypes.PlanSubmitted, plan.Code, EventJson.Serialize(plan), TimeProvider.System.GetUtcNow()));
            await db.SaveChangesAsync(Ct);
        }

        await hub.DispatchAsync(expectedDeliveries: 1);
        await hub.DeliverAllAsync();
        var atSup = hub.Simulators.Sup.Plans[plan.Code];
        Assert.Equal(("0", "10%", "1次/年", "1,2"), ((string?)atSup["SHZT"], (string?)atSup["CCBL"], (string?)atSup["CCPC"], (string?)atSup["JCFS"]));
        Assert.Equal(0, (await hub.PullAsync("SUP/plans")).Counts.Changed); // still pending: nothing new

        Assert.Equal(1, hub.Simulators.ReviewSubmittedPlans());
        var review = await hub.PullAsync("SUP/plans");
        await hub.DispatchAsync(expectedDeliveries: 2);
        await hub.DeliverAllAsync();

        Assert.Equal(1, review.Counts.Changed);
        Assert.Equal([plan.Code], hub.Simulators.Zj.AcceptedPlans);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var stored = await db.Plans.SingleAsync(p => p.Code == plan.Code, Ct);
            Assert.Equal((ReviewState.Approved, "同意"), (stored.ReviewState, stored.ReviewOpinion));
            Assert.Equal(plan.Participants.Count, stored.Participants.Count); // the hub's own plan, with the review added
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.PlanApproved, Ct));
        }

        Assert.Equal(0, (await hub.PullAsync("SUP/plans")).Counts.Changed);
        Assert.Single(hub.Simulators.Zj.AcceptedPlans);
    }
}
