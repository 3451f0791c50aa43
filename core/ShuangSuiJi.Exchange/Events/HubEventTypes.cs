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

    /// <summary>
    /// A task a partner handed down (a national or cross-province joint task) was stored or changed; the body is the
    /// <see cref="Core.Kinds.InspectionTask"/>. Not <see cref="TaskUpdated"/>: that one means a drawn task changed and
    /// goes back to the partners that published the draw.
    /// </summary>
    public const string TaskReceived = "task.received";
    public const string ResultRecorded = "result.recorded";

    /// <summary>
    /// An administrator asked, on the enterprise's request, to stop publicising a result (信用修复, credit repair);
    /// the body is a <see cref="Events.ResultPublicityWithdrawn"/> and the subject the result's key, as for
    /// <see cref="ResultRecorded"/>.
    /// </summary>
    public const string ResultPublicityWithdrawn = "result.publicity-withdrawn";
    public const string EvaluationReceived = "evaluation.received";
    public const string CaseDecided = "case.decided";

    /// <summary>Every type, for validating configured routes.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        TargetChanged, RiskGradeChanged, InspectorChanged, DepartmentChanged, UserChanged, ItemChanged, PlanSubmitted, PlanApproved, TaskDrawn, TaskUpdated, TaskReceived, ResultRecorded,
        EvaluationReceived, CaseDecided, ResultPublicityWithdrawn,
    };
}
