using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Outbox;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Integration.Pulls;

/// <summary>
/// How one canonical kind is written from pulls: its name and natural key, and how the records a partner sent (new or
/// changed since its last copy) reach the hub's own data. Most kinds have a table of their own
/// (<see cref="TableKindStore{T}"/>); the others (a grade on the target, a status on the task) override
/// <see cref="WriteCanonicalAsync"/> alone.
/// </summary>
public abstract class KindStore<T>
    where T : class, ICanonicalRecord
{
    /// <summary>The kind's name in logs, partner copies and rejections.</summary>
    public abstract string Kind { get; }

    public abstract string KeyOf(T record);

    /// <summary>
    /// Writes what changed into the hub's data, in the chunk's unit of work, raising an outbox event per change where
    /// the kind has one. Returns how many records of the hub changed.
    /// </summary>
    public abstract Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<T> incoming, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>
/// A kind with a table of its own: loads the hub's records for the incoming keys, merges the partner's version into
/// each, writes what changed and raises the kind's event for it.
/// </summary>
public abstract class TableKindStore<T> : KindStore<T>
    where T : class, ICanonicalRecord
{
    /// <summary>The event a new or changed record raises.</summary>
    protected abstract string EventType { get; }

    /// <summary>The hub's current records for these keys, untracked.</summary>
    protected abstract Task<List<T>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>The record to store when a partner sends <paramref name="incoming"/>; by default the partner's version.</summary>
    protected virtual T Merge(T? existing, T incoming) => incoming;

    /// <summary>Whether a change raises the kind's event; by default every new or changed record does.</summary>
    protected virtual bool Raises(T? previous, T merged) => true;

    /// <summary>
    /// The event bodies of a chunk's changes, in order; by default the records themselves. Overrides that need more
    /// from the store read it once for the whole chunk, never per record.
    /// </summary>
    protected virtual Task<IReadOnlyList<object>> EventBodiesAsync(HubDbContext db, IReadOnlyList<T> changed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([.. changed]);

    /// <summary>Writes what changed into the hub's table and raises an event per change. Returns how many changed.</summary>
    public override async Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<T> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incoming);
        var existing = (await LoadAsync(db, [.. incoming.Select(KeyOf)], cancellationToken)).ToDictionary(KeyOf);
        var changed = new List<T>();
        var raised = new List<T>();
        foreach (var record in incoming)
        {
            var key = KeyOf(record);
            var previous = existing.GetValueOrDefault(key);
            var merged = Merge(previous, record);
            if (previous is not null && CanonicalJson.Content(previous) == CanonicalJson.Content(merged))
            {
                continue;
            }

            if (previous is null)
            {
                db.Add(merged);
            }
            else
            {
                db.Update(merged);
            }

            changed.Add(merged);
            if (Raises(previous, merged))
            {
                raised.Add(merged);
            }
        }

        var bodies = await EventBodiesAsync(db, raised, cancellationToken);
        for (var i = 0; i < raised.Count; i++)
        {
            db.Raise(EventType, KeyOf(raised[i]), bodies[i], now);
        }

        return changed.Count;
    }
}

/// <summary>Targets: registration data from the directory's partner; the risk grade is kept from the risk partner.</summary>
public sealed class TargetKindStore : TableKindStore<Target>
{
    public override string Kind => "Target";

    protected override string EventType => HubEventTypes.TargetChanged;

    public override string KeyOf(Target record) => record.CreditCode;

    protected override Task<List<Target>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Targets.AsNoTracking().Where(t => keys.Contains(t.CreditCode)).ToListAsync(cancellationToken);

    protected override Target Merge(Target? existing, Target incoming) => incoming with { RiskGrade = incoming.RiskGrade ?? existing?.RiskGrade };
}

public sealed class InspectorKindStore : TableKindStore<Inspector>
{
    public override string Kind => "Inspector";

    protected override string EventType => HubEventTypes.InspectorChanged;

    public override string KeyOf(Inspector record) => record.CertificateNumber;

    protected override Task<List<Inspector>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Inspectors.AsNoTracking().Where(i => keys.Contains(i.CertificateNumber)).ToListAsync(cancellationToken);

    // The event names the inspector, never the ID or phone number.
    protected override Task<IReadOnlyList<object>> EventBodiesAsync(HubDbContext db, IReadOnlyList<Inspector> changed, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<object>>([.. changed.Select(i => new { i.CertificateNumber, i.Name, i.DepartmentCode, i.Status, i.CertificateValidTo })]);
}

public sealed class DepartmentKindStore : TableKindStore<Department>
{
    public override string Kind => "Department";

