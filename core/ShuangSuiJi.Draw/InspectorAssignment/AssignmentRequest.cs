namespace ShuangSuiJi.Draw.InspectorAssignment;

/// <summary>A department of the task and the roster it assigns from (each department of a joint task assigns its own).</summary>
/// <param name="DepartmentCode">The department.</param>
/// <param name="Roster">Its inspectors, all statuses included: the assignment explains whom it leaves out.</param>
/// <param name="RequiredExpertise">业务专长 the plan asks for; an inspector needs at least one. Empty: no requirement.</param>
public sealed record AssignmentDepartment(string DepartmentCode, IReadOnlyList<RosterInspector> Roster, IReadOnlyList<string> RequiredExpertise);

/// <summary>A drawn target as the assignment reads it.</summary>
public sealed record AssignmentTarget(string CreditCode, string RegionCode);

/// <summary>What to assign.</summary>
public sealed record AssignmentRequest
{
    public required string TaskNumber { get; init; }

    public required IReadOnlyList<AssignmentTarget> Targets { get; init; }

    public required IReadOnlyList<AssignmentDepartment> Departments { get; init; }

    /// <summary>Inspectors per target per department, at least 2. <value>Default 2.</value></summary>
    public int InspectorsPerTarget { get; init; } = 2;

    /// <summary>First day of the task's window: certificates must be valid from it.</summary>
    public required DateOnly WindowStart { get; init; }

    /// <summary>Last day of the task's window: certificates must be valid to it.</summary>
    public required DateOnly WindowEnd { get; init; }

    /// <summary>交叉互查: only inspectors whose department lies in a different county from the target.</summary>
    public bool CrossRegion { get; init; }
}
