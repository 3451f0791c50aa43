namespace ShuangSuiJi.Core.Kinds;

/// <summary>Credit-risk grade (信用风险分类). A target may also be ungraded (<see langword="null"/>).</summary>
public enum RiskGrade
{
    /// <summary>A 类: 信用风险低.</summary>
    A = 1,
    /// <summary>B 类: 信用风险一般.</summary>
    B = 2,
    /// <summary>C 类: 信用风险较高.</summary>
    C = 3,
    /// <summary>D 类: 信用风险高.</summary>
    D = 4,
}
