namespace ShuangSuiJi.Storage.Reconciliation;

/// <summary>One reconciliation of one kind between two systems: when, how (full or incremental) and the counts by class — the history trends are drawn from.</summary>
public sealed class ReconciliationRun
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Left { get; set; }

    public required string Right { get; set; }

    /// <summary><c>Full</c> or <c>Incremental</c>.</summary>
    public required string Mode { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Identical { get; set; }

    public int Conflicting { get; set; }

    public int MissingLeft { get; set; }

    public int MissingRight { get; set; }

    public int Invalid { get; set; }

    /// <summary>Of the non-identical items, how many carried a live resolution at the end of the run.</summary>
    public int Resolved { get; set; }

    /// <summary>Keys compared in this run (all of them in a full run, the changed ones in an incremental run).</summary>
    public int Compared { get; set; }

    public string? Error { get; set; }
}
