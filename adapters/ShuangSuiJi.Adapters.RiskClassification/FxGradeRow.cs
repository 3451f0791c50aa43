namespace ShuangSuiJi.Adapters.RiskClassification;

/// <summary>One row of an FX export, as text: 统一社会信用代码, 企业名称, 风险等级, 分类日期, 综合得分 [, 变更类型].</summary>
/// <param name="Line">1-based line in the file (the header is line 1).</param>
public sealed record FxGradeRow(long Line, string CreditCode, string Name, string Grade, string ClassifiedOn, string Score, string? ChangeType, string Raw);
