namespace ShuangSuiJi.Reconciliation;

/// <summary>Section <c>Reconciliation</c>: the kinds compared, how each system holds them, who is right about which field, the pairs and schedules.</summary>
public sealed class ReconciliationOptions
{
    public const string SectionName = "Reconciliation";

    public bool Enabled { get; set; } = true;

    /// <summary>The name the hub's own store goes by in pairs (default <c>HUB</c>).</summary>
    public string HubName { get; set; } = "HUB";

    /// <summary>Kinds by reconciliation name (<c>target</c>, <c>inspector</c>, …).</summary>
    public Dictionary<string, KindOptions> Kinds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pairs reconciled on schedule, each <c>kind:LEFT:RIGHT</c>.</summary>
    public List<string> Pairs { get; set; } = [];

    /// <summary>Cron of the incremental runs of every pair (default every 30 minutes).</summary>
    public string Schedule { get; set; } = "*/30 * * * *";

    /// <summary>Cron of the full runs of every pair (default 02:00 daily).</summary>
    public string FullSchedule { get; set; } = "0 2 * * *";

    /// <summary>Pairs as (kind, left, right).</summary>
    public IEnumerable<(string Kind, string Left, string Right)> ParsedPairs() =>
        Pairs.Select(p => p.Split(':')).Where(p => p.Length == 3).Select(p => (p[0], p[1], p[2]));
}

/// <summary>One kind: its key fields, how each system holds it, survivorship and the events that carry it out.</summary>
public sealed class KindOptions
{
    /// <summary>The common field names that make the natural key (several for a composite key).</summary>
    public List<string> Key { get; set; } = [];

    /// <summary>The kind name the copies are stored under when a system says nothing else (e.g. <c>Target</c>).</summary>
    public string StoredAs { get; set; } = "";

    /// <summary>Per system, how it holds the kind; systems not listed hold it as <see cref="StoredAs"/> with the common names.</summary>
    public Dictionary<string, SourceOptions> Sources { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Survivorship: field → the system that is the record of truth for it; <c>*</c> for every other field.</summary>
    public Dictionary<string, string> Truth { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fields never compared (bookkeeping, derived values).</summary>
    public List<string> Ignore { get; set; } = [];

    /// <summary>The hub events that carry this kind to partners: a push to a partner re-sends the latest one through that partner's route.</summary>
    public List<string> Events { get; set; } = [];

    public string TruthFor(string field, string fallback) =>
        Truth.TryGetValue(field, out var system) ? system : Truth.TryGetValue("*", out var any) ? any : fallback;
}

/// <summary>How one system holds a kind.</summary>
public sealed class SourceOptions
{
    /// <summary>The kind name its copies are stored under (e.g. <c>RiskAssessment</c> for a grading system's view of targets).</summary>
    public string? StoredAs { get; set; }

    /// <summary>Renames from the system's field names to the kind's common names (e.g. <c>grade</c> → <c>riskGrade</c>).</summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Fields a record must hold to take part (e.g. the hub's tasks count once their seed commitment is published, as only those reach the partners).</summary>
    public List<string> Require { get; set; } = [];

    /// <summary>When the system holds several versions per key, the field whose greatest value wins (e.g. <c>classifiedOn</c>).</summary>
    public string? Latest { get; set; }
}
