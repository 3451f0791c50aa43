using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Core.Validation;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Generation;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Exchanges;
using ShuangSuiJi.Testing;

namespace ShuangSuiJi.Integration.Tests;

/// <summary>
/// The running exchanges end to end, on real SQLite and (when the test command provides it) real PostgreSQL,
/// against the five simulators: pulls with watermarks, the outbox, routes, deliveries exactly once, dead letters.
/// </summary>
public sealed class ExchangeTests
{
    public static TheoryData<StorageProvider> Providers => [StorageProvider.Sqlite, StorageProvider.PostgreSql];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ExchangeHarness> Harness(StorageProvider provider, IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configure = null) =>
        await ExchangeHarness.StartAsync(await TestStore.CreateAsync(provider), overrides, configure);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pulls_KeepEachPartnersCopy_MoveTheWatermark_AndARepeatChangesNothing(StorageProvider provider)
    {
        await using var hub = await Harness(provider);

        var first = await hub.PullAsync("GS/targets");
        var again = await hub.PullAsync("GS/targets");
        var grades = await hub.PullAsync("FX/full");
        await hub.PullAsync("SUP/inspectors");
        var gsRoster = await hub.PullAsync("GS/inspectors");

        Assert.True(first.Counts.Accepted >= 300, $"{first.Counts.Accepted} targets accepted");
        Assert.Equal(first.Counts.Accepted, first.Counts.Changed);
        Assert.NotNull(first.To);
        Assert.Equal(first.To, again.From);
        Assert.Equal(0, again.Counts.Changed);
        Assert.True(grades.Counts.Changed > 0, "FX grades reach the hub's targets");
        Assert.Equal(0, gsRoster.Counts.Changed); // SUP is the roster's record of truth: GS's copy is kept, not written over
        await using var db = hub.Store.Factory.CreateDbContext();
        Assert.Equal(first.Counts.Accepted, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.TargetChanged, Ct));
        Assert.Equal(grades.Counts.Changed, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.RiskGradeChanged, Ct));
        Assert.True(await db.PartnerRecords.CountAsync(r => r.Partner == "GS" && r.Kind == "Inspector", Ct) > 0);
        Assert.Equal(await db.PartnerRecords.CountAsync(r => r.Partner == "SUP" && r.Kind == "Inspector", Ct), await db.Inspectors.CountAsync(Ct));
        Assert.Equal(again.To, await db.Watermarks.Where(w => w.Name == "GS/targets").Select(w => w.Value).SingleAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ResultsEnteredAtSup_ReachGsZjFxAndCf_ExactlyOnce_AndDecisionsComeBackLinked(StorageProvider provider)
    {
        await using var hub = await Harness(provider);
        await hub.PullAsync("SUP/departments");
        await hub.PullAsync("GS/targets");
        var results = await EnterResultsAsync(hub, ResultOutcome.NoProblemFound, ResultOutcome.ProblemOrderedToCorrect, ResultOutcome.Unqualified, ResultOutcome.Qualified);

        var pulled = await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: 4 + 4 + 4 + 2);
        await hub.DeliverAllAsync();

        Assert.Equal(4, pulled.Counts.Changed);
        Assert.Equal(4, hub.Simulators.Gs.Notices.Count);
        Assert.Equal(4, hub.Simulators.Zj.AcceptedRecords);
        Assert.Equal(4, hub.Simulators.Fx.ReceivedResults.Count);
        Assert.Equal(2, hub.Simulators.Cf.Clues.Count);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(14, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
            // One call per notice (GS) and per lead (CF); one batch each for ZJ and FX.
            Assert.Equal(4 + 2 + 1 + 1, await db.ExchangeLog.CountAsync(e => e.Direction == ExchangeDirection.Outbound && e.Status == "ok", Ct));
        }

        // A crash between publishing and marking: every event goes to the bus again. Nothing new may come of it.
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
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(14, await db.Deliveries.CountAsync(Ct));
            var lead = await db.Deliveries.FirstAsync(d => d.Partner == "CF", Ct);
            Assert.True(await hub.Admin.ReplayAsync(lead.Id, Ct)); // replay from the log: same idempotency key
        }

        await hub.DeliverAllAsync();
        Assert.Equal(4, hub.Simulators.Gs.Notices.Count);
        Assert.Equal(4, hub.Simulators.Zj.AcceptedRecords);
        Assert.Equal(4, hub.Simulators.Fx.ReceivedResults.Count);
        Assert.Equal(2, hub.Simulators.Cf.Clues.Count);

        // CF decides; the decisions come back and are linked to their results.
        Assert.Equal(2, hub.Simulators.DecideOpenCaseLeads(ChinaTime.Today(TimeProvider.System)));
        var decisions = await hub.PullAsync("CF/decisions");
        Assert.Equal(2, decisions.Counts.Changed);
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(2, await db.CaseDecisions.CountAsync(Ct));
            var linked = await db.Results.Where(r => r.CaseLeadNumber != null).Select(r => r.TargetCreditCode).ToListAsync(Ct);
            Assert.Equal(results.Where(r => r.Outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.Unqualified).Select(r => r.TargetCreditCode).Order(), linked.Order());
        }

        var status = await hub.Status.GetAsync(Ct);
        Assert.Equal(["CF", "FX", "GS", "SUP", "ZJ"], status.Select(s => s.Name));
        Assert.Equal(4, status.Single(s => s.Name == "GS").Pushed);
        Assert.Equal(2, status.Single(s => s.Name == "CF").Pushed);
        Assert.All(status, s => Assert.Equal(0, s.DeadLettered));
    }

    [Fact]
    public async Task SupAccountsItemsAndEvaluations_ArePulledWhole_AndEvaluationsRaiseTheirEvent()
    {
        await using var hub = await Harness(StorageProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Exchange:RecordOfTruth:User"] = "SUP",
            ["Exchange:RecordOfTruth:InspectionItem"] = "SUP",
            ["Exchange:RecordOfTruth:Evaluation"] = "SUP",
        });
        var generator = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 });

        var users = await hub.PullAsync("SUP/users");
        var items = await hub.PullAsync("SUP/items");
        var evaluations = await hub.PullAsync("SUP/evaluations");

        Assert.Equal((generator.Users().Count(), 0), (users.Counts.Accepted, users.Counts.Rejected));
        Assert.Equal((generator.Items().Count(), 0), (items.Counts.Accepted, items.Counts.Rejected));
        Assert.Equal((generator.Evaluations().Count(), 0), (evaluations.Counts.Accepted, evaluations.Counts.Rejected));
        await using var db = hub.Store.Factory.CreateDbContext();
        Assert.Equal(generator.Users().Select(u => (u.LoginName, u.Roles)).Order(), (await db.Users.ToListAsync(Ct)).Select(u => (u.LoginName, u.Roles)).Order());
        Assert.Equal(generator.Items().Select(i => (i.Code, i.Methods.Count)).Order(), (await db.InspectionItems.ToListAsync(Ct)).Select(i => (i.Code, i.Methods.Count)).Order());
        Assert.Equal(evaluations.Counts.Accepted, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.EvaluationReceived, Ct));
    }

    [Fact]
    public async Task AFailingPartner_IsRetriedWithBackoff_ThenDeadLettered_AndTheOthersStillDeliver()
    {
        await using var hub = await Harness(StorageProvider.Sqlite, new Dictionary<string, string?> { ["Partners:ZJ:Secret"] = "wrong" });
        await hub.PullAsync("SUP/departments");
        await hub.PullAsync("GS/targets");
        await EnterResultsAsync(hub, ResultOutcome.NoProblemFound);

        await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: 3);
        await hub.DeliverAllAsync();

        await using var db = hub.Store.Factory.CreateDbContext();
        var zj = await db.Deliveries.SingleAsync(d => d.Partner == "ZJ", Ct);
        Assert.Equal(DeliveryStatus.DeadLettered, zj.Status);
        Assert.Equal(3, zj.Attempts);
        Assert.Contains("gave up after 3 attempts", zj.LastError, StringComparison.Ordinal);
        Assert.Equal(3, await db.ExchangeLog.CountAsync(e => e.Partner == "ZJ" && e.Status == "failed", Ct));
        Assert.Equal(2, await db.Deliveries.CountAsync(d => d.Status == DeliveryStatus.Delivered, Ct));
        Assert.Single(hub.Simulators.Gs.Notices);
    }

    [Fact]
    public async Task ARouteNoAdapterServes_DeadLettersWithTheReason_AndResubmitPutsItBackInLine()
    {
        await using var hub = await Harness(StorageProvider.Sqlite, new Dictionary<string, string?>
        {
            ["Exchange:Routes:result-elsewhere:Event"] = "result.recorded",
            ["Exchange:Routes:result-elsewhere:Partner"] = "NOPE",
        });
        await hub.PullAsync("SUP/departments");
        await EnterResultsAsync(hub, ResultOutcome.NoProblemFound);
        await hub.PullAsync("SUP/results");
        await hub.DispatchAsync(expectedDeliveries: 4);
        await hub.DeliverAllAsync();

        Guid id;
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var dead = await db.Deliveries.SingleAsync(d => d.Partner == "NOPE", Ct);
            Assert.Equal(DeliveryStatus.DeadLettered, dead.Status);
            Assert.Contains("no adapter delivers 'result.recorded' to partner 'NOPE'", dead.LastError, StringComparison.Ordinal);
            id = dead.Id;
        }

        Assert.Equal(1, await hub.Admin.ResubmitAsync([id], Ct));
        Assert.Equal(0, await hub.Admin.ResubmitAsync([id], Ct)); // pending now: nothing to resubmit
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            Assert.Equal(DeliveryStatus.Pending, (await db.Deliveries.SingleAsync(d => d.Id == id, Ct)).Status);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ZjTasksDown_AreStored_TheBadOneIsRefused_ARepeatChangesNothing_AndAHubTaskIsUntouched(StorageProvider provider)
    {
        await using var hub = await Harness(provider);
        await hub.PullAsync("SUP/departments");
        var sent = hub.Simulators.Zj.Tasks;
        var bad = (string)sent[^1]["task_no"]!;
        var hubTask = new InspectionTask
        {
            TaskNumber = (string)sent[1]["task_no"]!, // the hub drew a task under a number ZJ also sends
            PlanCode = "JH-HUB-01",
            Name = "本省自行抽取的任务",
            InitiatingDepartmentCode = "360000-SCJG",
            WindowStart = new DateOnly(2025, 5, 1),
            WindowEnd = new DateOnly(2025, 8, 31),
            SeedCommitment = "ab12cd34",
            WarningLight = WarningLight.Yellow,
            Provenance = new Provenance(Provenance.Hub, "draw", new DateTimeOffset(2025, 5, 1, 9, 0, 0, ChinaTime.Offset)),
        };
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            db.Tasks.Add(hubTask);
            await db.SaveChangesAsync(Ct);
        }

        var first = await hub.PullAsync("ZJ/tasks");
        var again = await hub.PullAsync("ZJ/tasks");

        Assert.Equal((sent.Count - 1, 1, sent.Count - 2), (first.Counts.Accepted, first.Counts.Rejected, first.Counts.Changed));
        Assert.Equal("partial", first.Status);
        Assert.Equal((sent.Count - 1, 1, 0), (again.Counts.Accepted, again.Counts.Rejected, again.Counts.Changed)); // read whole again, nothing changes
        Assert.Equal(2 * ((sent.Count + 1) / 2), hub.Simulators.Zj.TaskPagesServed); // every page, every run
        await using (var db = hub.Store.Factory.CreateDbContext())
        {
            var national = await db.Tasks.AsNoTracking().Where(t => t.TaskNumber != hubTask.TaskNumber).OrderBy(t => t.TaskNumber).ToListAsync(Ct);
            Assert.Equal(sent.Select(t => (string)t["task_no"]!).Where(n => n != bad && n != hubTask.TaskNumber).Order(StringComparer.Ordinal), national.Select(t => t.TaskNumber));
            Assert.All(national, t => Assert.Equal("ZJ", t.Provenance.Partner));
            var departments = await db.Departments.AsNoTracking().Select(d => d.Code).ToListAsync(Ct);
            Assert.All(national.SelectMany(t => t.CooperatingDepartmentCodes), c => Assert.Contains(c, departments)); // credit codes matched to the directory
            Assert.Contains(national, t => t.InitiatingDepartmentCode == Simulators.NationalPlatform.NationalPlatformSimulator.SamrCreditCode);

            var kept = await db.Tasks.AsNoTracking().SingleAsync(t => t.TaskNumber == hubTask.TaskNumber, Ct);
            Assert.Equal(CanonicalJsonOf(hubTask), CanonicalJsonOf(kept));
            Assert.Equal(Provenance.Hub, kept.Provenance.Partner);

            Assert.Equal(sent.Count - 1, await db.PartnerRecords.CountAsync(r => r.Partner == "ZJ" && r.Kind == "Task", Ct)); // ZJ's copy of the hub's number too
            var refusal = await db.RejectedRecords.AsNoTracking().SingleAsync(r => r.Kind == "Task", Ct); // kept once, not once per run
            Assert.Equal(("ZJ", "ZJ/tasks", bad), (refusal.Partner, refusal.Exchange, refusal.Key));
            Assert.Contains("WindowEnd: end_date", refusal.Errors, StringComparison.Ordinal);
            Assert.Contains("is not yyyy-MM-dd", refusal.Errors, StringComparison.Ordinal);
            Assert.Contains(bad, refusal.Payload, StringComparison.Ordinal);
            Assert.Equal(sent.Count - 2, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.TaskReceived, Ct));
        }
    }

    private static string CanonicalJsonOf(InspectionTask task) => Pulls.CanonicalJson.Content(task);

    [Fact]
    public async Task APullThatDiesMidway_KeepsItsWatermark_AndTheRerunDoublesNothing()
    {
        var departments = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 }).Departments();
        var flaky = new FlakySource(departments, failAfter: 700);
        await using var hub = await Harness(StorageProvider.Sqlite, new Dictionary<string, string?> { ["Exchange:RecordOfTruth:Department"] = "FLAKY" },
            services => services.AddSingleton<IRecordSource<Department>>(flaky));

        var died = await hub.Pulls.PullAsync("FLAKY/departments", null, Ct);
        flaky.FailAfter = int.MaxValue;
        var rerun = await hub.Pulls.PullAsync("FLAKY/departments", null, Ct);

        Assert.Equal("failed", died.Status);
        Assert.Contains("connection reset", died.Error, StringComparison.Ordinal);
        Assert.Null(died.To); // the watermark did not move
        Assert.Null(rerun.From);
        Assert.Equal("ok", rerun.Status);
        await using var db = hub.Store.Factory.CreateDbContext();
        Assert.Equal(departments.Count, await db.Departments.CountAsync(Ct));
        Assert.Equal(departments.Count, await db.Outbox.CountAsync(m => m.Type == HubEventTypes.DepartmentChanged, Ct)); // one event per department, not one per attempt
        Assert.Equal(departments.Count - 500, rerun.Counts.Changed); // the first chunk was safely stored before the failure
    }

    private static async Task<List<InspectionResult>> EnterResultsAsync(ExchangeHarness hub, params ResultOutcome[] outcomes)
    {
        await using var db = hub.Store.Factory.CreateDbContext();
        var department = await db.Departments.AsNoTracking().Where(d => d.CreditCode != null && d.Code.EndsWith("-SCJG")).OrderBy(d => d.Code).FirstAsync(Ct);
        var targets = new ProvinceGenerator(new GeneratorOptions { TargetCount = 300 }).Targets().Take(outcomes.Length).ToList();
        var today = ChinaTime.Today(TimeProvider.System);
        var results = outcomes.Select((o, i) => new InspectionResult
        {
            TaskNumber = $"RW{today.Year}-{department.RegionCode}-0901",
            TargetCreditCode = targets[i].CreditCode,
            DepartmentCode = department.Code,
            Outcome = o,
            Findings = o is ResultOutcome.NoProblemFound ? "" : "发现问题",
            InspectorCertificateNumbers = ["赣36010012345", "赣36010012346"],
            Method = CheckMethod.OnSite,
            InspectedOn = today,
            EnteredOn = today,
            Provenance = new Provenance("test", "test", TimeProvider.System.GetUtcNow()),
        }).ToList();
        Assert.Equal(outcomes.Length, hub.Simulators.EnterResults(results.Select((r, i) => (r, targets[i].Name))));
        return results;
    }

    /// <summary>A source whose connection drops after so many records: a crash mid-pull.</summary>
    private sealed class FlakySource(IReadOnlyList<Department> departments, int failAfter) : IRecordSource<Department>
    {
        public int FailAfter { get; set; } = failAfter;

        public string Partner => "FLAKY";

        public async IAsyncEnumerable<PulledRecord<Department>> PullAsync(DateTimeOffset? updatedSince, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; i < departments.Count; i++)
            {
                if (i == FailAfter)
                {
                    throw new HttpRequestException("connection reset by peer");
                }

                await Task.Yield();
                yield return new PulledRecord<Department>(departments[i], departments[i].Code, $"record {i + 1}", "", Array.Empty<FieldError>());
            }
        }
    }
}
