namespace ShuangSuiJi.Storage.Draws;

/// <summary>A published draw: its record as JSON (eligible list, seed, result, assignment) and the figures to list it by.</summary>
public sealed class DrawLedgerEntry
{
    public long Id { get; set; }

    public required string TaskNumber { get; set; }

    public required DateTimeOffset DrawnAt { get; set; }

    public required string Algorithm { get; set; }

    public required string EligibleHash { get; set; }

    public required int EligibleCount { get; set; }

    public required int DrawnCount { get; set; }

    public required bool Refused { get; set; }

    /// <summary>The whole draw record (docs/draw-spec.md §7); <c>ssj draw verify</c> checks it.</summary>
    public required string RecordJson { get; set; }
}
