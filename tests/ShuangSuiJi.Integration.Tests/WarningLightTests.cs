using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Calendar;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>A drawn task goes to SUP and GS; when its light changes, SUP gets the task again with the new YJDJ.</summary>
public sealed class WarningLightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADrawnTaskGoingOverdue_TurnsRed_AndSupReceivesTheNewLight_GsNothingMore()
    {
        await using var hub = await ExchangeHarness.StartAsync(TestStore.Sqlite());
        var today = ChinaTime.Today(TimeProvider.System);
        var task = new InspectionTask
        {
            TaskNumber = $"RW{today.Year}-360103-0777",
            PlanCode = $"JH{today.Year}-360103-001",
            Name = "药品零售企业双随机抽查",
            InitiatingDepartmentCode = "360103-SCJG",
            WindowStart = today.AddDays(-10),
            WindowEnd = today.AddDays(40),
            SeedCommitment = new string('a', 64),
            Provenance = new Provenance("hub", "test", TimeProvider.System.GetUtcNow()),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Tasks.Add(task);
            var publication = new DrawPublication(task.TaskNumber, task.Name, task.InitiatingDepartmentCode, TimeProvider.System.GetUtcNow(), task.SeedCommitment!, new string('b', 64),
                [("91360103MA38B2LM2C", "南昌市某某大药房有限公司")]);
            db.Raise(HubEventTypes.TaskDrawn, task.TaskNumber, new TaskDrawn(task, publication, [new TargetAssignment("91360103MA38B2LM2C", "360103-SCJG", ["赣36010012345", "赣36010012346"])]),
                TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        await hub.DispatchAsync(expectedDeliveries: 2);
        await hub.DeliverAllAsync();
        Assert.Equal("G", (string?)hub.Simulators.Sup.Tasks[task.TaskNumber]["YJDJ"]);
        Assert.Single(hub.Simulators.Gs.ReceivedDraws);

        // Two days after the window closed, with the work not done.
        var later = new FakeTimeProvider(new DateTimeOffset(task.WindowEnd.AddDays(2).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset));
        var job = new WarningLightJob(hub.Store.Factory, new WarningLightRule(new WorkingDayCalendar()), hub.Get<OutboxSignal>(), later, NullLogger<WarningLightJob>.Instance);
        Assert.Equal(1, await job.RunAsync(Ct));
        Assert.Equal(0, await job.RunAsync(Ct)); // a light that did not change is not sent again

        await hub.DispatchAsync(expectedDeliveries: 3);
        await hub.DeliverAllAsync();
        Assert.Equal("R", (string?)hub.Simulators.Sup.Tasks[task.TaskNumber]["YJDJ"]);
        Assert.Single((Newtonsoft.Json.Linq.JArray)hub.Simulators.Sup.Tasks[task.TaskNumber]["DXQD"]!);
        Assert.Single(hub.Simulators.Gs.ReceivedDraws);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(WarningLight.Red, (await db.Tasks.SingleAsync(t => t.TaskNumber == task.TaskNumber, Ct)).WarningLight);
        }
    }
}