    protected override string EventType => HubEventTypes.DepartmentChanged;

    public override string KeyOf(Department record) => record.Code;

    protected override Task<List<Department>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Departments.AsNoTracking().Where(d => keys.Contains(d.Code)).ToListAsync(cancellationToken);
}

/// <summary>Penalty decisions, each linked to the result whose case lead it followed (same task and target).</summary>
public sealed class CaseDecisionKindStore : TableKindStore<CaseDecision>
{
    public override string Kind => "CaseDecision";

    protected override string EventType => HubEventTypes.CaseDecided;

    public override string KeyOf(CaseDecision record) => record.DecisionNumber;

    protected override Task<List<CaseDecision>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.CaseDecisions.AsNoTracking().Where(d => keys.Contains(d.DecisionNumber)).ToListAsync(cancellationToken);

    protected override async Task<IReadOnlyList<object>> EventBodiesAsync(HubDbContext db, IReadOnlyList<CaseDecision> changed, CancellationToken cancellationToken)
    {
        var tasks = changed.Select(d => d.TaskNumber).Distinct().ToList();
        var results = (await db.Results.Where(r => tasks.Contains(r.TaskNumber)).ToListAsync(cancellationToken))
            .ToLookup(r => (r.TaskNumber, r.TargetCreditCode));
        var bodies = new List<object>(changed.Count);
        var relinked = new HashSet<InspectionResult>(ReferenceEqualityComparer.Instance);
        foreach (var decision in changed)
        {
            var linked = results[(decision.TaskNumber, decision.TargetCreditCode)].ToList();
            foreach (var result in linked.Where(r => r.CaseLeadNumber is null && relinked.Add(r)))
            {
                db.Entry(result).State = EntityState.Detached;
                db.Update(result with { CaseLeadNumber = decision.CaseLeadNumber });
            }

            bodies.Add(new CaseDecided(decision, linked.Count > 0));
        }

        return bodies;
    }
}

/// <summary>Risk grades: no table of their own; the hub's target takes the grade, and a change raises <see cref="HubEventTypes.RiskGradeChanged"/>.</summary>
public sealed class RiskAssessmentKindStore : KindStore<RiskAssessment>
{
    public override string Kind => "RiskAssessment";

    public override string KeyOf(RiskAssessment record) => record.CreditCode;

    public override async Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<RiskAssessment> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incoming);
        var keys = incoming.Select(a => a.CreditCode).ToList();
        var targets = await db.Targets.AsNoTracking().Where(t => keys.Contains(t.CreditCode)).ToDictionaryAsync(t => t.CreditCode, cancellationToken);
        var changed = 0;
        foreach (var assessment in incoming)
        {
            var grade = assessment.Removed ? null : assessment.Grade;
            if (!targets.TryGetValue(assessment.CreditCode, out var target) || target.RiskGrade == grade)
            {
                continue; // A grade for a target the directory does not hold stays in the partner's copy, for reconciliation.
            }

            db.Update(target with { RiskGrade = grade });
            db.Raise(HubEventTypes.RiskGradeChanged, assessment.CreditCode, new RiskGradeChanged(assessment.CreditCode, target.RiskGrade, grade, assessment.Provenance.Partner), now);
            changed++;
        }

        return changed;
    }
}

/// <summary>Results, keyed by task, target and department; a new or changed one raises <see cref="HubEventTypes.ResultRecorded"/>.</summary>
public sealed class ResultKindStore : TableKindStore<InspectionResult>
{
    public override string Kind => "InspectionResult";

    protected override string EventType => HubEventTypes.ResultRecorded;

    public override string KeyOf(InspectionResult record) => $"{record.TaskNumber}|{record.TargetCreditCode}|{record.DepartmentCode}";

