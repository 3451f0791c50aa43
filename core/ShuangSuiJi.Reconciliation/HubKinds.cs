using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ShuangSuiJi.Core.Kinds;
using ShuangSuiJi.Exchange.Events;
using ShuangSuiJi.Integration.Pulls;
using ShuangSuiJi.Storage;

namespace ShuangSuiJi.Reconciliation;

/// <summary>The hub's own records of a stored kind: read as canonical JSON, and written back through the kind's store (which raises its normal event).</summary>
public abstract class HubKind
{
    public abstract string Name { get; }

    /// <summary>Whether a record can be written back (the kind has a store that merges and raises events).</summary>
    public abstract bool Writable { get; }

    public abstract IAsyncEnumerable<(string Key, string Json)> ReadAsync(HubDbContext db, CancellationToken cancellationToken);

    /// <summary>One record's canonical JSON by the hub's key, or <see langword="null"/>.</summary>
    public abstract Task<string?> FindAsync(HubDbContext db, string key, CancellationToken cancellationToken);

    /// <summary>Writes a version of the record, given as canonical JSON without provenance. Returns whether the hub's record changed.</summary>
    public abstract Task<bool> WriteAsync(HubDbContext db, string json, string partner, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether the hub keeps a table of these records (a risk assessment only updates targets).</summary>
    public abstract bool Readable { get; }

    /// <summary>The kinds of the hub's store by the name their copies are kept under.</summary>
    public static IReadOnlyDictionary<string, HubKind> All { get; } = new Dictionary<string, HubKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["Target"] = new HubKind<Target>("Target", db => db.Targets, new TargetKindStore(), (db, k) => db.Targets.Where(t => t.CreditCode == k)),
        ["Inspector"] = new HubKind<Inspector>("Inspector", db => db.Inspectors, new InspectorKindStore(), (db, k) => db.Inspectors.Where(i => i.CertificateNumber == k)),
        ["Department"] = new HubKind<Department>("Department", db => db.Departments, new DepartmentKindStore(), (db, k) => db.Departments.Where(d => d.Code == k)),
        ["User"] = new HubKind<User>("User", db => db.Users, new UserKindStore(), (db, k) => db.Users.Where(u => u.LoginName == k)),
        ["InspectionItem"] = new HubKind<InspectionItem>("InspectionItem", db => db.InspectionItems, new InspectionItemKindStore(), (db, k) => db.InspectionItems.Where(i => i.Code == k)),
        ["Plan"] = new HubKind<Plan>("Plan", db => db.Plans, new PlanKindStore(), (db, k) => db.Plans.Where(p => p.Code == k)),
        ["InspectionResult"] = new HubKind<InspectionResult>("InspectionResult", db => db.Results, new ResultKindStore(), (db, k) => ResultByKey(db, k)),
        ["Evaluation"] = new HubKind<Evaluation>("Evaluation", db => db.Evaluations, new EvaluationKindStore(), (db, k) => db.Evaluations.Where(v => v.Id == k)),
        ["CaseDecision"] = new HubKind<CaseDecision>("CaseDecision", db => db.CaseDecisions, new CaseDecisionKindStore(), (db, k) => db.CaseDecisions.Where(d => d.DecisionNumber == k)),
        ["RiskAssessment"] = new HubKind<RiskAssessment>("RiskAssessment", null, new RiskAssessmentKindStore(), null),
        ["Task"] = new HubKind<InspectionTask>("Task", db => db.Tasks, null, (db, k) => db.Tasks.Where(t => t.TaskNumber == k), t => t.TaskNumber),
    };

    private static IQueryable<InspectionResult> ResultByKey(HubDbContext db, string key)
    {
        var parts = key.Split('|');
        return parts.Length == 3 ? db.Results.Where(r => r.TaskNumber == parts[0] && r.TargetCreditCode == parts[1] && r.DepartmentCode == parts[2]) : db.Results.Where(_ => false);
    }
}

internal sealed class HubKind<T>(string name, Func<HubDbContext, IQueryable<T>>? set, KindStore<T>? store, Func<HubDbContext, string, IQueryable<T>>? find, Func<T, string>? keyOf = null) : HubKind
    where T : class, ICanonicalRecord
{
    public override string Name => name;

    public override bool Writable => store is not null;

    public override bool Readable => set is not null;

    public override async IAsyncEnumerable<(string Key, string Json)> ReadAsync(HubDbContext db, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (set is null)
        {
            throw new InvalidOperationException($"The hub keeps no table of {name} records; they only update others.");
        }

        var key = keyOf ?? store!.KeyOf;
        await foreach (var record in set(db).AsNoTracking().AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return (key(record), CanonicalJson.Content(record));
        }
    }

    public override async Task<string?> FindAsync(HubDbContext db, string key, CancellationToken cancellationToken) =>
        find is not null && await find(db, key).AsNoTracking().FirstOrDefaultAsync(cancellationToken) is { } record ? CanonicalJson.Content(record) : null;

    public override async Task<bool> WriteAsync(HubDbContext db, string json, string partner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (store is null)
        {
            throw new InvalidOperationException($"The hub's {name} records cannot be written from a reconciliation.");
        }

        var node = JsonNode.Parse(json) as JsonObject ?? throw new JsonException($"A {name} version is not a JSON object.");
        node["provenance"] = JsonSerializer.SerializeToNode(new Provenance(partner, "reconciliation", now), EventJson.Options);
        var record = node.Deserialize<T>(EventJson.Options) ?? throw new JsonException($"A {name} version is empty.");
        return await store.WriteCanonicalAsync(db, [record], now, cancellationToken) > 0;
    }
}
