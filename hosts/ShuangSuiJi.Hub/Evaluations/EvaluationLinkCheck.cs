using ShuangSuiJi.Core.Kinds;

namespace ShuangSuiJi.Hub.Evaluations;

/// <summary>What a link leads to: the inspection to rate, or why the link is refused.</summary>
internal sealed record EvaluationLinkCheck(EvaluationLinkRefusal Refusal, InspectionResult? Result = null, string? TargetName = null, string? DepartmentName = null, string? EvaluationId = null)
{
    public static readonly EvaluationLinkCheck Forged = new(EvaluationLinkRefusal.Forged);
}
