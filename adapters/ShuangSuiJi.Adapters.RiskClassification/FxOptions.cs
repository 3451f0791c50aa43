using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Adapters.RiskClassification;

/// <summary>Connection to FX. Section <c>Partners:FX</c>.</summary>
public sealed class FxOptions
{
    public const string SectionName = "Partners:FX";

    /// <summary>Base address ending in <c>/fxfl/</c>.</summary>
    [Required(ErrorMessage = "Partners:FX:BaseUrl is required.")]
    public Uri? BaseUrl { get; set; }

    /// <summary>The key FX issued to the hub, sent as <c>X-Api-Key</c>.</summary>
    [Required(ErrorMessage = "Partners:FX:ApiKey is required.")]
    public string ApiKey { get; set; } = "";

    /// <summary>Results per feedback batch; FX takes at most 1,000. <value>Default 1,000.</value></summary>
    [Range(1, 1000, ErrorMessage = "Partners:FX:BatchSize must be between 1 and 1000 (the contract's maximum).")]
    public int BatchSize { get; set; } = 1000;
}
