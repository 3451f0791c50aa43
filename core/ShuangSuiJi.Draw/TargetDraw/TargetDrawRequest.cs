namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>Everything a target draw depends on besides the directory and the seed.</summary>
public sealed record TargetDrawRequest
{
    /// <summary>The task drawn for; a joint task draws one list for all its departments.</summary>
    public required string TaskNumber { get; init; }

    public TargetScope Scope { get; init; } = TargetScope.Everything;

    public DrawPolicy Policy { get; init; } = new();

    /// <summary>Low-risk (A) targets already drawn this calendar year by market-supervision departments.</summary>
    public IReadOnlySet<string> DrawnThisYearA { get; init; } = new HashSet<string>();

    public IReadOnlyList<KeyTarget> KeyTargets { get; init; } = [];
}
