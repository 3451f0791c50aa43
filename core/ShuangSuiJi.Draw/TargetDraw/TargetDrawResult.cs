namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>The outcome of a target draw: what was drawn, from what, and why anything was left out.</summary>
public sealed record TargetDrawResult
{
    public required string TaskNumber { get; init; }

    /// <summary>The algorithm version, <see cref="DrawAlgorithms.Current"/> (<c>SSJ-DRAW-2</c>).</summary>
    public required string Algorithm { get; init; }

    /// <summary>True when the guard refused the draw; <see cref="Drawn"/> is then empty and <see cref="Refusal"/> says why.</summary>
    public bool Refused => Refusal is not null;

    public string? Refusal { get; init; }

    /// <summary>Size of the random pool over all strata.</summary>
    public required int EligibleCount { get; init; }

    /// <summary>SHA-256 (lower-case hex) of the eligible list as specified in docs/draw-spec.md §4.2.</summary>
    public required string EligibleHash { get; init; }

    /// <summary>The eligible credit codes per stratum, each in canonical (ascending) order.</summary>
    public required IReadOnlyDictionary<Stratum, IReadOnlyList<string>> EligibleByStratum { get; init; }

    public required IReadOnlyList<StratumReport> Strata { get; init; }

    /// <summary>Random draws stratum by stratum in drawing order, then key targets.</summary>
    public required IReadOnlyList<DrawnTarget> Drawn { get; init; }

    public required ExclusionCounts Exclusions { get; init; }

    /// <summary>In-scope, drawable A targets this year (the guard's base).</summary>
    public required int InScopeA { get; init; }

    /// <summary>Of those, already drawn this year.</summary>
    public required int DrawnThisYearA { get; init; }

    /// <summary>Key targets that could not be added, each with why.</summary>
    public IReadOnlyList<string> RejectedKeyTargets { get; init; } = [];
}
