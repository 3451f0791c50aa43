namespace ShuangSuiJi.Core.Kinds;

/// <summary>How often a plan line is checked (抽查频次).</summary>
public enum PlanFrequency
{
    /// <summary>1次/年.</summary>
    OncePerYear = 1,
    /// <summary>2次/年.</summary>
    TwicePerYear = 2,
    /// <summary>一季度一次 (four times a year).</summary>
    Quarterly = 4,
}
