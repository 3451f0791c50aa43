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

/// <summary>A drawn task goes to SUP, GS and ZJ; when its light changes, SUP gets the task again with the new YJDJ.</summary>
public sealed class WarningLightTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADrawnTaskGoingOverdue_TurnsRed_AndSupReceivesTheNewLight_GsNothingMore()
    {
        await using var hub = await ExchangeHarness.StartAsync(TestStore.Sqlite());
        var today = new DateOnly(2026, 5, 20); // inside the shipped calendar, whatever the date the suite runs on
        var task = new InspectionTask
        {
            TaskNumber = $"RW{today.Year}-360103-0777",
            PlanCode = $"JH{today.Year}-360103-001",
            Name = "药品零售企业双随机抽查",
            InitiatingDepartmentCode = "360103-SCJG",
            WindowStart = today.AddDays(-10),
            WindowEnd = today.AddDays(40), // 2026-06-29
            SeedCommitment = new string('a', 64),
            Provenance = new Provenance("hub", "test", TimeProvider.System.GetUtcNow()),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Plans.Add(new Plan
            {
                Code = task.PlanCode,
                Name = "药品零售企业双随机抽查计划",
                Year = task.WindowEnd.Year,
                InitiatingDepartmentCode = task.InitiatingDepartmentCode,
                Participants = [new PlanParticipant { DepartmentCode = "360103-SCJG", ItemCodes = ["SX-YP-001"] }],
                RatioPercent = 5,
                Frequency = PlanFrequency.OncePerYear,
                StartMonth = 1,
                EndMonth = task.WindowEnd.Month,
                Methods = [CheckMethod.OnSite],
                Provenance = task.Provenance,
            });
            db.Tasks.Add(task);
            var publication = new DrawPublication(task.TaskNumber, task.Name, task.InitiatingDepartmentCode, TimeProvider.System.GetUtcNow(), task.SeedCommitment!, new string('b', 64),
                [("91360103MA38B2LM2C", "南昌市某某大药房有限公司")]);
            var creditCode = new ShuangSuiJi.Generation.ProvinceGenerator(new ShuangSuiJi.Generation.GeneratorOptions { TargetCount = 300 }).Departments()
                .Single(d => d.Code == task.InitiatingDepartmentCode).CreditCode!;
            db.Raise(HubEventTypes.TaskDrawn, task.TaskNumber, new TaskDrawn(task, publication, [new TargetAssignment("91360103MA38B2LM2C", "360103-SCJG", ["赣36010012345", "赣36010012346"])],
                new Dictionary<string, string> { [task.InitiatingDepartmentCode] = creditCode }), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(Ct);
        }

        await hub.DispatchAsync(expectedDeliveries: 3);
        await hub.DeliverAllAsync();
        Assert.Equal("G", (string?)hub.Simulators.Sup.Tasks[task.TaskNumber]["YJDJ"]);
        Assert.Single(hub.Simulators.Gs.ReceivedDraws);
        Assert.Equal([task.TaskNumber], hub.Simulators.Zj.AcceptedTasks); // a TASK batch, its org keyed by credit code

        // Two days after the window closed, with the work not done.
        var later = new FakeTimeProvider(new DateTimeOffset(task.WindowEnd.AddDays(2).ToDateTime(new TimeOnly(9, 0)), ChinaTime.Offset));
        var job = new WarningLightJob(hub.Store.Factory, new WarningLightRule(new WorkingDayCalendar()), hub.Get<OutboxSignal>(), later, NullLogger<WarningLightJob>.Instance);
        Assert.Equal(2, await job.RunAsync(Ct)); // the task and its plan, both overdue and not done
        Assert.Equal(0, await job.RunAsync(Ct)); // a light that did not change is not sent again

        await hub.DispatchAsync(expectedDeliveries: 4);
        await hub.DeliverAllAsync();
        Assert.Equal("R", (string?)hub.Simulators.Sup.Tasks[task.TaskNumber]["YJDJ"]);
        Assert.Single((Newtonsoft.Json.Linq.JArray)hub.Simulators.Sup.Tasks[task.TaskNumber]["DXQD"]!);
        Assert.Single(hub.Simulators.Gs.ReceivedDraws);
        Assert.Single(hub.Simulators.Zj.AcceptedTasks);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(WarningLight.Red, (await db.Tasks.SingleAsync(t => t.TaskNumber == task.TaskNumber, Ct)).WarningLight);
            Assert.Equal(WarningLight.Red, (await db.Plans.SingleAsync(p => p.Code == task.PlanCode, Ct)).WarningLight);
        }
    }
}

public sealed class WarningLightCalendarTests
{
    [Fact]
    public async Task ADeadlineInAYearTheCalendarLacks_KeepsItsLight_AndTheOthersAreStillEvaluated()
    {
        await using var store = await TestStore.Sqlite().MigratedAsync();
        var provenance = new Provenance("hub", "test", new DateTimeOffset(2026, 5, 1, 9, 0, 0, ChinaTime.Offset));
        InspectionTask Task(string number, DateOnly end) => new()
        {
            TaskNumber = number, PlanCode = "JH", Name = number, InitiatingDepartmentCode = "360103-SCJG", WindowStart = end.AddDays(-30), WindowEnd = end, Provenance = provenance,
        };
        await using (var db = store.Factory.CreateDbContext())
        {
            db.Tasks.AddRange(Task("RW-FAR", new DateOnly(2031, 3, 31)), Task("RW-NEAR", new DateOnly(2026, 6, 2)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 9, 0, 0, ChinaTime.Offset));
        var job = new WarningLightJob(store.Factory, new WarningLightRule(new WorkingDayCalendar()), new OutboxSignal(), clock, NullLogger<WarningLightJob>.Instance);

        Assert.Equal(1, await job.RunAsync(TestContext.Current.CancellationToken));
        await using var check = store.Factory.CreateDbContext();
        Assert.Equal(WarningLight.Yellow, (await check.Tasks.SingleAsync(t => t.TaskNumber == "RW-NEAR", TestContext.Current.CancellationToken)).WarningLight);
        Assert.Equal(WarningLight.Green, (await check.Tasks.SingleAsync(t => t.TaskNumber == "RW-FAR", TestContext.Current.CancellationToken)).WarningLight);
    }
}
