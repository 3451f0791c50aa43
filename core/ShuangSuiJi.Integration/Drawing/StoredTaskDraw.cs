using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Draw;
using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.Records;
using ShuangSuiJi.Draw.TargetDraw;
using ShuangSuiJi.Exchange;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;
using ShuangSuiJi.Storage.Draws;

namespace ShuangSuiJi.Integration.Drawing;

/// <summary>Drawing a task held in the store, and publishing it (一公开) through the outbox: shared by <c>ssj draw --task</c>, the hub and the tests.</summary>
public static class StoredTaskDraw
{
    /// <summary>
    /// Draws a task: the committed seed is revealed (or <paramref name="seedHex"/> for a rehearsal, checked against a
    /// published commitment), targets are drawn over the store's directory and inspectors assigned from the store's
    /// rosters, the record goes into the draw ledger and — for a stored task drawn with its committed seed — the
    /// <c>task.drawn</c> event into the outbox, all in one transaction.
    /// </summary>
    /// <exception cref="InvalidOperationException">The task cannot be drawn; the message says why.</exception>
    public static async Task<DrawRecord> DrawAsync(HubDbContext db, DrawTaskSpec spec, DrawPolicy? policyOverride, string? seedHex, Action<string> say, DateTimeOffset at, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(say);
        var stored = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.TaskNumber == spec.TaskNumber, ct);
        var taskSeed = await db.TaskSeeds.FirstOrDefaultAsync(s => s.TaskNumber == spec.TaskNumber, ct);
        var algorithm = taskSeed is null ? CommitmentAlgorithm.Sha256 : Enum.Parse<CommitmentAlgorithm>(taskSeed.CommitmentAlgorithm);
        byte[] seed;
        if (seedHex is not null)
        {
            seed = SeedCommitment.ParseSeed(seedHex);
            var published = taskSeed?.Commitment ?? stored?.SeedCommitment;
            if (published is not null && !SeedCommitment.Verify(seed, published, algorithm))
            {
                throw new InvalidOperationException($"Task {spec.TaskNumber} published seed commitment {published}; the seed given does not match it.");
            }
        }
        else if (taskSeed is not null)
        {
            seed = SeedCommitment.ParseSeed(taskSeed.Seed);
            say($"revealing the seed committed at {taskSeed.CommittedAt:yyyy-MM-dd HH:mm:ss zzz} (commitment {taskSeed.Commitment})");
        }
        else if (stored is null)
        {
            seed = SeedCommitment.NewSeed();
            say("warning: this task is not in the store, so no commitment was published before the draw; a fresh seed is used");
        }
        else
        {
            throw new InvalidOperationException($"Task {spec.TaskNumber} has no committed seed. Commit one when scheduling it: ssj draw commit --task {spec.TaskNumber} (or pass --seed-hex for a rehearsal).");
        }

        var commitment = SeedCommitment.Commit(seed, algorithm);
        say($"seed commitment ({algorithm}): {commitment}");

        say("reading the target directory from the store…");
        var directory = TargetDirectory.Build(db.Targets.AsNoTracking().AsAsyncEnumerable().ToBlockingEnumerable(ct));
        var departments = await db.Departments.AsNoTracking().Where(d => spec.Departments.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct);
        var missing = spec.Departments.Where(c => !departments.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Task {spec.TaskNumber}: department(s) {string.Join(", ", missing)} are not in the store.");
        }

        var inspectors = await db.Inspectors.AsNoTracking().Where(i => spec.Departments.Contains(i.DepartmentCode)).ToListAsync(ct);
        var request = new TargetDrawRequest
        {
            TaskNumber = spec.TaskNumber,
            Scope = spec.Scope,
            Policy = policyOverride ?? spec.Policy,
            KeyTargets = spec.KeyTargets,
            DrawnThisYearA = spec.DrawnThisYearA.ToHashSet(StringComparer.Ordinal),
        };
        var assignment = spec.Departments.Count == 0 ? null : new DrawService.AssignmentSettings(
            [.. spec.Departments.Select(c => new AssignmentDepartment(c,
                [.. inspectors.Where(i => i.DepartmentCode == c).Select(i => RosterInspector.From(i, departments[c].RegionCode))],
                spec.RequiredExpertise.GetValueOrDefault(c) ?? []))],
            spec.WindowStart, spec.WindowEnd, spec.InspectorsPerTarget, spec.CrossRegion);
        var now = at.ToOffset(ChinaTime.Offset);
        var record = DrawService.Run(directory, request, assignment, seed, commitment, algorithm, now);
        if (taskSeed is not null && seedHex is null)
        {
            taskSeed.RevealedAt = now;
        }

