using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Draw.TargetDraw;

/// <summary>A risk stratum of the draw; the order here is the order strata are drawn in.</summary>
public enum Stratum
{
    A = 0,
    B = 1,
    C = 2,
    D = 3,
    /// <summary>Not yet graded.</summary>
    U = 4,
}

/// <summary>Stratum helpers.</summary>
public static class Strata
{
    /// <summary>All strata in drawing order.</summary>
    public static readonly IReadOnlyList<Stratum> All = [Stratum.A, Stratum.B, Stratum.C, Stratum.D, Stratum.U];

    public static Stratum Of(RiskGrade? grade) => grade switch
    {
        RiskGrade.A => Stratum.A,
        RiskGrade.B => Stratum.B,
        RiskGrade.C => Stratum.C,
        RiskGrade.D => Stratum.D,
        _ => Stratum.U,
    };

    public static RiskGrade? Grade(this Stratum stratum) => stratum switch
    {
        Stratum.A => RiskGrade.A,
        Stratum.B => RiskGrade.B,
        Stratum.C => RiskGrade.C,
        Stratum.D => RiskGrade.D,
        _ => null,
    };

    /// <summary>The stream label a stratum samples from (docs/draw-spec.md §5).</summary>
    public static string Label(this Stratum stratum) => $"targets/{stratum}";

    /// <summary>
    /// How many to draw from a stratum of <paramref name="size"/> at <paramref name="ratio"/>: size × ratio rounded
    /// half up, at least one when both are positive, at most the stratum (docs/draw-spec.md §4.3).
    /// </summary>
    public static int CountFor(int size, decimal ratio)
    {
        if (size <= 0 || ratio <= 0)
        {
            return 0;
        }

        if (ratio >= 1)
        {
            return size;
        }

        var count = (int)decimal.Floor((size * ratio) + 0.5m);
        return Math.Clamp(count, 1, size);
    }
}
