using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Generation;

/// <summary>What province to generate. The same options always give the same records, byte for byte.</summary>
public sealed record GeneratorOptions
{
    /// <summary>Smallest and largest supported target counts.</summary>
    public const long MinTargets = 100, MaxTargets = 10_000_000;

    /// <summary>Seed of every stream. <value>Default 20250101.</value></summary>
    public ulong Seed { get; init; } = 20250101;

    /// <summary>Number of targets (market entities). <value>Default 20,000.</value></summary>
    [Range(MinTargets, MaxTargets)]
    public long TargetCount { get; init; } = 20_000;

    /// <summary>
    /// The "today" of the generated province: no date lies after it, plans are for its year. Fixed rather than
    /// read from the clock so the output is reproducible. <value>Default 2025-06-30.</value>
    /// </summary>
    public DateOnly AsOf { get; init; } = new(2025, 6, 30);

    /// <summary>The time stamped on every record's provenance. <value>Default <see cref="AsOf"/> at 08:00 China time.</value></summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>The instant stamped on generated records.</summary>
    public DateTimeOffset Stamp => GeneratedAt ?? new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));

    /// <summary>Throws when out of range, naming the option.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TargetCount"/> is outside 100..10,000,000.</exception>
    public void Validate()
    {
        if (TargetCount is < MinTargets or > MaxTargets)
        {
            throw new ArgumentOutOfRangeException(nameof(TargetCount), TargetCount, $"TargetCount must be between {MinTargets:N0} and {MaxTargets:N0}.");
        }
    }
}
