using System.ComponentModel.DataAnnotations;

namespace ShuangSuiJi.Adapters.Supervision;

/// <summary>Connection to SUP. Section <c>Partners:SUP</c>.</summary>
public sealed class SupOptions
{
    public const string SectionName = "Partners:SUP";

    /// <summary>Base address ending in <c>/xzxf/api/v1/</c>.</summary>
    [Required(ErrorMessage = "Partners:SUP:BaseUrl is required.")]
    public Uri? BaseUrl { get; set; }

    [Required(ErrorMessage = "Partners:SUP:AppKey is required.")]
    public string AppKey { get; set; } = "";

    /// <summary>The HMAC-SM3 key; from environment or user secrets, never the repository.</summary>
    [Required(ErrorMessage = "Partners:SUP:AppSecret is required.")]
    public string AppSecret { get; set; } = "";

    /// <summary>Records per page; SUP allows at most 500. <value>Default 500.</value></summary>
    [Range(1, 500, ErrorMessage = "Partners:SUP:PageSize must be between 1 and 500 (the contract's maximum).")]
    public int PageSize { get; set; } = 500;

    /// <summary>Attempts for codes the contract marks retryable (1002, 1003, 5000, 5001). <value>Default 4.</value></summary>
    [Range(1, 10, ErrorMessage = "Partners:SUP:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Longest wait honoured for 5001 maintenance (retryAfterSeconds). <value>Default 60 s.</value></summary>
    [Range(0, 3600, ErrorMessage = "Partners:SUP:MaxRetryAfterSeconds must be between 0 and 3600.")]
    public int MaxRetryAfterSeconds { get; set; } = 60;
}
