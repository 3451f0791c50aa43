namespace ShuangSuiJi.Planning.Kpis;

/// <summary>One figure administrators are judged on, with how it was counted.</summary>
/// <param name="Key">Stable identifier, for example <c>inspectedShare</c>.</param>
/// <param name="Name">The name administrators know it by (抽查户次占比 …).</param>
/// <param name="Numerator">What was counted.</param>
/// <param name="Denominator">Out of what.</param>
/// <param name="Definition">Exactly what the two counts are (docs/kpis.md).</param>
public sealed record Kpi(string Key, string Name, long Numerator, long Denominator, string Definition)
{
    /// <summary>Numerator over denominator, 0 to 1 (or above, where the definition allows); <see langword="null"/> when nothing was due.</summary>
    public double? Value => Denominator == 0 ? null : Numerator / (double)Denominator;
}

/// <summary>The KPIs of one scope and period.</summary>
public sealed record KpiReport(IReadOnlyList<string> Departments, DateOnly From, DateOnly To, DateOnly AsOf, IReadOnlyList<Kpi> Figures);
