namespace ShuangSuiJi.Core.Kinds;

/// <summary>The result of checking one target in one task by one department (检查结果). Natural key: task number + target code + department code.</summary>
public sealed record InspectionResult : ICanonicalRecord
{
    public required string TaskNumber { get; init; }

    public required string TargetCreditCode { get; init; }

    public required string DepartmentCode { get; init; }

    public required ResultOutcome Outcome { get; init; }

    /// <summary>问题描述; empty when nothing was found.</summary>
    public string Findings { get; init; } = "";

    /// <summary>Certificate numbers of the inspectors who made the check.</summary>
    public required IReadOnlyList<string> InspectorCertificateNumbers { get; init; }

    public required CheckMethod Method { get; init; }

    public required DateOnly InspectedOn { get; init; }

    /// <summary>Date the result was entered (录入日期); due within 7 working days of the check.</summary>
    public DateOnly? EnteredOn { get; init; }

    /// <summary>Date the result was publicised (公示日期); due within 20 working days of the check's end.</summary>
    public DateOnly? PublicisedOn { get; init; }

    /// <summary>Follow-up case-lead number when the check found a problem.</summary>
    public string? CaseLeadNumber { get; init; }

    public required Provenance Provenance { get; init; }

    /// <summary>Whether the outcome is one that found a problem and needs follow-up.</summary>
    public bool FoundProblem => Outcome is ResultOutcome.ProblemOrderedToCorrect
        or ResultOutcome.ProblemPendingInvestigation or ResultOutcome.Unqualified
        or ResultOutcome.InformationNotPublicised or ResultOutcome.SeriouslyUncooperative;
}
