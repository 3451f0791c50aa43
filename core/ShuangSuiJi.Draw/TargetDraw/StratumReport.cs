namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>What happened in one stratum.</summary>
/// <param name="Stratum">The risk stratum.</param>
/// <param name="Eligible">Targets that could be drawn.</param>
/// <param name="Ratio">The plan's ratio for the stratum.</param>
/// <param name="ByRatio">The count the ratio gives (rounding rule of §4.3).</param>
/// <param name="Drawn">The count actually drawn; less than <paramref name="ByRatio"/> only when trimmed by the guard.</param>
/// <param name="Note">Why it was trimmed, with the figures; <see langword="null"/> otherwise.</param>
public sealed record StratumReport(Stratum Stratum, int Eligible, decimal Ratio, int ByRatio, int Drawn, string? Note);
