using System.ComponentModel.DataAnnotations;
using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>
/// The ratios and guards of one draw. Section <c>Draw</c> holds the defaults; a plan may override the ratios.
/// Ratios are fractions (0.05 = 5%) of each risk stratum in scope.
/// </summary>
public sealed record DrawPolicy
{
    public const string SectionName = "Draw";

    /// <summary>Share of low-risk (A) targets. <value>Default 0.03.</value></summary>
    [Range(0.0, 1.0)]
    public decimal RatioA { get; init; } = 0.03m;

    /// <summary>Share of ordinary (B) targets. <value>Default 0.05.</value></summary>
    [Range(0.0, 1.0)]
    public decimal RatioB { get; init; } = 0.05m;

    /// <summary>Share of elevated (C) targets. <value>Default 0.10.</value></summary>
    [Range(0.0, 1.0)]
    public decimal RatioC { get; init; } = 0.10m;

    /// <summary>Share of high-risk (D) targets. <value>Default 0.20.</value></summary>
    [Range(0.0, 1.0)]
    public decimal RatioD { get; init; } = 0.20m;

    /// <summary>Share of targets not yet graded; treated as ordinary. <value>Default 0.05.</value></summary>
    [Range(0.0, 1.0)]
    public decimal RatioUngraded { get; init; } = 0.05m;

    /// <summary>Share of in-scope A targets that must stay undrawn over the calendar year (无事不扰). <value>Default 0.5.</value></summary>
    [Range(0.0, 1.0)]
    public decimal UndisturbedShareA { get; init; } = 0.5m;

    /// <summary>Trim or refuse when the guard would break. <value>Default <see cref="GuardMode.Trim"/>.</value></summary>
    public GuardMode Guard { get; init; } = GuardMode.Trim;

    /// <summary>
    /// Whether the drawing department is a market-supervision one: only then are A targets it or another
    /// market-supervision department drew earlier this year excluded (DOMAIN.md). <value>Default true.</value>
    /// </summary>
    public bool MarketSupervision { get; init; } = true;

    /// <summary>The same ratio for every stratum, as plan lines that state one figure ("5%:1次/年") mean.</summary>
    public static DrawPolicy Uniform(decimal ratio) => new() { RatioA = ratio, RatioB = ratio, RatioC = ratio, RatioD = ratio, RatioUngraded = ratio };

    /// <summary>The ratio for a stratum.</summary>
    public decimal RatioFor(RiskGrade? grade) => grade switch
    {
        RiskGrade.A => RatioA,
        RiskGrade.B => RatioB,
        RiskGrade.C => RatioC,
        RiskGrade.D => RatioD,
        _ => RatioUngraded,
    };
}
