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

    /// <summary>
    /// Most bytes an export may decompress to before it is refused (a gzip bomb stops there, not at the disk or the
    /// memory). A full export of ten million rows is about 1.2 GB. <value>Default 8 GiB.</value>
    /// </summary>
    [Range(1L << 20, 1L << 40, ErrorMessage = "Partners:FX:MaxExportBytes must be between 1 MiB and 1 TiB.")]
    public long MaxExportBytes { get; set; } = FxClient.DefaultMaxExportBytes;
}
