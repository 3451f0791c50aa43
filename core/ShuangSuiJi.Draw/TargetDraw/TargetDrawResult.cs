namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>The outcome of a target draw: what was drawn, from what, and why anything was left out.</summary>
/// <remarks>
/// Disposing it returns the arrays behind <see cref="EligibleByStratum"/> and the random part of <see cref="Drawn"/> to a
/// pool, so the next draw reuses their memory instead of faulting in tens of megabytes afresh; after that, reading a
/// code from either throws <see cref="ObjectDisposedException"/> (the figures, the hash and the strata stay readable).
/// Read or copy what you need first, as the draw service does when it writes the record. A result that is never
/// disposed is simply collected. A copy made with <c>with</c> shares the arrays: dispose only one.
/// </remarks>
public sealed record TargetDrawResult : IDisposable
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

    /// <summary>The pooled arrays behind <see cref="EligibleByStratum"/> and <see cref="Drawn"/>, when the engine rented them.</summary>
    internal EligibleLists? Lists { get; init; }

    /// <summary>Returns the eligible lists' arrays to the pool; see the remarks.</summary>
    public void Dispose() => Lists?.Dispose();
}
