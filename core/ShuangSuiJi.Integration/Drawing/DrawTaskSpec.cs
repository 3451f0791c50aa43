using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Integration.Drawing;

/// <summary>A task to draw, as a JSON file for <c>ssj draw --task FILE</c> (docs/draw-spec.md §9).</summary>
public sealed record DrawTaskSpec
{
    public required string TaskNumber { get; init; }

    public TargetScope Scope { get; init; } = TargetScope.Everything;

    public DrawPolicy Policy { get; init; } = new();

    /// <summary>Departments that assign inspectors, the initiating one first; each from its own roster in the store.</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>业务专长 required, per department code; absent means no requirement.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredExpertise { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public required DateOnly WindowStart { get; init; }

    public required DateOnly WindowEnd { get; init; }

    public int InspectorsPerTarget { get; init; } = 2;

    public bool CrossRegion { get; init; }

    public IReadOnlyList<KeyTarget> KeyTargets { get; init; } = [];

    public IReadOnlyList<string> DrawnThisYearA { get; init; } = [];
}
