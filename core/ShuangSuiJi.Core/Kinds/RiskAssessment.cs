namespace ShuangSuiJi.Core.Kinds;

/// <summary>
/// A credit-risk classification of one market entity (信用风险分类结果): its grade on a date, or that it has no grade
/// any more. Updates <see cref="Target.RiskGrade"/>; keyed by credit code and classification date.
/// </summary>
public sealed record RiskAssessment : ICanonicalRecord
{
    public required string CreditCode { get; init; }

    /// <summary>The entity's name as the classifying system holds it; used to match, never to overwrite.</summary>
    public string Name { get; init; } = "";

    /// <summary>The grade; <see langword="null"/> when not (or no longer) graded.</summary>
    public RiskGrade? Grade { get; init; }

    public required DateOnly ClassifiedOn { get; init; }

    /// <summary>综合得分, 0-100 with up to two decimals, when given.</summary>
    public decimal? Score { get; init; }

    /// <summary>The entity's grade was withdrawn (an incremental export's 删除).</summary>
    public bool Removed { get; init; }

    public required Provenance Provenance { get; init; }
}
