using Newtonsoft.Json;

namespace ShuangSuiJi.Adapters.PenaltyCases;

/// <summary>A case lead as CF takes it (<c>POST /case/api/clues</c>).</summary>
public sealed record CfClue
{
    [JsonProperty("sourceType")] public string SourceType { get; init; } = "SJCC";
    [JsonProperty("taskNo")] public required string TaskNo { get; init; }
    [JsonProperty("uscc")] public required string Uscc { get; init; }
    [JsonProperty("entName")] public required string EntName { get; init; }
    [JsonProperty("departmentCode")] public required string DepartmentCode { get; init; }
    [JsonProperty("problem")] public required string Problem { get; init; }
    [JsonProperty("discoveredOn")] public required string DiscoveredOn { get; init; }
    [JsonProperty("inspectorCertNos")] public required IReadOnlyList<string> InspectorCertNos { get; init; }
}

/// <summary>A penalty decision as CF sends it (<c>GET /case/api/decisions</c>).</summary>
public sealed record CfDecision
{
    [JsonProperty("decisionNo")] public string DecisionNo { get; init; } = "";
    [JsonProperty("clueId")] public string ClueId { get; init; } = "";
    [JsonProperty("taskNo")] public string TaskNo { get; init; } = "";
    [JsonProperty("uscc")] public string Uscc { get; init; } = "";
    [JsonProperty("entName")] public string EntName { get; init; } = "";
    [JsonProperty("decidedOn")] public string DecidedOn { get; init; } = "";
    [JsonProperty("penaltyKind")] public string PenaltyKind { get; init; } = "";
    [JsonProperty("fineAmount")] public string? FineAmount { get; init; }
    [JsonProperty("status")] public string Status { get; init; } = "";

    [JsonIgnore] public string Raw { get; init; } = "";
}

/// <summary>One page of decisions and the cursor to the next (null on the last).</summary>
public sealed record CfDecisionPage(IReadOnlyList<CfDecision> Items, string? NextCursor);
