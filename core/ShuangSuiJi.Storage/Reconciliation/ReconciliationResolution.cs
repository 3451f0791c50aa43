namespace ShuangSuiJi.Storage.Reconciliation;

/// <summary>
/// What an administrator decided about one record: push the golden record to the lagging side, accept one side,
/// or ignore the difference until an expiry. Append-only; who, when and why are always filled.
/// </summary>
public sealed class ReconciliationResolution
{
    public long Id { get; set; }

    public required string Kind { get; set; }

    public required string Left { get; set; }

    public required string Right { get; set; }

    public required string Key { get; set; }

    /// <summary><c>Push</c>, <c>Accept</c> or <c>Ignore</c>.</summary>
    public required string Action { get; set; }

    /// <summary>The system pushed to (push) or whose values were accepted (accept); null for ignore.</summary>
    public string? Side { get; set; }

    public required string Reason { get; set; }

    /// <summary>Ignore only: when the difference counts again.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public required string By { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The two sides' content hashes when it was decided: an accept or push holds while they stay so.</summary>
    public string? LeftHash { get; set; }

    public string? RightHash { get; set; }

    /// <summary>What the action did (e.g. "queued to route task-drawn-sup", "hub record updated").</summary>
    public string? Outcome { get; set; }
}
