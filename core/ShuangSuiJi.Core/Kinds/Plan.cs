namespace ShuangSuiJi.Core.Kinds;

/// <summary>An annual inspection plan line (抽查计划). Natural key: <see cref="Code"/>.</summary>
public sealed record Plan : ICanonicalRecord
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required int Year { get; init; }

    /// <summary>The initiating department (发起部门).</summary>
    public required string InitiatingDepartmentCode { get; init; }

    /// <summary>Every department in the plan, the initiating one included, each with its items. More than one makes it a joint plan.</summary>
    public required IReadOnlyList<PlanParticipant> Participants { get; init; }

    /// <summary>抽查对象范围, in words.</summary>
    public string TargetScope { get; init; } = "";

    /// <summary>Share of the targets in scope to draw, in percent (0, 100].</summary>
    public required decimal RatioPercent { get; init; }

    public required PlanFrequency Frequency { get; init; }

    /// <summary>First month of the window, 1-12.</summary>
    public required int StartMonth { get; init; }

    /// <summary>Last month of the window, 1-12, not before <see cref="StartMonth"/>.</summary>
    public required int EndMonth { get; init; }

    public required IReadOnlyList<CheckMethod> Methods { get; init; }

    public ReviewState ReviewState { get; init; } = ReviewState.Draft;

    /// <summary>审核意见 from the reviewing department, when returned.</summary>
    public string? ReviewOpinion { get; init; }

    public WarningLight WarningLight { get; init; } = WarningLight.Green;

    public required Provenance Provenance { get; init; }

    /// <summary>Whether several departments take part (联合抽查).</summary>
    public bool IsJoint => Participants.Count > 1;
}
