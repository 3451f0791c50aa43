namespace ShuangSuiJi.Draw.InspectorAssignment;

/// <summary>The inspectors of one department for one target.</summary>
public sealed record Assignment(string CreditCode, string DepartmentCode, IReadOnlyList<string> CertificateNumbers);

/// <summary>A target a department could not cover with enough inspectors, and why.</summary>
public sealed record Uncovered(string CreditCode, string DepartmentCode, int Assigned, string Reason);

/// <summary>An inspector left out of the eligible roster, and why.</summary>
public sealed record ExcludedInspector(string CertificateNumber, string DepartmentCode, string Reason);

/// <summary>How load was spread in one department.</summary>
/// <param name="EligibleInspectors">Inspectors who could be assigned at all.</param>
/// <param name="Average">Slots divided by eligible inspectors.</param>
/// <param name="Cap">The most targets any inspector got a cap of; ceil(average) unless the roster forced more.</param>
/// <param name="Note">Why the cap was raised, when it was.</param>
public sealed record DepartmentLoad(string DepartmentCode, int EligibleInspectors, double Average, int Cap, int MaxAssigned, string? Note);

/// <summary>The outcome of an assignment.</summary>
public sealed record AssignmentResult
{
    public required IReadOnlyList<Assignment> Assignments { get; init; }

    public required IReadOnlyList<Uncovered> Uncovered { get; init; }

    public required IReadOnlyList<ExcludedInspector> ExcludedInspectors { get; init; }

    public required IReadOnlyList<DepartmentLoad> Loads { get; init; }

    /// <summary>Every target has enough inspectors from every department.</summary>
    public bool Complete => Uncovered.Count == 0;
}
