namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>A target named by a complaint, tip-off or monitoring lead (重点检查对象), added outside the random share.</summary>
/// <param name="CreditCode">The target.</param>
/// <param name="Reason">Why it is checked, for example the complaint number.</param>
public sealed record KeyTarget(string CreditCode, string Reason);
