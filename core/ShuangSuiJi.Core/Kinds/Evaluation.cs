namespace ShuangSuiJi.Core.Kinds;

/// <summary>An inspected enterprise's rating of one inspection (检查对象评价). Natural key: <see cref="Id"/>.</summary>
public sealed record Evaluation : ICanonicalRecord
{
    public required string Id { get; init; }

    public required string TaskNumber { get; init; }

    public required string TargetCreditCode { get; init; }

    /// <summary>The department whose inspection is rated, when known.</summary>
    public string? DepartmentCode { get; init; }

    /// <summary>满意度, 1 (worst) to 5 (best).</summary>
    public required int Rating { get; init; }

    public string Comment { get; init; } = "";

    public required DateTimeOffset SubmittedAt { get; init; }

    public EvaluationChannel Channel { get; init; } = EvaluationChannel.QrCode;

    public required Provenance Provenance { get; init; }
}
