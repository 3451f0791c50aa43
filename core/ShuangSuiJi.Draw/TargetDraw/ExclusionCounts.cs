namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>Why directory targets were not eligible, counted; <see cref="TargetDrawEngine.Explain"/> answers for one target.</summary>
public sealed record ExclusionCounts
{
    public int OutOfScope { get; init; }

    /// <summary>In scope but deregistered, revoked, moved out or cancelled.</summary>
    public int NotDrawableStatus { get; init; }

    /// <summary>Low-risk targets already drawn this year by a market-supervision department.</summary>
    public int LowRiskDrawnThisYear { get; init; }

    /// <summary>Key targets, checked anyway and so kept out of the random share.</summary>
    public int KeyTargets { get; init; }
}
