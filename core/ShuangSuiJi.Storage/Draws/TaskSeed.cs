namespace ShuangSuiJi.Storage.Draws;

/// <summary>
/// The secret half of a task's commit-reveal: the seed drawn from the CSPRNG when the task was scheduled. Only its
/// commitment is published (on the task) until the draw reveals it; no API serves this table.
/// </summary>
public sealed class TaskSeed
{
    public required string TaskNumber { get; set; }

    /// <summary>Lower-case hex of the hash of <see cref="Seed"/>.</summary>
    public required string Commitment { get; set; }

    /// <summary><c>Sha256</c> or <c>Sm3</c>.</summary>
    public required string CommitmentAlgorithm { get; set; }

    /// <summary>The 32-byte seed as 64 hex characters. Secret until <see cref="RevealedAt"/>.</summary>
    public required string Seed { get; set; }

    public required DateTimeOffset CommittedAt { get; set; }

    /// <summary>When the draw used and published the seed; <see langword="null"/> while still secret.</summary>
    public DateTimeOffset? RevealedAt { get; set; }
}
