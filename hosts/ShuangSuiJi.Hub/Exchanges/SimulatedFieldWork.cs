using Hangfire;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Hub.Startup;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Hub.Exchanges;

/// <summary>
/// The embedded default's people at work: while the partner stand-ins run in-process, every round a few inspectors
/// enter results in the partner that collects them and case officers decide on the case leads received. The hub then
/// moves them as in production — results pulled, then delivered along the configured routes (notices, national
/// batches, risk feedback, case leads), decisions pulled back and linked; submitted plans are approved by the
/// reviewer and the approval pulled back. Off with <c>Simulators:FieldWork=false</c>.
/// </summary>
internal sealed partial class SimulatedFieldWork(
    IPartnerStandIns standIns, HubDbContextFactory stores, PullRunner pulls, SeedState seed, IBackgroundJobClient jobs, IConfiguration configuration, TimeProvider clock,
    ILogger<SimulatedFieldWork> logger) : BackgroundService
{
    private static readonly ResultOutcome[] Outcomes =
    [
        ResultOutcome.NoProblemFound, ResultOutcome.NoProblemFound, ResultOutcome.ProblemOrderedToCorrect, ResultOutcome.Qualified, ResultOutcome.NoProblemFound,
        ResultOutcome.ProblemPendingInvestigation, ResultOutcome.InformationNotPublicised, ResultOutcome.Unqualified, ResultOutcome.NoProblemFound,
        ResultOutcome.UnreachableAtRegisteredAddress, ResultOutcome.ProblemOrderedToCorrect, ResultOutcome.NoProblemFound,
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Simulators:FieldWorkSeconds", 30.0), 1, 3600));
        var perRound = Math.Clamp(configuration.GetValue("Simulators:ResultsPerRound", 12), 1, 1000);
        try
        {
            while (!seed.Done)
            {
                await Task.Delay(500, stoppingToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken); // let the first pulls land
            await DrawSampleAsync(stoppingToken);
            for (var round = 0; !stoppingToken.IsCancellationRequested; round++)
            {
                var entered = await EnterResultsAsync(round, perRound, stoppingToken);
                var decided = standIns.DecideOpenCaseLeads(ChinaTime.Today(clock));
                var reviewed = standIns.ReviewSubmittedPlans();
                LogRound(round + 1, entered, decided, reviewed);
                foreach (var name in pulls.Resources.Where(r => r.Kind is "InspectionResult" or "CaseDecision" or "Plan").Select(r => r.Name))
                {
                    jobs.Enqueue<PullRunner>(r => r.RunAsync(name, CancellationToken.None));
                }

                await Task.Delay(every, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// On a store that has never drawn, one sample task is scheduled and drawn as in production: a seed from the OS
    /// CSPRNG is committed on the task, then revealed by the draw, and the drawn task is published to SUP, GS and ZJ
    /// through the outbox. Off with <c>Simulators:SampleDraw=false</c>.
    /// </summary>
    private async Task DrawSampleAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Simulators:SampleDraw", true))
        {
            return;
        }

        await using var db = stores.CreateDbContext();
        if (await db.Draws.AnyAsync(cancellationToken))
        {
            return;
        }

        var year = ChinaTime.Today(clock).Year;
        var task = await db.Tasks.AsNoTracking().Where(t => t.SeedCommitment == null && t.WindowStart.Year == year && !db.TaskSeeds.Any(s => s.TaskNumber == t.TaskNumber))
            .OrderBy(t => t.WindowStart).ThenBy(t => t.TaskNumber).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Tasks.AsNoTracking().Where(t => t.SeedCommitment == null && !db.TaskSeeds.Any(s => s.TaskNumber == t.TaskNumber))
                .OrderBy(t => t.TaskNumber).FirstOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return;
        }

        var seedBytes = Draw.Randomness.SeedCommitment.NewSeed();
        var commitment = Draw.Randomness.SeedCommitment.Commit(seedBytes);
        var now = clock.GetUtcNow();
        db.TaskSeeds.Add(new Storage.Draws.TaskSeed { TaskNumber = task.TaskNumber, Commitment = commitment, CommitmentAlgorithm = "Sha256", Seed = Convert.ToHexStringLower(seedBytes), CommittedAt = now });
        db.Update(task with { SeedCommitment = commitment });
        await db.SaveChangesAsync(cancellationToken);
        try
        {
            await using var drawing = stores.CreateDbContext();
            var spec = await Integration.Drawing.StoredTaskDraw.SpecFromStoreAsync(drawing, task.TaskNumber, cancellationToken);
            var record = await Integration.Drawing.StoredTaskDraw.DrawAsync(drawing, spec, null, null, _ => { }, clock.GetUtcNow(), cancellationToken);
            LogSampleDraw(task.TaskNumber, record.EligibleCount, record.Drawn.Count, commitment);
        }
        catch (InvalidOperationException ex)
        {
            LogSampleDrawFailed(ex, task.TaskNumber);
        }
    }

    private async Task<int> EnterResultsAsync(int round, int count, CancellationToken cancellationToken)
    {
        await using var db = stores.CreateDbContext();
        var tasks = await db.Tasks.AsNoTracking().OrderBy(t => t.TaskNumber).Take(50).ToListAsync(cancellationToken);
        if (tasks.Count == 0)
        {
            return 0;
        }

        var task = tasks[round % tasks.Count];
        var inspectors = await db.Inspectors.AsNoTracking().Where(i => i.DepartmentCode == task.InitiatingDepartmentCode && i.Status == InspectorStatus.OnDuty)
            .OrderBy(i => i.CertificateNumber).Select(i => i.CertificateNumber).Take(2).ToListAsync(cancellationToken);
        var targets = await db.Targets.AsNoTracking()
            .Where(t => t.Status == RegistrationStatus.Existing && !db.Results.Any(r => r.TargetCreditCode == t.CreditCode))
            .OrderBy(t => t.CreditCode).Skip(round * count).Take(count).ToListAsync(cancellationToken);
        var today = ChinaTime.Today(clock);
        var entered = new List<(InspectionResult, string)>();
        for (var i = 0; i < targets.Count && inspectors.Count == 2; i++)
        {
            var outcome = Outcomes[(round * count + i) % Outcomes.Length];
            var result = new InspectionResult
            {
                TaskNumber = task.TaskNumber,
                TargetCreditCode = targets[i].CreditCode,
                DepartmentCode = task.InitiatingDepartmentCode,
                Outcome = outcome,
                Findings = outcome is ResultOutcome.ProblemOrderedToCorrect or ResultOutcome.ProblemPendingInvestigation or ResultOutcome.Unqualified ? "现场发现问题，已责令整改" : "",
                InspectorCertificateNumbers = inspectors,
                Method = CheckMethod.OnSite,
                InspectedOn = today,
                EnteredOn = today,
                Provenance = new Provenance("field work", "field work", clock.GetUtcNow()),
            };
            entered.Add((result, targets[i].Name));
        }

        return standIns.EnterResults(entered);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sample draw of task {Task}: {Drawn} of {Eligible} eligible targets drawn under seed commitment {Commitment}; published to the routes of task.drawn")]
    private partial void LogSampleDraw(string task, int eligible, int drawn, string commitment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sample draw of task {Task} could not be made")]
    private partial void LogSampleDrawFailed(Exception exception, string task);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated field work, round {Round}: {Entered} results entered, {Decided} case decisions made, {Reviewed} plans approved")]
    private partial void LogRound(int round, int entered, int decided, int reviewed);
}
