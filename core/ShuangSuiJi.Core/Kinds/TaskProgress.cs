namespace ShuangSuiJi.Core.Kinds;

/// <summary>
/// How far a drawn task has got, as the system where inspectors work reports it (任务进度): its status and the warning
/// light shown there. It updates <see cref="InspectionTask.Status"/>; the task itself stays the hub's. Keyed by task number.
/// </summary>
public sealed record TaskProgress : ICanonicalRecord
{
    public required string TaskNumber { get; init; }

    public string PlanCode { get; init; } = "";

    public required InspectionTaskStatus Status { get; init; }

    public required WarningLight WarningLight { get; init; }

    public required Provenance Provenance { get; init; }
}
