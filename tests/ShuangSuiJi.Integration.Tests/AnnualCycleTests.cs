using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Drawing;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Draws;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>
/// One annual cycle in a row across the five simulators: pulls, a plan reviewed at SUP and reported to ZJ, a task
/// committed and drawn and published to SUP, GS and ZJ, results entered at SUP and sent on to GS, ZJ, FX and CF, and
/// CF's decisions back. Asserts what each simulator received, and that every delivery happened exactly once.
/// </summary>
public sealed class AnnualCycleTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AWholeYear_FromPlanToPenaltyDecisions_ReachesEveryPartnerExactlyOnce(StorageProvider provider)
    {
        await using var hub = await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider), new Dictionary<string, string?>
        {
            ["Exchange:RecordOfTruth:RiskAssessment"] = "FX",
            ["Reconciliation:Kinds:task:Key:0"] = "taskNumber",
            ["Reconciliation:Kinds:task:StoredAs"] = "Task",
            ["Reconciliation:Kinds:task:Sources:SUP:StoredAs"] = "TaskProgress",
            ["Reconciliation:Kinds:task:Sources:HUB:Require:0"] = "seedCommitment",
            ["Reconciliation:Kinds:task:Truth:status"] = "SUP",
            ["Reconciliation:Kinds:task:Truth:*"] = "HUB",
        }, targets: 3000);
        var now = TimeProvider.System.GetUtcNow();
        var today = ChinaTime.Today(TimeProvider.System);

        // 1. The directory, the grades and the rosters come in.
        await hub.PullAsync("SUP/departments");
        var targets = await hub.PullAsync("GS/targets");
        var grades = await hub.PullAsync("FX/full");
        await hub.PullAsync("SUP/inspectors");
        Assert.True(targets.Counts.Changed >= 2500 && grades.Counts.Changed > 0, $"{targets.Counts.Changed} targets, {grades.Counts.Changed} grades");

        // 2. A joint plan is submitted, reviewed at SUP, and once approved reported to ZJ.
        string market, health, region;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var county = await db.Departments.AsNoTracking().Where(d => d.Code.EndsWith("-SCJG") && d.CreditCode != null && d.Level == DepartmentLevel.County)
                .OrderBy(d => d.Code).FirstAsync(d => db.Inspectors.Count(i => i.DepartmentCode == d.Code) >= 4, Ct);
            market = county.Code;
            region = county.RegionCode;
            health = await db.Departments.AsNoTracking().Where(d => d.RegionCode == region && d.Code != market && d.CreditCode != null)
                .OrderBy(d => d.Code).Select(d => d.Code).FirstAsync(c => db.Inspectors.Count(i => i.DepartmentCode == c) >= 4, Ct);
        }

        var plan = new Plan
        {
            Code = $"JH{today.Year}-{region}-001",
            Name = $"{today.Year}年联合抽查计划",
            Year = today.Year,
            InitiatingDepartmentCode = market,
            Participants = [new PlanParticipant { DepartmentCode = market, ItemCodes = ["SX-YP-001"] }, new PlanParticipant { DepartmentCode = health, ItemCodes = ["SX-WJ-014"] }],
            TargetScope = "辖区内经营主体",
            RatioPercent = 50, // a small generated county: enough drawn targets to see every route
            Frequency = PlanFrequency.OncePerYear,
            StartMonth = 1,
            EndMonth = 12,
            Methods = [CheckMethod.OnSite],
            ReviewState = ReviewState.Pending,
            Provenance = new Provenance("hub", "plan-import", now),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Plans.Add(plan);
            db.Raise(HubEventTypes.PlanSubmitted, plan.Code, plan, now);
            await db.SaveChangesAsync(Ct);
        }

        await hub.DispatchAsync(expectedDeliveries: 1);
        await hub.DeliverAllAsync();
        Assert.Equal(1, hub.Simulators.ReviewSubmittedPlans());
        Assert.Equal(1, (await hub.PullAsync("SUP/plans")).Counts.Changed);
        await hub.DispatchAsync(expectedDeliveries: 2);
        await hub.DeliverAllAsync();
        Assert.Equal([plan.Code], hub.Simulators.Zj.AcceptedPlans);

        // 3. Its task is scheduled with a committed seed, then drawn: the seed is revealed and the task published.
        var task = new InspectionTask
        {
            TaskNumber = $"RW{today.Year}-{region}-0001",
            PlanCode = plan.Code,
            Name = plan.Name,
            InitiatingDepartmentCode = market,
            CooperatingDepartmentCodes = [health],
            WindowStart = today,
            WindowEnd = today.AddDays(60),
            Provenance = new Provenance("hub", "plan-import", now),
        };
        var seed = SeedCommitment.NewSeed();
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Tasks.Add(task);
            db.TaskSeeds.Add(new TaskSeed { TaskNumber = task.TaskNumber, Commitment = SeedCommitment.Commit(seed), CommitmentAlgorithm = "Sha256", Seed = Convert.ToHexStringLower(seed), CommittedAt = now });
            await db.SaveChangesAsync(Ct);
        }

        Draw.Records.DrawRecord record;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var spec = await StoredTaskDraw.SpecFromStoreAsync(db, task.TaskNumber, Ct);
            record = await StoredTaskDraw.DrawAsync(db, spec, null, null, _ => { }, TimeProvider.System.GetUtcNow(), Ct);
        }

        Assert.Null(record.Refusal);
        Assert.NotEmpty(record.Drawn);
        Assert.Equal(SeedCommitment.Commit(seed), record.SeedCommitment);
        await hub.DispatchAsync(expectedDeliveries: 2 + 3);
        await hub.DeliverAllAsync();
        Assert.True(hub.Simulators.Sup.Tasks.ContainsKey(task.TaskNumber));
        Assert.Single(hub.Simulators.Gs.ReceivedDraws);
        Assert.Equal([task.TaskNumber], hub.Simulators.Zj.AcceptedTasks);

        // 4. Inspectors enter a result per drawn target at SUP; the hub pulls them and sends them on.
        var drawn = record.Drawn.Take(6).ToList();
        Assert.True(drawn.Count >= 4, $"{record.Drawn.Count} drawn");
        var outcomes = new[] { ResultOutcome.NoProblemFound, ResultOutcome.ProblemOrderedToCorrect, ResultOutcome.Qualified, ResultOutcome.Unqualified, ResultOutcome.NoProblemFound, ResultOutcome.ProblemPendingInvestigation };
        List<(InspectionResult Result, string Name)> entered;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var codes = drawn.Select(d => d.CreditCode).ToList();
            var names = await db.Targets.AsNoTracking().Where(t => codes.Contains(t.CreditCode)).ToDictionaryAsync(t => t.CreditCode, t => t.Name, Ct);
            var inspectors = record.Assignment!.Assignments.Where(a => a.DepartmentCode == market).ToDictionary(a => a.CreditCode, a => a.CertificateNumbers);
            entered = [.. drawn.Select((d, i) => (new InspectionResult
            {
                TaskNumber = task.TaskNumber,
                TargetCreditCode = d.CreditCode,
                DepartmentCode = market,
                Outcome = outcomes[i % outcomes.Length],
                Findings = outcomes[i % outcomes.Length] is ResultOutcome.NoProblemFound or ResultOutcome.Qualified ? "" : "发现问题",
                InspectorCertificateNumbers = [.. inspectors[d.CreditCode]],
                Method = CheckMethod.OnSite,
                InspectedOn = today,
                EnteredOn = today,
                Provenance = new Provenance("test", "test", now),
            }, names[d.CreditCode]))];
        }

        Assert.Equal(entered.Count, hub.Simulators.EnterResults(entered));
        var leads = entered.Count(e => e.Result.Outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.Unqualified or ResultOutcome.ProblemPendingInvestigation);
        Assert.Equal(entered.Count, (await hub.PullAsync("SUP/results")).Counts.Changed);
        await hub.DispatchAsync(expectedDeliveries: 5 + (3 * entered.Count) + leads);
        await hub.DeliverAllAsync();
        Assert.Equal(entered.Count, hub.Simulators.Gs.Notices.Count);
        Assert.Equal(entered.Count, hub.Simulators.Zj.AcceptedRecords);
        Assert.Equal(entered.Count, hub.Simulators.Fx.ReceivedResults.Count);
        Assert.Equal(leads, hub.Simulators.Cf.Clues.Count);

        // 5. CF decides the leads; the decisions come back linked to their results.
        Assert.Equal(leads, hub.Simulators.DecideOpenCaseLeads(today));
        Assert.Equal(leads, (await hub.PullAsync("CF/decisions")).Counts.Changed);

        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(leads, await db.Results.CountAsync(r => r.CaseLeadNumber != null, Ct));
            Assert.Equal(leads, await db.CaseDecisions.CountAsync(Ct));

            // Exactly once: one delivery per route and event, all delivered, none dead.
            var deliveries = await db.Deliveries.AsNoTracking().ToListAsync(Ct);
            Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Delivered, d.Status));
            Assert.Equal(deliveries.Count, deliveries.Select(d => (d.Route, d.EventId)).Distinct().Count());
            var byRoute = deliveries.GroupBy(d => d.Route).ToDictionary(g => g.Key, g => g.Count());
            Assert.Equal(1, byRoute.GetValueOrDefault("plan-review-sup"));
            Assert.Equal(1, byRoute.GetValueOrDefault("plan-approved-zj"));
            Assert.Equal((1, 1, 1), (byRoute.GetValueOrDefault("task-drawn-sup"), byRoute.GetValueOrDefault("task-drawn-gs"), byRoute.GetValueOrDefault("task-drawn-zj")));
            Assert.Equal((entered.Count, entered.Count, entered.Count, leads), (byRoute.GetValueOrDefault("result-notice-gs"), byRoute.GetValueOrDefault("result-batch-zj"), byRoute.GetValueOrDefault("result-feedback-fx"), byRoute.GetValueOrDefault("result-lead-cf")));
            Assert.Equal(1, await db.Draws.CountAsync(Ct));
            Assert.NotNull((await db.TaskSeeds.SingleAsync(Ct)).RevealedAt);
        }

        // 6. SUP reports the task under way; the hub's task follows, and the two agree when reconciled.
        var progress = await hub.PullAsync("SUP/task-progress");
        Assert.Equal((1, 1), (progress.Counts.Accepted, progress.Counts.Changed));
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(InspectionTaskStatus.InProgress, (await db.Tasks.AsNoTracking().SingleAsync(t => t.TaskNumber == task.TaskNumber, Ct)).Status);
        }

        var tasks = await hub.Get<Reconciliation.ReconciliationService>().RunAsync("task", "SUP", "HUB", full: true, Ct);
        Assert.Equal((1, 0), (tasks.Counts.Identical, tasks.Counts.Conflicting));

        var status = await hub.Status.GetAsync(Ct);
        Assert.All(status, s => Assert.Equal(0, s.DeadLettered));
    }
}
