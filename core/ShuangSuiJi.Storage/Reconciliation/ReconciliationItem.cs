namespace ShuangSuiJi.Storage.Reconciliation;

/// <summary>
/// Where one record stands between two systems after the last run that looked at it. The hashes are the two sides'
/// content hashes then, so an incremental run recomputes only the keys whose hashes moved.
/// </summary>
public sealed class ReconciliationItem
{
    public required string Kind { get; set; }

    public required string Left { get; set; }

    public required string Right { get; set; }

    /// <summary>The normalised natural key.</summary>
    public required string Key { get; set; }

    /// <summary><c>Identical</c>, <c>Conflicting</c>, <c>MissingLeft</c>, <c>MissingRight</c> or <c>Invalid</c>.</summary>
    public required string Class { get; set; }

    /// <summary>For a conflict, the differing fields as JSON (<c>[{"field","left","right","golden","truth"}]</c>); for an invalid record, the reasons.</summary>
    public string? Detail { get; set; }

    public string? LeftHash { get; set; }

    public string? RightHash { get; set; }

    /// <summary>The live resolution, if any.</summary>
    public long? ResolutionId { get; set; }

    public long RunId { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
