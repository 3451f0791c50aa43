using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

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

    /// <summary>Why the item could not be read into this shape (a field of the wrong JSON type); <see langword="null"/> when it was.</summary>
    [JsonIgnore] public string? Unreadable { get; init; }

    /// <summary>The decision an item of a page holds; an item with a field of the wrong type comes back marked <see cref="Unreadable"/>, never thrown.</summary>
    public static CfDecision From(JObject item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var raw = item.ToString(Formatting.None);
        try
        {
            return (item.ToObject<CfDecision>() ?? new CfDecision()) with { Raw = raw };
        }
        catch (JsonException ex)
        {
            return new CfDecision { Raw = raw, DecisionNo = item["decisionNo"] is JValue { Value: string no } ? no : "", Unreadable = ex.Message };
        }
    }
}

/// <summary>One page of decisions and the cursor to the next (null on the last).</summary>
public sealed record CfDecisionPage(IReadOnlyList<CfDecision> Items, string? NextCursor);
