namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>One drawn target.</summary>
/// <param name="CreditCode">The target.</param>
/// <param name="Stratum">Its risk stratum.</param>
/// <param name="IsKey">A key target (重点检查对象), added outside the random share.</param>
/// <param name="Reason">For key targets, why; <see langword="null"/> for random ones.</param>
/// <param name="MustBeOnSite">High-risk (D) targets drawn must be checked on site (DOMAIN.md).</param>
public sealed record DrawnTarget(string CreditCode, Stratum Stratum, bool IsKey, string? Reason, bool MustBeOnSite);
