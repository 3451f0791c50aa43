namespace ShuangSuiJi.Core.Kinds;

/// <summary>One draw of a plan (抽查任务). Natural key: <see cref="TaskNumber"/> (抽查任务单号).</summary>
public sealed record InspectionTask : ICanonicalRecord
{
    /// <summary>Task number, for example <c>RW2025-360103-0042</c>.</summary>
    public required string TaskNumber { get; init; }

    public required string PlanCode { get; init; }

    public required string Name { get; init; }

    public required string InitiatingDepartmentCode { get; init; }

    /// <summary>Cooperating departments (配合部门); empty for a single-department task.</summary>
    public IReadOnlyList<string> CooperatingDepartmentCodes { get; init; } = [];

    public required DateOnly WindowStart { get; init; }

    public required DateOnly WindowEnd { get; init; }

    public InspectionTaskStatus Status { get; init; } = InspectionTaskStatus.NotStarted;

    public WarningLight WarningLight { get; init; } = WarningLight.Green;

    /// <summary>The draw's published seed commitment (hex), once drawn.</summary>
    public string? SeedCommitment { get; init; }

    public required Provenance Provenance { get; init; }
}
