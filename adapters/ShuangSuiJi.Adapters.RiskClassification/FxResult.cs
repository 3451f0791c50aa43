using Newtonsoft.Json;

namespace ShuangSuiJi.Adapters.RiskClassification;

/// <summary>One inspection result as FX takes it (<c>POST /fxfl/api/inspection-results</c>).</summary>
public sealed record FxResult
{
    [JsonProperty("tyshxydm")]
    public required string CreditCode { get; init; }

    [JsonProperty("rwbh")]
    public required string TaskNumber { get; init; }

    [JsonProperty("bmbm")]
    public required string DepartmentCode { get; init; }

    /// <summary>Outcome in the SUP/FX codes (01-09, 99).</summary>
    [JsonProperty("jcjgdm")]
    public required string OutcomeCode { get; init; }

    /// <summary>Check date, <c>yyyy-MM-dd</c>.</summary>
    [JsonProperty("jcrq")]
    public required string CheckDate { get; init; }
}
