namespace ShuangSuiJi.Core.Kinds;

/// <summary>
/// A penalty decision (处罚决定) that followed a case lead raised from an inspection; links back to the task and
/// target so the result's follow-up can be shown. Natural key: <see cref="DecisionNumber"/>.
/// </summary>
public sealed record CaseDecision : ICanonicalRecord
{
    /// <summary>决定书文号, for example 赣市监处罚〔2025〕12号.</summary>
    public required string DecisionNumber { get; init; }

    /// <summary>The case lead (案源线索) it followed.</summary>
    public required string CaseLeadNumber { get; init; }

    public required string TaskNumber { get; init; }

    public required string TargetCreditCode { get; init; }

    public required DateOnly DecidedOn { get; init; }

    /// <summary>WARNING, FINE, CONFISCATION, SUSPENSION or REVOCATION.</summary>
    public required string PenaltyKind { get; init; }

    /// <summary>Fine in yuan, when a fine.</summary>
    public decimal? FineAmount { get; init; }

    /// <summary>Whether the decision has been revoked.</summary>
    public bool Revoked { get; init; }

    public required Provenance Provenance { get; init; }
}