        db.Draws.Add(new DrawLedgerEntry
        {
            TaskNumber = record.TaskNumber,
            DrawnAt = record.DrawnAt,
            Algorithm = record.Algorithm,
            EligibleHash = record.EligibleHash,
            EligibleCount = record.EligibleCount,
            DrawnCount = record.Drawn.Count,
            Refused = record.Refusal is not null,
            RecordJson = record.ToJson(),
        });
        if (stored is not null && seedHex is null && record.Refusal is null)
        {
            // 一公开: the drawn task goes to the partners that publish it, through the outbox, with the ledger entry; the
            // task carries the commitment it was drawn under.
            if (stored.SeedCommitment != commitment)
            {
                db.Update(stored with { SeedCommitment = commitment });
            }

            var codes = record.Drawn.Select(d => d.CreditCode).ToList();
            var names = await db.Targets.AsNoTracking().Where(t => codes.Contains(t.CreditCode)).ToDictionaryAsync(t => t.CreditCode, t => t.Name, ct);
            var publication = new DrawPublication(stored.TaskNumber, stored.Name, stored.InitiatingDepartmentCode, record.DrawnAt, commitment, record.Seed,
                [.. codes.Select(c => (c, names.GetValueOrDefault(c, "")))]);
            var assignments = (record.Assignment?.Assignments ?? []).Select(a => new TargetAssignment(a.CreditCode, a.DepartmentCode, a.CertificateNumbers)).ToList();
            var departmentCodes = stored.CooperatingDepartmentCodes.Append(stored.InitiatingDepartmentCode).ToList();
            var credit = await db.Departments.AsNoTracking().Where(d => departmentCodes.Contains(d.Code) && d.CreditCode != null).ToDictionaryAsync(d => d.Code, d => d.CreditCode!, ct);
            db.Raise(HubEventTypes.TaskDrawn, stored.TaskNumber, new TaskDrawn(stored with { SeedCommitment = commitment }, publication, assignments, credit), now);
        }

        await db.SaveChangesAsync(ct);
        return record;
    }

    /// <summary>The draw of a stored task: its plan's ratio, its departments' rosters, the low-risk entities market supervision already checked or drew this year.</summary>
    /// <exception cref="InvalidOperationException">The task, its plan or its department is not in the store.</exception>
    public static async Task<DrawTaskSpec> SpecFromStoreAsync(HubDbContext db, string taskNumber, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var task = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.TaskNumber == taskNumber, ct)
            ?? throw new InvalidOperationException($"No file and no task named {taskNumber} in the store.");
        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == task.PlanCode, ct)
            ?? throw new InvalidOperationException($"Task {taskNumber} refers to plan {task.PlanCode}, which is not in the store.");
        var initiator = await db.Departments.AsNoTracking().FirstAsync(d => d.Code == task.InitiatingDepartmentCode, ct);
        var year = task.WindowStart.Year;
        var marketSupervision = await db.Departments.AsNoTracking().Where(d => d.LineOfWork == LineOfWork.MarketSupervision).Select(d => d.Code).ToListAsync(ct);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var checkedThisYear = await db.Results.AsNoTracking()
            .Where(r => r.InspectedOn >= first && r.InspectedOn <= last && marketSupervision.Contains(r.DepartmentCode))
            .Select(r => r.TargetCreditCode).Distinct().ToListAsync(ct);

        // Drawn counts as disturbed even before the check: add this year's earlier draws by market-supervision departments.
        var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaTime.Offset);
        var yearEnd = yearStart.AddYears(1);
        var marketTasks = await db.Tasks.AsNoTracking().Where(t => marketSupervision.Contains(t.InitiatingDepartmentCode)).Select(t => t.TaskNumber).ToListAsync(ct);
        var earlier = await db.Draws.AsNoTracking()
            .Where(d => d.DrawnAt >= yearStart && d.DrawnAt < yearEnd && d.TaskNumber != taskNumber && marketTasks.Contains(d.TaskNumber) && !d.Refused)
            .Select(d => d.RecordJson).ToListAsync(ct);
        checkedThisYear.AddRange(earlier.SelectMany(json => DrawRecord.FromJson(json).Drawn.Where(t => t.Stratum == Stratum.A).Select(t => t.CreditCode)));
        return new DrawTaskSpec
        {
            TaskNumber = task.TaskNumber,
            Scope = new TargetScope { Regions = [initiator.RegionCode] },
            Policy = DrawPolicy.Uniform(plan.RatioPercent / 100m),
            Departments = [task.InitiatingDepartmentCode, .. task.CooperatingDepartmentCodes],
            WindowStart = task.WindowStart,
            WindowEnd = task.WindowEnd,
            DrawnThisYearA = [.. checkedThisYear.Distinct(StringComparer.Ordinal)],
        };
    }
}
