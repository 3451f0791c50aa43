using System.Text.Json;
using System.Text.Json.Serialization;
using ShuangSuiJi.Draw.InspectorAssignment;
using ShuangSuiJi.Draw.Randomness;
using ShuangSuiJi.Draw.TargetDraw;

namespace ShuangSuiJi.Draw.Records;

/// <summary>
/// Everything needed to re-derive a draw (docs/draw-spec.md §7): algorithm version, policy, the eligible list per
/// stratum and its hash, the seed commitment and the revealed seed, the drawn targets, and the assignment's
/// inputs and outputs. Published with the result; <see cref="DrawVerifier"/> checks it.
/// </summary>
public sealed record DrawRecord
{
    public required string Algorithm { get; init; }

    public required string TaskNumber { get; init; }

    public required DateTimeOffset DrawnAt { get; init; }

    public CommitmentAlgorithm CommitmentAlgorithm { get; init; } = CommitmentAlgorithm.Sha256;

    /// <summary>Hash of the seed, published before the draw (lower-case hex).</summary>
    public required string SeedCommitment { get; init; }

    /// <summary>The seed, revealed with the result (64 hex characters).</summary>
    public required string Seed { get; init; }

    public required TargetScope Scope { get; init; }

    public required DrawPolicy Policy { get; init; }

    public required int InScopeA { get; init; }

    public required int DrawnThisYearA { get; init; }

    public required int EligibleCount { get; init; }

    public required string EligibleHash { get; init; }

    public required IReadOnlyList<RecordStratum> Strata { get; init; }

    public IReadOnlyList<KeyTarget> KeyTargets { get; init; } = [];

    public string? Refusal { get; init; }

    public required IReadOnlyList<DrawnTarget> Drawn { get; init; }

    public required ExclusionCounts Exclusions { get; init; }

    public RecordAssignment? Assignment { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <exception cref="JsonException">Not a draw record.</exception>
    public static DrawRecord FromJson(string json) =>
        JsonSerializer.Deserialize<DrawRecord>(json, JsonOptions) ?? throw new JsonException("The file holds no draw record.");
}

/// <summary>One stratum of a recorded draw, with its eligible list in canonical order.</summary>
public sealed record RecordStratum(Stratum Stratum, decimal Ratio, int ByRatio, int Drawn, string? Note, IReadOnlyList<string> Eligible);

/// <summary>The assignment part of a draw record: its inputs (so it can be re-run) and its outputs.</summary>
public sealed record RecordAssignment
{
    public required int InspectorsPerTarget { get; init; }

    public required DateOnly WindowStart { get; init; }

    public required DateOnly WindowEnd { get; init; }

    public bool CrossRegion { get; init; }

    public required IReadOnlyList<AssignmentTarget> Targets { get; init; }

    public required IReadOnlyList<AssignmentDepartment> Departments { get; init; }

    public required IReadOnlyList<Assignment> Assignments { get; init; }

    public required IReadOnlyList<Uncovered> Uncovered { get; init; }

    public required IReadOnlyList<DepartmentLoad> Loads { get; init; }

    public IReadOnlyList<ExcludedInspector> ExcludedInspectors { get; init; } = [];

    internal AssignmentRequest ToRequest(string taskNumber) => new()
    {
        TaskNumber = taskNumber,
        Targets = Targets,
        Departments = Departments,
        InspectorsPerTarget = InspectorsPerTarget,
        WindowStart = WindowStart,
        WindowEnd = WindowEnd,
        CrossRegion = CrossRegion,
    };
}
