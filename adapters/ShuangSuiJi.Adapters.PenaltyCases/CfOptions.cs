using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Adapters.PenaltyCases;

/// <summary>Connection to CF. Section <c>Partners:CF</c>.</summary>
public sealed class CfOptions
{
    public const string SectionName = "Partners:CF";

    /// <summary>Base address ending in <c>/case/</c>.</summary>
    [Required(ErrorMessage = "Partners:CF:BaseUrl is required.")]
    public Uri? BaseUrl { get; set; }

    [Required(ErrorMessage = "Partners:CF:ClientId is required.")]
    public string ClientId { get; set; } = "";

    [Required(ErrorMessage = "Partners:CF:ClientSecret is required.")]
    public string ClientSecret { get; set; } = "";

    /// <summary>Requests per second the hub allows itself; CF refuses above 20. <value>Default 15.</value></summary>
    [Range(1, 20, ErrorMessage = "Partners:CF:RequestsPerSecond must be between 1 and 20 (CF's ceiling).")]
    public int RequestsPerSecond { get; set; } = 15;

    /// <summary>Decisions per page. <value>Default 500.</value></summary>
    [Range(1, 500, ErrorMessage = "Partners:CF:PageSize must be between 1 and 500.")]
    public int PageSize { get; set; } = 500;
}
