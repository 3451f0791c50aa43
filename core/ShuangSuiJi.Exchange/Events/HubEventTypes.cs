namespace ShuangSuiJi.Exchange.Events;

/// <summary>The canonical change events the hub raises; routes name them in configuration.</summary>
public static class HubEventTypes
{
    public const string TargetChanged = "target.changed";
    public const string RiskGradeChanged = "riskgrade.changed";
    public const string InspectorChanged = "inspector.changed";
    public const string DepartmentChanged = "department.changed";
    public const string UserChanged = "user.changed";
    public const string ItemChanged = "item.changed";
    public const string PlanSubmitted = "plan.submitted";
    public const string PlanApproved = "plan.approved";
    public const string TaskDrawn = "task.drawn";

    /// <summary>A drawn task changed (its warning light, its status); the body is a <see cref="Events.TaskDrawn"/> with the new task.</summary>
    public const string TaskUpdated = "task.updated";
    public const string ResultRecorded = "result.recorded";
    public const string EvaluationReceived = "evaluation.received";
    public const string CaseDecided = "case.decided";

    /// <summary>Every type, for validating configured routes.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TargetChanged, RiskGradeChanged, InspectorChanged, DepartmentChanged, UserChanged, ItemChanged, PlanSubmitted, PlanApproved, TaskDrawn, TaskUpdated, ResultRecorded,
        EvaluationReceived, CaseDecided,
    };
}