    protected override async Task<List<InspectionResult>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var tasks = keys.Select(k => k[..k.IndexOf('|', StringComparison.Ordinal)]).Distinct().ToList();
        var wanted = keys.ToHashSet(StringComparer.Ordinal);
        var candidates = await db.Results.AsNoTracking().Where(r => tasks.Contains(r.TaskNumber)).ToListAsync(cancellationToken);
        return [.. candidates.Where(r => wanted.Contains(KeyOf(r)))];
    }

    // The hub keeps what it learnt elsewhere: the case lead number, the publicity date.
    protected override InspectionResult Merge(InspectionResult? existing, InspectionResult incoming) =>
        incoming with { CaseLeadNumber = incoming.CaseLeadNumber ?? existing?.CaseLeadNumber, PublicisedOn = incoming.PublicisedOn ?? existing?.PublicisedOn };

    protected override async Task<IReadOnlyList<object>> EventBodiesAsync(HubDbContext db, IReadOnlyList<InspectionResult> changed, CancellationToken cancellationToken)
    {
        var targets = changed.Select(r => r.TargetCreditCode).Distinct().ToList();
        var departments = changed.Select(r => r.DepartmentCode).Distinct().ToList();
        var names = await db.Targets.AsNoTracking().Where(t => targets.Contains(t.CreditCode)).ToDictionaryAsync(t => t.CreditCode, t => t.Name, cancellationToken);
        var creditCodes = await db.Departments.AsNoTracking().Where(d => departments.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.CreditCode, cancellationToken);
        return [.. changed.Select(r => (object)new ResultRecorded(r, names.GetValueOrDefault(r.TargetCreditCode, ""), creditCodes.GetValueOrDefault(r.DepartmentCode)))];
    }
}

/// <summary>
/// Tasks handed down by a partner (national and cross-province joint tasks), keyed by task number. The merge rule: a
/// pull writes only tasks whose number that partner owns — new to the hub, or already stored with that partner's
/// provenance. A task the hub holds from anyone else (its own draws and plan imports, provenance <c>hub</c>) is never
/// overwritten; the partner's version stays in its kept copy for reconciliation. A task the partner owns keeps what
/// the hub learnt of it since (status, warning light, seed commitment). Departments the partner names by their unified
/// social credit code become the directory's department codes where the directory knows the code; others (the
/// national authority, another province's departments) stay as sent. A new or changed task raises
/// <see cref="HubEventTypes.TaskReceived"/>.
/// </summary>
public sealed class TaskKindStore : TableKindStore<InspectionTask>
{
    public override string Kind => "Task";

    protected override string EventType => HubEventTypes.TaskReceived;

    public override string KeyOf(InspectionTask record) => record.TaskNumber;

    protected override Task<List<InspectionTask>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Tasks.AsNoTracking().Where(t => keys.Contains(t.TaskNumber)).ToListAsync(cancellationToken);

    protected override InspectionTask Merge(InspectionTask? existing, InspectionTask incoming)
    {
        if (existing is null)
        {
            return incoming;
        }

        if (!string.Equals(existing.Provenance.Partner, incoming.Provenance.Partner, StringComparison.OrdinalIgnoreCase))
        {
            return existing; // not the partner's task: unchanged content, nothing written, nothing raised
        }

        return incoming with { Status = existing.Status, WarningLight = existing.WarningLight, SeedCommitment = existing.SeedCommitment ?? incoming.SeedCommitment };
    }

    public override async Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<InspectionTask> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incoming);
        var codes = incoming.SelectMany(t => t.CooperatingDepartmentCodes.Append(t.InitiatingDepartmentCode)).Distinct().ToList();
        var departments = (await db.Departments.AsNoTracking().Where(d => d.CreditCode != null && codes.Contains(d.CreditCode))
                .Select(d => new { d.Code, d.CreditCode }).ToListAsync(cancellationToken))
            .GroupBy(d => d.CreditCode!).ToDictionary(g => g.Key, g => g.Select(d => d.Code).Order(StringComparer.Ordinal).First());
        string Local(string code) => departments.GetValueOrDefault(code, code);
        var local = incoming.Select(t => t with
        {
            InitiatingDepartmentCode = Local(t.InitiatingDepartmentCode),
            CooperatingDepartmentCodes = [.. t.CooperatingDepartmentCodes.Select(Local).Where(c => c != Local(t.InitiatingDepartmentCode)).Distinct()],
        }).ToList();
        return await base.WriteCanonicalAsync(db, local, now, cancellationToken);
    }
}

public sealed class UserKindStore : TableKindStore<User>
{
    public override string Kind => "User";

    protected override string EventType => HubEventTypes.UserChanged;

    public override string KeyOf(User record) => record.LoginName;

    protected override Task<List<User>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => keys.Contains(u.LoginName)).ToListAsync(cancellationToken);
}

public sealed class InspectionItemKindStore : TableKindStore<InspectionItem>
{
    public override string Kind => "InspectionItem";

    protected override string EventType => HubEventTypes.ItemChanged;

    public override string KeyOf(InspectionItem record) => record.Code;

    protected override Task<List<InspectionItem>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.InspectionItems.AsNoTracking().Where(i => keys.Contains(i.Code)).ToListAsync(cancellationToken);
}

/// <summary>
/// Evaluations (评价), stored and linked to the inspection they judge: the department comes from the result for the
/// same task and target when the partner does not name it.
/// </summary>
public sealed class EvaluationKindStore : TableKindStore<Evaluation>
{
    public override string Kind => "Evaluation";

    protected override string EventType => HubEventTypes.EvaluationReceived;

    public override string KeyOf(Evaluation record) => record.Id;

    protected override Task<List<Evaluation>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Evaluations.AsNoTracking().Where(e => keys.Contains(e.Id)).ToListAsync(cancellationToken);

    public override async Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<Evaluation> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incoming);
        var tasks = incoming.Where(e => e.DepartmentCode is null).Select(e => e.TaskNumber).Distinct().ToList();
        var departments = (await db.Results.AsNoTracking().Where(r => tasks.Contains(r.TaskNumber))
                .Select(r => new { r.TaskNumber, r.TargetCreditCode, r.DepartmentCode }).ToListAsync(cancellationToken))
            .GroupBy(r => (r.TaskNumber, r.TargetCreditCode)).ToDictionary(g => g.Key, g => g.First().DepartmentCode);
        var linked = incoming.Select(e => e.DepartmentCode is null && departments.TryGetValue((e.TaskNumber, e.TargetCreditCode), out var department)
            ? e with { DepartmentCode = department } : e).ToList();
        return await base.WriteCanonicalAsync(db, linked, now, cancellationToken);
    }
}

/// <summary>
/// Plans as the reviewer returns them: the hub keeps its own plan and takes the review state and opinion; a plan that
/// becomes approved raises <see cref="HubEventTypes.PlanApproved"/> (with its departments' credit codes). A plan the
/// hub does not hold is stored as the partner sent it.
/// </summary>
public sealed class PlanKindStore : TableKindStore<Plan>
{
    public override string Kind => "Plan";

    protected override string EventType => HubEventTypes.PlanApproved;

    public override string KeyOf(Plan record) => record.Code;

    protected override Task<List<Plan>> LoadAsync(HubDbContext db, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => keys.Contains(p.Code)).ToListAsync(cancellationToken);

    protected override Plan Merge(Plan? existing, Plan incoming) =>
        existing is null ? incoming : existing with { ReviewState = incoming.ReviewState, ReviewOpinion = incoming.ReviewOpinion };

    protected override bool Raises(Plan? previous, Plan merged) => merged.ReviewState == ReviewState.Approved && previous?.ReviewState != ReviewState.Approved;

    protected override async Task<IReadOnlyList<object>> EventBodiesAsync(HubDbContext db, IReadOnlyList<Plan> changed, CancellationToken cancellationToken)
    {
        var codes = changed.SelectMany(p => p.Participants.Select(x => x.DepartmentCode).Append(p.InitiatingDepartmentCode)).Distinct().ToList();
        var credit = await db.Departments.AsNoTracking().Where(d => codes.Contains(d.Code) && d.CreditCode != null)
            .ToDictionaryAsync(d => d.Code, d => d.CreditCode!, cancellationToken);
        return [.. changed.Select(p => (object)new PlanApproved(p, p.Participants.Select(x => x.DepartmentCode).Append(p.InitiatingDepartmentCode).Distinct()
            .Where(credit.ContainsKey).ToDictionary(c => c, c => credit[c])))];
    }
}

/// <summary>
/// Task progress as the system where inspectors work reports it: it moves the hub's task to the reported status
/// (without an event: the light and the task itself stay the hub's, and an event would echo back to the sender).
/// A progress report for a task the hub does not hold is kept as the partner's copy only.
/// </summary>
public sealed class TaskProgressKindStore : KindStore<TaskProgress>
{
    public override string Kind => "TaskProgress";

    public override string KeyOf(TaskProgress record) => record.TaskNumber;

    public override async Task<int> WriteCanonicalAsync(HubDbContext db, IReadOnlyList<TaskProgress> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incoming);
        var keys = incoming.Select(p => p.TaskNumber).ToList();
        var tasks = await db.Tasks.AsNoTracking().Where(t => keys.Contains(t.TaskNumber)).ToDictionaryAsync(t => t.TaskNumber, cancellationToken);
        var changed = 0;
        foreach (var progress in incoming)
        {
            if (tasks.TryGetValue(progress.TaskNumber, out var task) && task.Status != progress.Status)
            {
                db.Update(task with { Status = progress.Status, Provenance = task.Provenance with { ReceivedAt = now } });
                changed++;
            }
        }

        return changed;
    }
}
